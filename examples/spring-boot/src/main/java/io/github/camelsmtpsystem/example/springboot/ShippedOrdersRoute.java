package io.github.camelsmtpsystem.example.springboot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Once, shortly after the start: sends the shipped orders (Sesam entities, one JSON array) to the SMTP system, one
 * mail per order, and logs what happened.
 */
@Component
public class ShippedOrdersRoute extends RouteBuilder {

    private final String orders;

    public ShippedOrdersRoute(@Value("classpath:shipped-orders.json") Resource orders) throws IOException {
        this.orders = orders.getContentAsString(StandardCharsets.UTF_8);
    }

    @Override
    public void configure() {
        from("timer:shipped-orders?repeatCount=1&delay={{example.delay:2000}}")
                .routeId("shipped-orders")
                .setBody(constant(orders))
                .to("smtp-system:notifications")
                .log(
                        "Shipped-order mails: ${header.CamelSmtpSystemSent} sent, ${header.CamelSmtpSystemDiscarded} discarded, "
                                + "${header.CamelSmtpSystemSkipped} skipped");
    }
}

package com.example.shipping;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** The only code: a route. The system and the mail sink come from application.yaml. */
@Component
public class ShippedOrdersRoute extends RouteBuilder {

    @Override
    public void configure() {
        from("direct:shipped").to("smtp-system:shop-mail");
    }
}

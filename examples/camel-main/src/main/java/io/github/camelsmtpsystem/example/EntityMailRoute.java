package io.github.camelsmtpsystem.example;

import org.apache.camel.builder.RouteBuilder;

/**
 * The Java DSL route: reads the sample entities once and mails each through the system {@code example-smtp}, with
 * the settings of a Sesam mail sink file. The YAML DSL route in {@code routes/reminders.yaml} sends a second batch.
 */
public class EntityMailRoute extends RouteBuilder {

    static final Summary SUMMARY = new Summary();

    @Override
    public void configure() {
        from("timer:orders?repeatCount=1").routeId("java-dsl-orders")
                .setBody(simple("resource:classpath:entities/orders.json"))
                .to("smtp-system:example-smtp?sinkConfig=resource:classpath:mail-sink.json")
                .to("direct:summary");

        from("direct:summary").routeId("summary")
                .process(SUMMARY::add)
                .log("${routeId}: ${header.CamelSmtpSystemSent} sent, ${header.CamelSmtpSystemDiscarded} discarded, "
                     + "${header.CamelSmtpSystemSkipped} skipped");
    }
}

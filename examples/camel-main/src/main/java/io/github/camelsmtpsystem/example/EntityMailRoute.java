package io.github.camelsmtpsystem.example;

import org.apache.camel.builder.RouteBuilder;

/**
 * The Java DSL route: mails each sample order through the system {@code example-smtp}, with the settings of a Sesam
 * mail sink file, once the YAML DSL route in {@code routes/reminders.yaml} has sent its reminder. The system's
 * {@code max_per_hour} is 3: the last two orders are discarded (a WARN line each), the deleted one is skipped.
 */
public class EntityMailRoute extends RouteBuilder {

    static final Summary SUMMARY = new Summary();

    @Override
    public void configure() {
        from("direct:orders")
                .routeId("java-dsl-orders")
                .setBody(simple("resource:classpath:entities/orders.json"))
                .to("smtp-system:example-smtp?sinkConfig=resource:classpath:mail-sink.json")
                .to("direct:summary");

        from("direct:summary")
                .routeId("summary")
                .process(SUMMARY::add)
                .log("this batch: ${header.CamelSmtpSystemSent} sent, ${header.CamelSmtpSystemDiscarded} discarded, "
                        + "${header.CamelSmtpSystemSkipped} skipped");
    }
}

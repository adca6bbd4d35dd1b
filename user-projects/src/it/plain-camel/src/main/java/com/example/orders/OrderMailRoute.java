package com.example.orders;

import io.github.camelsmtpsystem.SmtpSystemComponent;
import org.apache.camel.builder.RouteBuilder;

/** README's Java DSL route: every order entity sent to direct:orders becomes one mail. */
public class OrderMailRoute extends RouteBuilder {

    @Override
    public void configure() {
        getContext().getComponent("smtp-system", SmtpSystemComponent.class).setSystemsLocation("classpath:systems.json");

        from("direct:orders")
            .to("smtp-system:our-smtp-server?mailFrom=orders@example.com&recipientsProperty=email"
                + "&subjectTemplate=Order [[ order_no ]] is [[ status ]]"
                + "&bodyTemplate=resource:classpath:mail/order.html.j2");
    }
}

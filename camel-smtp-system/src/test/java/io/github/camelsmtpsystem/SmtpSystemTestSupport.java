package io.github.camelsmtpsystem;

import java.util.HashMap;
import java.util.Map;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;

/**
 * The base of the tests that run the component in a Camel context. Each test sets the component's options and adds
 * its routes, then starts the context itself (or sees the start fail): the context is not started for it.
 */
public abstract class SmtpSystemTestSupport extends CamelTestSupport {

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withAutoStartContext(isStartedBeforeEachTest());
    }

    /** Whether the context starts before each test, with the routes of {@link #createRouteBuilder()}. */
    protected boolean isStartedBeforeEachTest() {
        return false;
    }

    /** The context's smtp-system component. */
    protected SmtpSystemComponent component() {
        return context.getComponent("smtp-system", SmtpSystemComponent.class);
    }

    /** Adds {@code routes} and starts the context. */
    protected void start(RoutesBuilder routes) throws Exception {
        context.addRoutes(routes);
        context.start();
    }

    /** Adds the routes {@code direct:<i> → uris[i]} and starts the context. */
    protected void start(String... uris) throws Exception {
        start(new RouteBuilder() {
            @Override
            public void configure() {
                for (int i = 0; i < uris.length; i++) {
                    from("direct:" + i).to(uris[i]);
                }
            }
        });
    }

    /** Sends {@code body} to route {@code route}; the exchange carries any exception rather than throwing it. */
    protected Exchange send(int route, Object body) {
        return send(route, body, Map.of());
    }

    protected Exchange send(int route, Object body, Map<String, Object> headers) {
        return template.send("direct:" + route, e -> {
            e.getMessage().setHeaders(new HashMap<>(headers));
            e.getMessage().setBody(body);
        });
    }

    /** The endpoint URI of an SMTP system defined inline, on GreenMail's port, followed by {@code options}. */
    protected static String system(String id, GreenMailExtension greenMail, String options) {
        return "smtp-system:" + id + "?smtpServer=127.0.0.1&smtpPort="
                + greenMail.getSmtp().getPort() + "&" + options;
    }

    /** The innermost cause of {@code failure}. */
    static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root != null && root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }
}

package io.github.camelsmtpsystem.benchmarks;

import io.github.camelsmtpsystem.SmtpSystemComponent;
import io.github.camelsmtpsystem.SmtpSystemConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Ours: a route {@code direct:smtp-system → smtp-system:<id>} that renders each entity's mail with Jinja templates and
 * sends it through the system's throttled route and camel-mail, with the component's own {@code JavaMailSender}.
 */
final class SmtpSystemClient implements BenchClient {

    private final CamelContext context;
    private final SmtpSystemComponent component;
    private final ProducerTemplate template;
    private final Endpoint input;
    private final String systemId;

    /**
     * @param target     where to send
     * @param systemId   the system's {@code _id}, one per profile
     * @param maxPerHour the system's cap: high enough that nothing is discarded
     * @param connections the system's connectionPoolSize: the most producer threads of the run gives each a connection
     *     of its own, as the other clients' threads have
     */
    SmtpSystemClient(Target target, String systemId, int maxPerHour, int connections) throws Exception {
        this(target, systemId, maxPerHour, connections, "memory");
    }

    /**
     * @param capStore where the system's hourly budget lives: the component option capStore
     */
    SmtpSystemClient(Target target, String systemId, int maxPerHour, int connections, String capStore)
            throws Exception {
        this.systemId = systemId;
        context = new DefaultCamelContext();
        component = context.getComponent("smtp-system", SmtpSystemComponent.class);
        // a failure should end the run at once, not be retried with back-off inside it
        component.setMaximumRedeliveries(0);
        component.setCapStore(capStore);
        component.setConnectionPoolSize(connections);
        if (target.tls()) {
            component.setSslContextParameters(Tls.camelParameters());
            // implicit TLS on the target's port, else STARTTLS
            component.setImplicitTlsPorts(target.implicitTls() ? Integer.toString(target.port()) : "465");
        }
        String uri = uri(systemId, target, maxPerHour);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:smtp-system").routeId("bench-smtp-system").to(uri);
            }
        });
        context.start();
        template = context.createProducerTemplate();
        input = context.getEndpoint("direct:smtp-system");
    }

    /** The endpoint URI: the system defined inline, the mail sink's templates as a user would write them. */
    static String uri(String systemId, Target target, int maxPerHour) {
        StringBuilder uri = new StringBuilder("smtp-system:")
                .append(systemId)
                .append("?smtpServer=")
                .append(target.host())
                .append("&smtpPort=")
                .append(target.port())
                .append("&maxPerHour=")
                .append(maxPerHour)
                .append("&mailFrom=")
                .append(BenchMails.FROM)
                .append("&recipientsProperty=email")
                .append("&subjectTemplate=")
                .append(BenchMails.SUBJECT_TEMPLATE)
                .append("&bodyTemplate=resource:classpath:")
                .append(BenchMails.BODY_RESOURCE);
        if (target.tls()) {
            uri.append("&useTls=true");
        }
        if (target.auth()) {
            uri.append("&smtpUsername=")
                    .append(SmtpServer.USER)
                    .append("&smtpPassword=RAW(")
                    .append(SmtpServer.PASSWORD)
                    .append(")");
        }
        return uri.toString();
    }

    @Override
    public String name() {
        return "smtp-system";
    }

    @Override
    public ThreadSender thread(int index) {
        return i -> {
            Exchange done =
                    template.send(input, exchange -> exchange.getMessage().setBody(BenchMails.entity(i)));
            if (done.getException() != null) {
                throw done.getException();
            }
            if (done.getMessage().getHeader(SmtpSystemConstants.SENT, 0, Integer.class) != 1) {
                throw new IllegalStateException("smtp-system did not send message " + i + " (discarded: "
                        + done.getMessage().getHeader(SmtpSystemConstants.DISCARDED) + ")");
            }
        };
    }

    /** Mails the system discarded over its cap: must stay 0. */
    long discarded() {
        return component
                .getCounters(systemId)
                .map(counters -> counters.getDiscarded())
                .orElse(0L);
    }

    @Override
    public void close() throws Exception {
        context.close();
    }
}

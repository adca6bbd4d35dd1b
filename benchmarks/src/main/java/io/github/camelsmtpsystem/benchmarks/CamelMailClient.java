package io.github.camelsmtpsystem.benchmarks;

import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Plain camel-mail in the equivalent route, {@code direct:camel-mail → smtp://} (or {@code smtps://}), with the
 * message's recipient, subject and body set as camel-mail expects them: {@code To} and {@code Subject} headers and a
 * text body. Its {@code DefaultJavaMailSender} connects, greets, authenticates and quits for every message.
 */
final class CamelMailClient implements BenchClient {

    @Override
    public boolean keepsConnections() {
        return false;
    }

    private final CamelContext context;
    private final ProducerTemplate template;
    private final Endpoint input;

    CamelMailClient(Target target) throws Exception {
        context = new DefaultCamelContext();
        StringBuilder uri = new StringBuilder(target.implicitTls() ? "smtps://" : "smtp://")
                .append(target.host())
                .append(':')
                .append(target.port())
                .append("?from=")
                .append(BenchMails.FROM)
                .append("&connectionTimeout=10000");
        if (target.tls()) {
            context.getRegistry().bind("benchSsl", Tls.camelParameters());
            // checks the server's host name, as smtp-system: does
            Properties checkName = new Properties();
            String prefix = target.implicitTls() ? "mail.smtps." : "mail.smtp.";
            checkName.setProperty(prefix + "ssl.checkserveridentity", "true");
            context.getRegistry().bind("benchMailProperties", checkName);
            uri.append("&additionalJavaMailProperties=#benchMailProperties");
            if (target.startTls()) {
                // camel-mail's sslContextParameters would make TLS start with the first byte: the upgrade's factory
                // instead
                checkName.setProperty(prefix + "starttls.enable", "true");
                checkName.setProperty(prefix + "starttls.required", "true");
                checkName.put(prefix + "ssl.socketFactory", Tls.context().getSocketFactory());
            } else {
                uri.append("&sslContextParameters=#benchSsl");
            }
        }
        if (target.auth()) {
            uri.append("&username=")
                    .append(SmtpServer.USER)
                    .append("&password=RAW(")
                    .append(SmtpServer.PASSWORD)
                    .append(")");
        }
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:camel-mail").routeId("bench-camel-mail").to(uri.toString());
            }
        });
        context.start();
        template = context.createProducerTemplate();
        input = context.getEndpoint("direct:camel-mail");
    }

    @Override
    public String name() {
        return "camel-mail";
    }

    @Override
    public ThreadSender thread(int index) {
        return i -> {
            Exchange done = template.send(input, exchange -> {
                exchange.getMessage().setHeader("To", BenchMails.recipient(i));
                exchange.getMessage().setHeader("Subject", BenchMails.subject(i));
                exchange.getMessage().setBody(BenchMails.body(i));
            });
            if (done.getException() != null) {
                throw done.getException();
            }
        };
    }

    @Override
    public void close() throws Exception {
        context.close();
    }
}

package io.github.camelsmtpsystem.internal.route;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import io.github.camelsmtpsystem.cap.CapStoreException;
import io.github.camelsmtpsystem.delivery.SystemCounters;
import io.github.camelsmtpsystem.internal.runtime.SmtpRetry;
import io.github.camelsmtpsystem.internal.smtp.SmtpFailures;
import io.github.camelsmtpsystem.mail.SafeText;
import io.github.camelsmtpsystem.system.SmtpSystem;
import io.github.camelsmtpsystem.system.SystemKey;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.processor.ThrottlerRejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two routes of one SMTP system, shared by every endpoint that names it. {@code smtp-system-<id>} takes one
 * {@code MimeMessage} per exchange through a Throttle EIP that lets at most {@code max_per_hour} pass in any rolling
 * hour, then to camel-mail. What the throttle rejects goes, undelayed, to {@code smtp-system-<id>-discarded}, which
 * logs it at WARN, counts it, and sends it to the endpoint's {@code discardedUri} when there is one.
 */
public final class SystemRoute extends RouteBuilder {

    /** Exchange property: the {@code _id} of the entity the mail was made from. */
    public static final String ENTITY_ID = "CamelSmtpSystemEntityId";
    /** Exchange property: where to send a discarded mail too, or absent. */
    public static final String DISCARDED_URI = "CamelSmtpSystemDiscardedUri";
    /**
     * Exchange property set to {@code true} when the mail was discarded over the cap; not the public result header
     * {@code CamelSmtpSystemDiscarded}, which counts the discarded mails of a whole exchange.
     */
    public static final String MAIL_DISCARDED = "CamelSmtpSystemMailDiscarded";

    /**
     * Exchange property set to {@code true} by a batch sent in runs: the mail passes the cap here and goes to the server
     * later, in a run of the batch's mails ({@code BatchRun}), which counts it then.
     */
    public static final String DEFER_SEND = "CamelSmtpSystemDeferSend";

    private static final Logger LOG = LoggerFactory.getLogger(SystemRoute.class);

    private static final String DISCARDED_SUFFIX = "-discarded";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final SmtpSystem system;
    private final Endpoint mail;
    private final SystemCounters counters;
    private final long periodMillis;
    private final SmtpRetry retry;
    private Processor capGate;

    /**
     * @param system       the system
     * @param mail         the camel-mail endpoint that sends through it
     * @param counters     the system's counters
     * @param periodMillis the cap's period: one hour, shorter only in tests
     * @param retry        how transient failures are retried
     */
    public SystemRoute(SmtpSystem system, Endpoint mail, SystemCounters counters, long periodMillis, SmtpRetry retry) {
        this.system = system;
        // a host from $SECRET must not show in the route (its dump, JMX, Camel's logs): the endpoint gets a URI without
        // it
        this.mail = system.isFromSecret(SystemKey.SMTP_SERVER) || system.isFromSecret(SystemKey.SMTP_PORT)
                ? new HiddenHostEndpoint(
                        mail.getEndpointUri().substring(0, mail.getEndpointUri().indexOf("://") + 3) + "******", mail)
                : mail;
        this.counters = counters;
        this.periodMillis = periodMillis;
        this.retry = retry;
    }

    /** With a shared cap store: the step that takes a permit there before the throttle, retried when the store fails. */
    public void useCapGate(Processor capGate) {
        this.capGate = capGate;
    }

    /** The endpoint that takes the system's mails. */
    public static String inputUri(String systemId) {
        return "direct:" + routeId(systemId);
    }

    /**
     * The route id of the system's sending route: {@code smtp-system-} and the id, one to one, so that no two systems
     * ever share a route (and with it a server, credentials and hourly cap). Letters, digits, {@code _}, {@code .} and
     * {@code -} stay as they are; every other character is written as {@code ~} and the hex of each of its UTF-8 bytes
     * ({@code a b} is {@code a~20b}, {@code a~b} is {@code a~7Eb}), and so is the {@code -} of an id that ends in
     * {@code -discarded}, which would otherwise name another system's discard route.
     */
    public static String routeId(String systemId) {
        StringBuilder id = new StringBuilder("smtp-system-");
        byte[] bytes = systemId.getBytes(StandardCharsets.UTF_8);
        int discardSuffix = systemId.endsWith(DISCARDED_SUFFIX) ? bytes.length - DISCARDED_SUFFIX.length() : -1;
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (i != discardSuffix && b < 0x80 && (Character.isLetterOrDigit(b) || b == '_' || b == '.' || b == '-')) {
                id.append((char) b);
            } else {
                id.append('~').append(HEX[b >> 4]).append(HEX[b & 0xf]);
            }
        }
        return id.toString();
    }

    @Override
    public void configure() {
        String id = routeId(system.getId());
        String discarded = "direct:" + id + DISCARDED_SUFFIX;

        ProcessorDefinition<?> route = from(inputUri(system.getId()))
                .routeId(id)
                // the body is a mail object, never a stream: stream caching would only look for a converter per mail
                .streamCache(false)
                .onException(ThrottlerRejectedExecutionException.class)
                .handled(true)
                .to(discarded)
                .end()
                // redelivery resumes at the mail step, after the throttle: a retried mail uses one permit
                .onException(Exception.class)
                .onWhen(this::isTransient)
                .maximumRedeliveries(retry.maximumRedeliveries())
                .redeliveryDelay(retry.redeliveryDelayMillis())
                .useExponentialBackOff()
                .backOffMultiplier(retry.backOffMultiplier())
                .maximumRedeliveryDelay(retry.maximumRedeliveryDelayMillis())
                .retryAttemptedLogLevel(LoggingLevel.WARN)
                .logExhausted(false)
                .process(e -> counters.failed())
                .end()
                .onException(Exception.class)
                .logExhausted(false)
                .process(e -> counters.failed())
                .end();
        if (capGate != null) {
            route = route.process(capGate);
        }
        // an Integer, the type the throttle reads its maximum as for every mail: a long would be converted each time
        route.throttle(constant(system.getMaxPerHour()))
                .totalRequestsMode()
                .timePeriodMillis(periodMillis)
                .rejectExecution(true)
                .choice()
                // a batch's mail has passed the cap, in the batch's order; its run sends it
                .when(exchange -> Boolean.TRUE.equals(exchange.getProperty(DEFER_SEND)))
                .stop()
                .otherwise()
                .to(mail)
                .process(e -> counters.sent())
                .end();

        from(discarded)
                .routeId(id + DISCARDED_SUFFIX)
                .process(this::logDiscarded)
                .filter(exchangeProperty(DISCARDED_URI).isNotNull())
                .toD("${exchangeProperty." + DISCARDED_URI + "}");
    }

    private boolean isTransient(Exchange exchange) {
        Throwable failure = exchange.getException() != null
                ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return failure != null
                && (SmtpFailures.isTransient(failure)
                        || failure instanceof CapStoreException
                        || retry.retryUncertain() && SmtpFailures.isUncertain(failure));
    }

    private void logDiscarded(Exchange exchange) {
        exchange.setProperty(MAIL_DISCARDED, true);
        // read from the mail here, not kept for every mail that passes: only a discarded one is logged
        String recipients = null;
        String subject = null;
        if (exchange.getMessage().getBody() instanceof MimeMessage mail) {
            try {
                recipients = InternetAddress.toString(mail.getAllRecipients());
                subject = mail.getSubject();
            } catch (MessagingException e) {
                LOG.debug("Cannot read the discarded mail's recipients or subject: {}", e.toString());
            }
        }
        SystemCounters.Discard discard = new SystemCounters.Discard(
                SafeText.of(exchange.getProperty(ENTITY_ID)),
                SafeText.of(recipients),
                SafeText.of(subject),
                Instant.now());
        counters.discarded(discard);
        // never the body: it may hold personal data; the subject and recipients say which mail it was
        LOG.warn(
                "SMTP system '{}' reached its max_per_hour of {}: discarded the mail of entity '{}' to {} with subject '{}'",
                SafeText.of(system.getId()),
                system.getMaxPerHour(),
                discard.entityId(),
                discard.recipients(),
                discard.subject());
    }
}

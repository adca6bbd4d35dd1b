package io.github.camelsmtpsystem.internal.runtime;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutorService;

import io.github.camelsmtpsystem.delivery.SystemCounters;
import io.github.camelsmtpsystem.internal.batch.BatchRuns;
import io.github.camelsmtpsystem.internal.cap.CapStores;
import io.github.camelsmtpsystem.internal.health.HealthChecks;
import io.github.camelsmtpsystem.internal.health.SmtpConnectionProbe;
import io.github.camelsmtpsystem.internal.health.SmtpSystemHealthCheck;
import io.github.camelsmtpsystem.internal.route.SystemRoute;
import io.github.camelsmtpsystem.internal.smtp.SmtpConnectionPool;
import io.github.camelsmtpsystem.internal.smtp.SmtpConnectionSettings;
import io.github.camelsmtpsystem.internal.smtp.SmtpSystemMailSender;
import io.github.camelsmtpsystem.system.SmtpSystem;
import io.github.camelsmtpsystem.system.SmtpSystemConfigException;
import io.github.camelsmtpsystem.system.SystemKey;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mail.MailComponent;
import org.apache.camel.component.mail.MailConfiguration;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;

/**
 * One running SMTP system, shared by every endpoint that names it: its counters, its sender with a pool of open
 * connections, its health check and its two routes ({@link SystemRoute}). A Camel service: the component adds it to
 * the context (which starts it) when the first endpoint of the system is initialized, and the context stops it.
 */
public final class SmtpSystemRuntime extends ServiceSupport {

    /**
     * What the component's options say about running a system, the same for each of its systems.
     *
     * @param capPeriodMillis          the period of max_per_hour: one hour, shorter only in tests
     * @param retry                    how transient failures are retried
     * @param connection               timeouts, TLS and pipelining of the connections
     * @param poolSize                 connections kept open; 0 for a connection per message
     * @param maxMessagesPerConnection messages after which a pooled connection is replaced
     * @param idleTimeoutMillis        how long an unused pooled connection stays open
     * @param healthCheckCacheMillis   how long a health check reuses its last result
     * @param allowPlaintextAuth       whether a password may cross a network in clear text
     * @param capStores                where the hourly budgets live when they are shared or durable (capStore)
     */
    public record Settings(
            long capPeriodMillis,
            SmtpRetry retry,
            SmtpConnectionSettings connection,
            int poolSize,
            int maxMessagesPerConnection,
            long idleTimeoutMillis,
            long healthCheckCacheMillis,
            boolean allowPlaintextAuth,
            CapStores capStores) {}

    private final CamelContext camelContext;
    private final SmtpSystem system;
    private final Settings settings;
    private SystemCounters counters;
    private Endpoint input;
    private ProducerTemplate template;
    private SmtpSystemMailSender sender;
    private SmtpConnectionPool pool;
    private ExecutorService runThreads;
    private BatchRuns batchRuns;

    public SmtpSystemRuntime(CamelContext camelContext, SmtpSystem system, Settings settings) {
        this.camelContext = camelContext;
        this.system = system;
        this.settings = settings;
    }

    @Override
    protected void doStart() throws Exception {
        checkCredentialsAreProtected();
        counters = new SystemCounters(system.getId(), system.getMaxPerHour(), settings.capPeriodMillis());
        camelContext.addService(counters);
        sender = pooledSender();
        registerHealthCheck(sender);
        SystemRoute routes =
                new SystemRoute(system, mailEndpoint(sender), counters, settings.capPeriodMillis(), settings.retry());
        settings.capStores()
                .attach(
                        camelContext,
                        system.getId(),
                        system.getMaxPerHour(),
                        settings.capPeriodMillis(),
                        routes::useCapGate,
                        counters::useSharedSendsInLastHour);
        camelContext.addRoutes(routes);
        if (!camelContext.isStarted()) {
            // endpoints start their system at init, while Camel builds the routes that use them; a context that is
            // not started only records added routes, so build these now and they start with the others
            ((ModelCamelContext) camelContext)
                    .startRouteDefinitions(routes.getRouteCollection().getRoutes());
        }
        // as many run threads as connections: each run holds one connection while it goes
        runThreads = camelContext
                .getExecutorServiceManager()
                .newFixedThreadPool(this, "SmtpSystemRuns[" + system.getId() + "]", Math.max(1, settings.poolSize()));
        batchRuns =
                new BatchRuns(system.getId(), sender, runThreads, settings.retry(), counters, settings.connection());
        input = camelContext.getEndpoint(SystemRoute.inputUri(system.getId()));
        template = camelContext.createProducerTemplate();
    }

    @Override
    protected void doStop() {
        ServiceHelper.stopService(template);
        if (runThreads != null) {
            // runs in flight end on their own timeouts, or fail when the pool closes their connections
            camelContext.getExecutorServiceManager().shutdown(runThreads);
        }
    }

    /** The system this runs. */
    public SmtpSystem system() {
        return system;
    }

    /** The system's counters. */
    public SystemCounters counters() {
        return counters;
    }

    /** {@code smtps} for implicit TLS, {@code smtp} otherwise (with STARTTLS when the system uses TLS). */
    public String protocol() {
        return sender.getProtocol();
    }

    /** The pool of kept-open connections, or {@code null} when each message has a connection of its own. */
    public SmtpConnectionPool pool() {
        return pool;
    }

    /**
     * Sends one mail exchange through the system's route, and returns it with the route's outcome (an exception, or
     * {@link SystemRoute#MAIL_DISCARDED} when the cap discarded it).
     */
    public Exchange send(Processor prepare) {
        return template.send(input, prepare);
    }

    /** Sends the mails of batches in pipelined runs on the system's connections. */
    public BatchRuns batchRuns() {
        return batchRuns;
    }

    /** A password must not cross a network in clear text unless the user says the network is trusted. */
    private void checkCredentialsAreProtected() {
        if (!system.isAuthenticated()
                || system.isUseTls()
                || settings.allowPlaintextAuth()
                || isLoopback(system.getSmtpServer())) {
            return;
        }
        throw new SmtpSystemConfigException("SMTP system '" + system.getId() + "' (" + system.getSource() + ") would "
                + "send its " + (system.usesOAuth2() ? "access token" : "password") + " in clear text to "
                + system.shown(SystemKey.SMTP_SERVER, system.getSmtpServer())
                + ": use_tls is false and the server "
                + "is not on this machine. Set use_tls to true, or set the component option allowPlaintextAuth=true "
                + "if the network to the server is trusted.");
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * With camel-health on the class path: a check that connects, says EHLO, authenticates and quits, signing in as the
     * system's sender does (not through its pool).
     */
    private void registerHealthCheck(SmtpSystemMailSender sender) {
        HealthChecks.register(
                camelContext,
                () -> new SmtpSystemHealthCheck(
                        system, new SmtpConnectionProbe(system, sender), settings.healthCheckCacheMillis()));
    }

    private Endpoint mailEndpoint(SmtpSystemMailSender sender) throws Exception {
        String protocol = sender.getProtocol();
        // no credentials in the URI: they live in the sender, so they never show where Camel lists endpoints
        String uri = protocol + "://" + system.getSmtpServer() + ":" + system.getSmtpPort();
        MailConfiguration mail = new MailConfiguration(camelContext);
        mail.configure(URI.create(uri));
        mail.setJavaMailSender(sender);
        MailEndpoint endpoint = new MailEndpoint(uri, camelContext.getComponent(protocol, MailComponent.class), mail);
        endpoint.setCamelContext(camelContext);
        return endpoint;
    }

    /** The system's sender, with a pool of kept-open connections unless the pool size is 0. */
    private SmtpSystemMailSender pooledSender() throws Exception {
        SmtpSystemMailSender sender = new SmtpSystemMailSender(system, settings.connection());
        if (settings.poolSize() > 0) {
            pool = new SmtpConnectionPool(
                    system.getId(),
                    sender::connect,
                    settings.poolSize(),
                    settings.maxMessagesPerConnection(),
                    settings.idleTimeoutMillis(),
                    settings.connection().writeTimeouts());
            // the context stops its services after its routes: every connection is closed when it stops
            camelContext.addService(pool, true, true);
            sender.usePool(pool);
        }
        return sender;
    }
}

package io.github.camelsmtpsystem.internal.cap;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

import io.github.camelsmtpsystem.cap.HourlyCapStore;
import io.github.camelsmtpsystem.internal.health.HealthChecks;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;

/**
 * The shared store of a component's hourly budgets, as its option {@code capStore} names it, opened when the
 * component starts and closed when it stops. With {@code memory} there is none: the Throttle EIP alone keeps the
 * budget, in this JVM, exactly as without a store.
 */
public final class CapStores implements AutoCloseable {

    /** The store's settings besides its name: the component's capStore* options and timeouts. */
    public record Settings(
            String keyPrefix,
            String username,
            String password,
            String table,
            long connectTimeoutMillis,
            long readTimeoutMillis) {}

    private final HourlyCapStore store;
    private final boolean owned;
    private final Settings settings;
    private final String secret;

    private CapStores(HourlyCapStore store, boolean owned, Settings settings, String secret) {
        this.store = store;
        this.owned = owned;
        this.settings = settings;
        this.secret = secret;
    }

    /**
     * Opens the store {@code value} names ({@code $ENV}/{@code $SECRET} already resolved). Connections open on first
     * use, so a store that is down at start does not stop the application: its mails fail until it is back.
     *
     * @throws IllegalArgumentException naming the option and the fix when the value is malformed
     */
    public static CapStores open(String value, CamelContext context, Settings settings) {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.isEmpty() || "memory".equalsIgnoreCase(trimmed)) {
            return new CapStores(null, false, settings, null);
        }
        if (trimmed.startsWith("file:")) {
            String directory = trimmed.substring("file:".length());
            if (directory.isBlank()) {
                throw new IllegalArgumentException(
                        "capStore 'file:' names no directory. Write file:/path/to/a/directory.");
            }
            return new CapStores(new FileCapStore(Path.of(directory)), true, settings, null);
        }
        if (trimmed.startsWith("redis://") || trimmed.startsWith("rediss://")) {
            URI uri = redisUri(trimmed);
            String password = uri.getRawUserInfo() == null
                    ? null
                    : uri.getRawUserInfo().substring(uri.getRawUserInfo().indexOf(':') + 1);
            return new CapStores(
                    library(
                            "Redis",
                            "redis.clients:jedis",
                            () -> new RedisCapStore(
                                    uri, (int) settings.connectTimeoutMillis(), (int) settings.readTimeoutMillis())),
                    true,
                    settings,
                    password);
        }
        if (trimmed.startsWith("jdbc:")) {
            // the name in messages: the URL without its parameters, which may hold a password
            String name = trimmed.split("[?;]", 2)[0];
            JdbcCapStore.checkTableName(settings.table());
            DataSource pool = library("JDBC", "com.zaxxer:HikariCP", () -> JdbcPool.open(trimmed, settings));
            return new CapStores(
                    new JdbcCapStore(pool, settings.table(), name, true), true, settings, settings.password());
        }
        if (trimmed.startsWith("#")) {
            String bean = trimmed.startsWith("#bean:") ? trimmed.substring("#bean:".length()) : trimmed.substring(1);
            Object found = context.getRegistry().lookupByName(bean);
            if (found instanceof HourlyCapStore custom) {
                return new CapStores(custom, false, settings, null);
            }
            if (found instanceof DataSource dataSource) {
                return new CapStores(
                        new JdbcCapStore(dataSource, settings.table(), "#" + bean, false), true, settings, null);
            }
            throw new IllegalArgumentException("capStore '#" + bean + "': the registry has "
                    + (found == null
                            ? "no bean of that name"
                            : "a " + found.getClass().getName()) + ". Name a javax.sql.DataSource or an "
                    + HourlyCapStore.class.getName() + " bean.");
        }
        throw new IllegalArgumentException(
                "capStore must be memory, file:<directory>, redis://[[user]:password@]host:port[/db], "
                        + "rediss://..., jdbc:<url> or #<bean>, not '" + trimmed.split(":", 2)[0] + ":...'.");
    }

    /** Whether a shared store keeps the budgets (else the Throttle EIP alone, per JVM). */
    public boolean isShared() {
        return store != null;
    }

    /**
     * Puts the system's budget in the store: its route takes a permit there before each send, its counters show the
     * store's sends in the last hour, and a health check reports the store. Does nothing for {@code memory}.
     *
     * @param useGate      receives the route step to run before the send
     * @param useSendCount receives what counts the sends in the last period
     */
    public void attach(
            CamelContext context,
            String systemId,
            int maxPerHour,
            long periodMillis,
            Consumer<Processor> useGate,
            Consumer<LongSupplier> useSendCount) {
        if (store == null) {
            return;
        }
        CapGate gate = new CapGate(
                store, systemId, settings.keyPrefix() + systemId, maxPerHour, Duration.ofMillis(periodMillis), secret);
        useGate.accept(gate);
        useSendCount.accept(gate::sendsInPeriod);
        HealthChecks.register(context, () -> new CapStoreHealthCheck(gate));
    }

    @Override
    public void close() {
        if (store != null && owned) {
            store.close();
        }
    }

    private static URI redisUri(String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            // the message would quote the value, password included
            throw new IllegalArgumentException(
                    "capStore is not a valid Redis URI. Write redis://[[user]:password@]host:port[/db], "
                            + "with reserved characters in the password percent-encoded.");
        }
    }

    private interface Opener<T> {
        T open();
    }

    private static <T> T library(String kind, String artifact, Opener<T> opener) {
        try {
            return opener.open();
        } catch (NoClassDefFoundError e) {
            throw new IllegalArgumentException(
                    "capStore names a " + kind + " store, but " + artifact + " is not on the class path. "
                            + "Add the dependency " + artifact + ".",
                    e);
        }
    }
}

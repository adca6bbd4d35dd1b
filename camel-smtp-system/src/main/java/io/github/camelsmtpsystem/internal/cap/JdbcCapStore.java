package io.github.camelsmtpsystem.internal.cap;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import io.github.camelsmtpsystem.cap.HourlyCapStore;

/**
 * Hourly budgets in a SQL database (PostgreSQL), shared by every application that uses it. Table {@code <table>}
 * holds a count per key and second, {@code <table>_keys} the window's total per key; both, and the function
 * {@code <table>_take} that takes a permit, are created when missing. A permit is one call of that function: one
 * round trip, serialised per key by a row lock, timed by the database server's clock, amortised O(1) (each second's
 * row is deleted once, as it leaves the window).
 */
public class JdbcCapStore implements HourlyCapStore {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,40}(\\.[A-Za-z_][A-Za-z0-9_]{0,40})?");

    private final DataSource dataSource;
    private final String table;
    private final String name;
    private final String take;
    private final boolean ownsDataSource;
    private volatile boolean created;

    /**
     * @param dataSource where the database is
     * @param table      the table's name, optionally with its schema; the function and a second table take its name
     *                   as a prefix
     * @param name       how messages name the store, without a secret
     * @param owned      whether {@link #close()} closes the data source (a pool the store made, not a bean)
     */
    public JdbcCapStore(DataSource dataSource, String table, String name, boolean owned) {
        checkTableName(table);
        this.dataSource = dataSource;
        this.table = table;
        this.name = name;
        this.ownsDataSource = owned;
        this.take = "SELECT " + table + "_take(?, ?, ?)";
    }

    /** The table name goes into SQL text: only a plain name may. */
    static void checkTableName(String table) {
        if (table == null || !NAME.matcher(table).matches()) {
            throw new IllegalArgumentException(
                    "capStoreTable '" + table + "' is not a plain SQL name. Write letters, digits "
                            + "and underscores, optionally schema.table, for instance smtp_system_cap.");
        }
    }

    @Override
    public boolean tryAcquire(String key, int max, Duration period) {
        return call(key, max, period) >= 0;
    }

    @Override
    public long used(String key, Duration period) {
        return call(key, -1, period);
    }

    private long call(String key, int max, Duration period) {
        try {
            createIfMissing();
            try {
                return take(key, max, period);
            } catch (SQLException e) {
                if (!isBrokenConnection(e)) {
                    throw e;
                }
                // a pooled connection from before a database restart: the pool has dropped it, a new one may work
                return take(key, max, period);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private long take(String key, int max, Duration period) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(take)) {
            connection.setAutoCommit(true);
            statement.setString(1, key);
            statement.setInt(2, max);
            statement.setInt(3, HourlyCapStore.windowSeconds(period));
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /** SQLSTATE class 08 (connection exception) or 57P (the server shut down or restarted). */
    private static boolean isBrokenConnection(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }

    /** Creates the tables and the function once; a database that is down at start is set up when it is back. */
    private void createIfMissing() throws SQLException {
        if (created) {
            return;
        }
        synchronized (this) {
            if (created) {
                return;
            }
            try (Connection connection = dataSource.getConnection();
                    Statement sql = connection.createStatement()) {
                connection.setAutoCommit(false);
                try {
                    // applications starting together would race on CREATE: one at a time
                    sql.execute("SELECT pg_advisory_xact_lock(hashtext('" + table + "'))");
                    sql.execute("CREATE TABLE IF NOT EXISTS " + table
                            + " (cap_key varchar(400) NOT NULL, second bigint NOT NULL, "
                            + "count integer NOT NULL, PRIMARY KEY (cap_key, second))");
                    sql.execute("CREATE TABLE IF NOT EXISTS " + table + "_keys (cap_key varchar(400) PRIMARY KEY, "
                            + "last_second bigint NOT NULL, total bigint NOT NULL)");
                    sql.execute(function());
                    connection.commit();
                } catch (SQLException e) {
                    connection.rollback();
                    throw e;
                }
            }
            created = true;
        }
    }

    /** {@code <table>_take(key, max, window)}: the count, or -1 when refused; max -1 only counts. */
    private String function() {
        return """
                CREATE OR REPLACE FUNCTION %1$s_take(k varchar, cap integer, win integer) RETURNS bigint
                LANGUAGE plpgsql AS $fn$
                DECLARE
                  now_s bigint := floor(extract(epoch FROM clock_timestamp()));
                  last_s bigint;
                  tot bigint;
                  gone bigint;
                BEGIN
                  INSERT INTO %1$s_keys (cap_key, last_second, total) VALUES (k, now_s, 0) ON CONFLICT (cap_key) DO NOTHING;
                  SELECT last_second, total INTO last_s, tot FROM %1$s_keys WHERE cap_key = k FOR UPDATE;
                  IF now_s < last_s THEN now_s := last_s; END IF;
                  WITH expired AS (DELETE FROM %1$s WHERE cap_key = k AND second <= now_s - win RETURNING count)
                    SELECT coalesce(sum(count), 0) INTO gone FROM expired;
                  tot := tot - gone;
                  IF cap >= 0 THEN
                    IF tot >= cap THEN
                      UPDATE %1$s_keys SET last_second = now_s, total = tot WHERE cap_key = k;
                      RETURN -1;
                    END IF;
                    INSERT INTO %1$s AS b (cap_key, second, count) VALUES (k, now_s, 1)
                      ON CONFLICT (cap_key, second) DO UPDATE SET count = b.count + 1;
                    tot := tot + 1;
                  END IF;
                  UPDATE %1$s_keys SET last_second = now_s, total = tot WHERE cap_key = k;
                  RETURN tot;
                END
                $fn$""".formatted(table);
    }

    @Override
    public void close() {
        if (ownsDataSource && dataSource instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing at stop: nothing left to do with it
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }
}

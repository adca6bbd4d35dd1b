package io.github.camelsmtpsystem.internal.cap;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** The connection pool of a {@code jdbc:} store (HikariCP), in a class of its own so that HikariCP stays optional. */
final class JdbcPool {

    private JdbcPool() {}

    static DataSource open(String url, CapStores.Settings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("smtp-system-cap-store");
        config.setJdbcUrl(url);
        config.setUsername(settings.username());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(8);
        config.setConnectionTimeout(Math.max(250, settings.connectTimeoutMillis()));
        // a database that is down at start must not stop the application: its mails fail until it is back
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }
}

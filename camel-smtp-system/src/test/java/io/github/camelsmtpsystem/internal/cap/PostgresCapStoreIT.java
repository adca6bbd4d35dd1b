package io.github.camelsmtpsystem.internal.cap;

import java.nio.file.Path;

import io.github.camelsmtpsystem.cap.HourlyCapStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/** The shared budget in a real PostgreSQL (Debian's), reached through a jdbc: URL. */
class PostgresCapStoreIT extends ServerBudgetContract {

    @TempDir
    static Path directory;

    static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresServer.start(directory);
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    String capStore() {
        // the password travels in the URL here, to prove that no message shows it
        return postgres.url() + "?user=" + PostgresServer.USER + "&password=" + secret();
    }

    @Override
    HourlyCapStore openStore() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(postgres.url());
        dataSource.setUser(PostgresServer.USER);
        return new JdbcCapStore(dataSource, "smtp_system_cap", "test", false);
    }

    @Override
    void stopServer() throws Exception {
        postgres.stop();
    }

    @Override
    void startServer() throws Exception {
        postgres.start();
    }

    @Override
    String secret() {
        return "s3cret-pg-pw";
    }

    @Override
    String storeName() {
        return postgres.url();
    }
}

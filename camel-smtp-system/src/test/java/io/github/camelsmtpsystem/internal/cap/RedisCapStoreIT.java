package io.github.camelsmtpsystem.internal.cap;

import java.net.URI;
import java.nio.file.Path;

import io.github.camelsmtpsystem.cap.HourlyCapStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The shared budget in a real Redis (Debian's redis-server) that requires a password. */
class RedisCapStoreIT extends ServerBudgetContract {

    private static final String PASSWORD = "s3cret-redis-pw";

    @TempDir
    static Path directory;

    static RedisServer redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start(directory, PASSWORD);
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    String capStore() {
        return "redis://:" + PASSWORD + "@127.0.0.1:" + redis.port() + "/2";
    }

    @Override
    HourlyCapStore openStore() {
        return new RedisCapStore(URI.create(capStore()), 2000, 2000);
    }

    @Override
    void stopServer() throws Exception {
        redis.stop();
    }

    @Override
    void startServer() throws Exception {
        redis.start();
    }

    @Override
    String secret() {
        return PASSWORD;
    }

    @Override
    String storeName() {
        return "redis://127.0.0.1:" + redis.port() + "/2";
    }
}

package io.github.camelsmtpsystem.internal.cap;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.github.camelsmtpsystem.cap.HourlyCapStore;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * Hourly budgets in Redis ({@code capStore=redis://[[user]:password@]host:port[/db]}, {@code rediss://} for TLS),
 * shared by every application that uses the same Redis. One hash per key holds a count per second of the window plus
 * the window's total, and expires when idle for a window. Each permit is one Lua script call: one round trip, atomic,
 * timed by the Redis server's clock, amortised O(1) (each second's field is dropped once, as it leaves the window).
 */
public class RedisCapStore implements HourlyCapStore {

    // KEYS[1] the budget; ARGV max (-1: only count), window in seconds. Returns the count, or -1 when refused.
    static final String SCRIPT = """
            local key = KEYS[1]
            local max = tonumber(ARGV[1])
            local window = tonumber(ARGV[2])
            local now = tonumber(redis.call('TIME')[1])
            local state = redis.call('HMGET', key, 'last', 'total')
            local last = tonumber(state[1]) or now
            local total = tonumber(state[2]) or 0
            if now < last then now = last end
            if now - last >= window then
              redis.call('DEL', key)
              total = 0
            else
              for second = last - window + 1, now - window do
                local count = redis.call('HGET', key, second)
                if count then
                  total = total - tonumber(count)
                  redis.call('HDEL', key, second)
                end
              end
            end
            local refused = false
            if max >= 0 then
              if total < max then
                total = total + 1
                redis.call('HINCRBY', key, now, 1)
              else
                refused = true
              end
            end
            redis.call('HSET', key, 'last', now, 'total', total)
            redis.call('EXPIRE', key, window + 1)
            if refused then return -1 end
            return total
            """;

    private final JedisPooled redis;
    private final String name;
    private volatile String sha;

    /**
     * A store on the Redis of {@code uri}. Connections are opened when first used.
     *
     * @param uri                  {@code redis://[[user]:password@]host:port[/db]} or {@code rediss://...}
     * @param connectTimeoutMillis how long to wait for a connection
     * @param readTimeoutMillis    how long to wait for an answer
     */
    public RedisCapStore(URI uri, int connectTimeoutMillis, int readTimeoutMillis) {
        boolean tls = "rediss".equals(uri.getScheme());
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "capStore " + describe(uri) + " names no host. Write redis://[[user]:password@]host:port[/db].");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 6379;
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .ssl(tls)
                .connectionTimeoutMillis(connectTimeoutMillis)
                .socketTimeoutMillis(readTimeoutMillis)
                .clientName("camel-smtp-system");
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            String user = colon < 0 ? null : decode(userInfo.substring(0, colon));
            config.user(user == null || user.isEmpty() ? null : user);
            config.password(decode(colon < 0 ? userInfo : userInfo.substring(colon + 1)));
        }
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            try {
                config.database(Integer.parseInt(path.substring(1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "capStore " + describe(uri) + ": the database '" + path.substring(1)
                                + "' is not a number. Write redis://host:port/0.",
                        e);
            }
        }
        this.name = describe(uri);
        this.redis = new JedisPooled(new HostAndPort(uri.getHost(), port), config.build());
    }

    @Override
    public boolean tryAcquire(String key, int max, Duration period) {
        return run(key, max, period) >= 0;
    }

    @Override
    public long used(String key, Duration period) {
        return run(key, -1, period);
    }

    private long run(String key, int max, Duration period) {
        List<String> keys = List.of(key);
        List<String> args = List.of(Integer.toString(max), Integer.toString(HourlyCapStore.windowSeconds(period)));
        String loaded = sha;
        if (loaded != null) {
            try {
                return (Long) redis.evalsha(loaded, keys, args);
            } catch (JedisNoScriptException e) {
                // a restarted or flushed Redis forgot the script: send it whole once more
            }
        }
        sha = redis.scriptLoad(SCRIPT);
        return (Long) redis.evalsha(sha, keys, args);
    }

    /** The URI without its user and password. */
    static String describe(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                + (uri.getPath() != null ? uri.getPath() : "");
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        redis.close();
    }

    @Override
    public String toString() {
        return name;
    }
}

package io.github.camelsmtpsystem.internal.oauth2;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

import io.github.camelsmtpsystem.oauth2.SmtpAccessTokenProvider;
import io.github.camelsmtpsystem.system.SmtpSystem;
import io.github.camelsmtpsystem.system.SmtpSystemConfigException;

/**
 * The access token caches of a component's OAuth2 systems, one per system, each fed by the system's token endpoint
 * or by the {@link SmtpAccessTokenProvider} bean its {@code smtp_oauth2_token_url} names. Token endpoints are reached
 * with the SMTP connections' timeouts and TLS trust.
 */
public final class OAuth2Tokens {

    private final SSLContext sslContext;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Function<String, SmtpAccessTokenProvider> beans;
    private final Map<String, AccessTokenCache> caches = new ConcurrentHashMap<>();
    private volatile OAuth2TokenClient client;

    /**
     * @param sslContext     trust (and key) material for https token endpoints, or {@code null} for the JVM's default
     * @param connectTimeout how long to wait for a token endpoint to accept a connection
     * @param readTimeout    how long to wait for its answer
     * @param beans          finds a token provider bean by name, or gives {@code null}
     */
    public OAuth2Tokens(
            SSLContext sslContext,
            Duration connectTimeout,
            Duration readTimeout,
            Function<String, SmtpAccessTokenProvider> beans) {
        this.sslContext = sslContext;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.beans = beans;
    }

    /**
     * The token cache of an OAuth2 system, the same for every call.
     *
     * @throws SmtpSystemConfigException when the system names a token provider bean that does not exist
     */
    public AccessTokenCache of(SmtpSystem system) {
        return caches.computeIfAbsent(
                system.getId(), id -> new AccessTokenCache(system, provider(system), Clock.systemUTC()));
    }

    private SmtpAccessTokenProvider provider(SmtpSystem system) {
        String bean = system.tokenProviderBean();
        if (bean == null) {
            return client();
        }
        SmtpAccessTokenProvider provider = beans.apply(bean);
        if (provider == null) {
            throw new SmtpSystemConfigException(
                    "SMTP system '" + system.getId() + "' (" + system.getSource() + ") names the token "
                            + "provider bean '" + bean + "', which does not exist. Bind a SmtpAccessTokenProvider "
                            + "under that name, or set smtp_oauth2_token_url to the token endpoint.");
        }
        return provider;
    }

    private OAuth2TokenClient client() {
        OAuth2TokenClient shared = client;
        if (shared == null) {
            synchronized (this) {
                if (client == null) {
                    HttpClient.Builder http = HttpClient.newBuilder()
                            .connectTimeout(connectTimeout)
                            .followRedirects(HttpClient.Redirect.NEVER);
                    if (sslContext != null) {
                        http.sslContext(sslContext);
                    }
                    client = new OAuth2TokenClient(http.build(), readTimeout);
                }
                shared = client;
            }
        }
        return shared;
    }
}

package io.github.camelsmtpsystem.internal.oauth2;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.AuthenticationFailedException;

import io.github.camelsmtpsystem.internal.smtp.SmtpSession;
import io.github.camelsmtpsystem.oauth2.OAuth2TokenException;
import io.github.camelsmtpsystem.oauth2.SmtpAccessToken;
import io.github.camelsmtpsystem.oauth2.SmtpAccessTokenProvider;
import io.github.camelsmtpsystem.system.SmtpSystem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * When the cache of one system asks its provider for a token: once while the token is fresh, again within 60 s of
 * expiry (half the lifetime of a short-lived token), once after a rejection; and how provider failures are classed.
 */
class AccessTokenCacheTest {

    private static final SmtpSystem SYSTEM = SmtpSystem.builder("mail")
            .smtpUsername("noreply@example.com")
            .smtpOauth2TokenUrl("bean:tokens")
            .build();

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final List<SmtpAccessToken> issued = new ArrayList<>();
    private Duration lifetime = Duration.ofHours(1);

    private final SmtpAccessTokenProvider provider = system -> {
        SmtpAccessToken token = new SmtpAccessToken("token-" + (issued.size() + 1), now.plus(lifetime));
        issued.add(token);
        return token;
    };

    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    };

    @Test
    void anHourTokenIsReusedUntilSixtySecondsBeforeItExpires() throws Exception {
        AccessTokenCache cache = new AccessTokenCache(SYSTEM, provider, clock);

        assertThat(cache.current().value()).isEqualTo("token-1");
        now = now.plus(Duration.ofMinutes(58).plusSeconds(59));
        assertThat(cache.current().value()).isEqualTo("token-1");
        now = now.plusSeconds(1);
        assertThat(cache.current().value()).isEqualTo("token-2");
    }

    @Test
    void aShortLivedTokenIsRenewedAfterHalfItsLifetime() throws Exception {
        lifetime = Duration.ofSeconds(10);
        AccessTokenCache cache = new AccessTokenCache(SYSTEM, provider, clock);

        assertThat(cache.current().value()).isEqualTo("token-1");
        now = now.plusSeconds(4);
        assertThat(cache.current().value()).isEqualTo("token-1");
        now = now.plusSeconds(1);
        assertThat(cache.current().value()).isEqualTo("token-2");
    }

    @Test
    void aTokenWithoutExpiryIsKeptUntilRejected() throws Exception {
        AccessTokenCache cache = new AccessTokenCache(
                SYSTEM,
                system -> {
                    issued.add(new SmtpAccessToken("token-" + (issued.size() + 1), null));
                    return issued.get(issued.size() - 1);
                },
                clock);

        cache.current();
        now = now.plus(Duration.ofDays(2));

        assertThat(cache.current().value()).isEqualTo("token-1");
        assertThat(cache.renew(issued.get(0)).value()).isEqualTo("token-2");
    }

    @Test
    void aRejectedTokenIsRenewedOnceAndASecondRejectionFails() throws Exception {
        AccessTokenCache cache = new AccessTokenCache(SYSTEM, provider, clock);
        List<String> tried = new ArrayList<>();

        Throwable failure = catchThrowable(() -> cache.signIn(token -> {
            tried.add(token);
            throw new AuthenticationFailedException("535 5.7.8 Username and Password not accepted");
        }));

        assertThat(failure).isInstanceOf(AuthenticationFailedException.class);
        assertThat(tried).containsExactly("token-1", "token-2");
    }

    @Test
    void connectionsThatFindTheTokenRenewedAlreadyDoNotRenewItAgain() throws Exception {
        AccessTokenCache cache = new AccessTokenCache(SYSTEM, provider, clock);
        SmtpAccessToken rejected = cache.current();

        assertThat(cache.renew(rejected).value()).isEqualTo("token-2");
        assertThat(cache.renew(rejected).value()).isEqualTo("token-2");
        assertThat(issued).hasSize(2);
    }

    @Test
    void aSignInThatWorksUsesTheCachedToken() throws Exception {
        AccessTokenCache cache = new AccessTokenCache(SYSTEM, provider, clock);
        List<String> tried = new ArrayList<>();

        cache.signIn(token -> {
            tried.add(token);
            return (SmtpSession) null;
        });
        cache.signIn(token -> {
            tried.add(token);
            return (SmtpSession) null;
        });

        assertThat(tried).containsExactly("token-1", "token-1");
    }

    @Test
    void anIOExceptionOfAProviderIsTransientAnyOtherFailurePermanent() {
        OAuth2TokenException down = (OAuth2TokenException) catchThrowable(() -> new AccessTokenCache(
                        SYSTEM,
                        system -> {
                            throw new IOException("vault unreachable");
                        },
                        clock)
                .current());
        OAuth2TokenException refused = (OAuth2TokenException) catchThrowable(() -> new AccessTokenCache(
                        SYSTEM,
                        system -> {
                            throw new IllegalStateException("no such key");
                        },
                        clock)
                .current());
        OAuth2TokenException none = (OAuth2TokenException)
                catchThrowable(() -> new AccessTokenCache(SYSTEM, system -> null, clock).current());

        assertThat(down.isTransient()).isTrue();
        assertThat(down).hasMessageContaining("The token provider of SMTP system 'mail' failed: vault unreachable");
        assertThat(refused.isTransient()).isFalse();
        assertThat(refused).hasMessageContaining("no such key");
        assertThat(none.isTransient()).isFalse();
        assertThat(none).hasMessageContaining("gave no token");
    }

    @Test
    void aTokenNeverShowsItsValue() {
        assertThat(new SmtpAccessToken("Very-Secret-Token", null).toString()).doesNotContain("Very-Secret-Token");
    }
}

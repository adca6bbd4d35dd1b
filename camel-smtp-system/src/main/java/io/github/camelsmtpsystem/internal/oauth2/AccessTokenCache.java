package io.github.camelsmtpsystem.internal.oauth2;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;

import io.github.camelsmtpsystem.internal.smtp.SmtpSession;
import io.github.camelsmtpsystem.oauth2.OAuth2TokenException;
import io.github.camelsmtpsystem.oauth2.SmtpAccessToken;
import io.github.camelsmtpsystem.oauth2.SmtpAccessTokenProvider;
import io.github.camelsmtpsystem.system.SmtpSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access token of one system, shared by all its connections: fetched when a connection signs in and none is
 * cached, or the cached one expires within 60 seconds (within half its lifetime, for tokens that live less than two
 * minutes), and fetched once more when the server rejects it. Connections already signed in are not affected.
 */
public final class AccessTokenCache {

    /** Signs in with an access token. */
    @FunctionalInterface
    public interface SignIn {
        SmtpSession connect(String accessToken) throws MessagingException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(AccessTokenCache.class);
    private static final Duration MARGIN = Duration.ofSeconds(60);

    private final SmtpSystem system;
    private final SmtpAccessTokenProvider provider;
    private final Clock clock;
    private SmtpAccessToken token;
    private Instant renewAt;

    public AccessTokenCache(SmtpSystem system, SmtpAccessTokenProvider provider, Clock clock) {
        this.system = system;
        this.provider = provider;
        this.clock = clock;
    }

    /**
     * Signs in with the cached token; when the server rejects it (535, or 334 with an error), fetches a new one and
     * signs in once more.
     */
    public SmtpSession signIn(SignIn signIn) throws MessagingException {
        SmtpAccessToken used = current();
        try {
            return signIn.connect(used.value());
        } catch (AuthenticationFailedException rejected) {
            LOG.debug(
                    "The SMTP server of system '{}' rejected the access token ({}); signing in again with a new one",
                    system.getId(),
                    rejected.getMessage());
            return signIn.connect(renew(used).value());
        }
    }

    /** The cached token, or a new one when there is none or it is about to expire. */
    public synchronized SmtpAccessToken current() throws MessagingException {
        if (token == null || renewAt != null && !clock.instant().isBefore(renewAt)) {
            fetch();
        }
        return token;
    }

    /** A new token in place of one a server rejected, unless another connection has replaced it already. */
    synchronized SmtpAccessToken renew(SmtpAccessToken rejected) throws MessagingException {
        if (token == null || token.equals(rejected)) {
            fetch();
        }
        return token;
    }

    private void fetch() throws MessagingException {
        Instant now = clock.instant();
        SmtpAccessToken fetched;
        try {
            fetched = provider.fetchToken(system);
        } catch (MessagingException e) {
            throw e;
        } catch (IOException e) {
            throw new OAuth2TokenException(
                    "The token provider of SMTP system '" + system.getId() + "' failed: " + e.getMessage()
                            + ". A transient failure: the mail is retried as after a dropped SMTP connection.",
                    null,
                    true,
                    e);
        } catch (Exception e) {
            throw new OAuth2TokenException(
                    "The token provider of SMTP system '" + system.getId() + "' failed: " + e.getMessage(),
                    null,
                    false,
                    e);
        }
        if (fetched == null) {
            throw new OAuth2TokenException(
                    "The token provider of SMTP system '" + system.getId() + "' gave no token.", null, false, null);
        }
        token = fetched;
        Instant expiresAt = fetched.expiresAt();
        if (expiresAt == null) {
            renewAt = null;
        } else {
            Duration lifetime = Duration.between(now, expiresAt);
            Duration margin = lifetime.compareTo(MARGIN.multipliedBy(2)) < 0 ? lifetime.dividedBy(2) : MARGIN;
            renewAt = expiresAt.minus(margin);
        }
    }
}

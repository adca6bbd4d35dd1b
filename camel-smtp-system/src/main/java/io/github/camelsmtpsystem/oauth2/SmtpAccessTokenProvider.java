package io.github.camelsmtpsystem.oauth2;

import io.github.camelsmtpsystem.system.SmtpSystem;

/**
 * Gets OAuth2 access tokens for signing in to a system's SMTP server with XOAUTH2, for any way of getting one that
 * the token endpoint options do not cover: a Google service account's signed JWT, a workload identity, a vault. Bind
 * an implementation as a bean and set the system's {@code smtp_oauth2_token_url} to {@code bean:<its name>}.
 * <p>
 * The component caches the token per system and shares it between the system's connections; it asks for a new one
 * when none is cached, when the cached one expires within 60 seconds (or within half its lifetime, for short-lived
 * tokens), and once when the SMTP server rejects it.
 */
@FunctionalInterface
public interface SmtpAccessTokenProvider {

    /**
     * A new access token for the system's {@code smtp_username}.
     *
     * @param  system    the system that signs in
     * @return           the token, never {@code null}
     * @throws Exception an {@link java.io.IOException} for a failure that may pass (the mail is retried like after a
     *                   dropped connection); any other exception fails the mail at once. Its message must not hold a
     *                   secret.
     */
    SmtpAccessToken fetchToken(SmtpSystem system) throws Exception;
}

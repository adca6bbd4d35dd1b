package io.github.camelsmtpsystem.oauth2;

import java.time.Instant;
import java.util.Objects;

/**
 * An OAuth2 access token for signing in to an SMTP server with XOAUTH2, and when it expires. {@link #toString()}
 * never shows the token.
 */
public final class SmtpAccessToken {

    private final String value;
    private final Instant expiresAt;

    /**
     * @param value     the access token
     * @param expiresAt when it expires, or {@code null} when unknown: it is then used until a server rejects it
     */
    public SmtpAccessToken(String value, Instant expiresAt) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("An access token must not be empty.");
        }
        this.value = value;
        this.expiresAt = expiresAt;
    }

    /** The token, for the SASL XOAUTH2 sign-in only: never log it. */
    public String value() {
        return value;
    }

    /** When the token expires, or {@code null} when unknown. */
    public Instant expiresAt() {
        return expiresAt;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SmtpAccessToken token
                && value.equals(token.value)
                && Objects.equals(expiresAt, token.expiresAt);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "SmtpAccessToken[value=******, expiresAt=" + expiresAt + "]";
    }
}

package io.github.camelsmtpsystem.oauth2;

import jakarta.mail.MessagingException;

/**
 * No access token could be had for a system: the token endpoint could not be reached or answered 5xx (transient,
 * retried like a dropped SMTP connection), or refused the client or grant (permanent). The message names the system,
 * the endpoint and the OAuth2 error, never a secret or a token.
 */
public class OAuth2TokenException extends MessagingException {

    private static final long serialVersionUID = 1L;

    private final boolean transientFailure;
    private final String error;

    /**
     * @param message          what failed and what to do
     * @param error            the OAuth2 error code ({@code invalid_client}, ...), or {@code null}
     * @param transientFailure whether trying again later may succeed
     * @param cause            the underlying failure, or {@code null}
     */
    public OAuth2TokenException(String message, String error, boolean transientFailure, Exception cause) {
        super(message, cause);
        this.error = error;
        this.transientFailure = transientFailure;
    }

    /** Whether trying again later may succeed: the endpoint was down, timed out or answered 5xx. */
    public boolean isTransient() {
        return transientFailure;
    }

    /** The OAuth2 error code the token endpoint answered, or {@code null}. */
    public String getError() {
        return error;
    }
}

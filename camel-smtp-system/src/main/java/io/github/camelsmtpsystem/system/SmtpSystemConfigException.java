package io.github.camelsmtpsystem.system;

/**
 * A system definition that cannot be used. The message names the source, the property and the fix, and never a
 * secret's value.
 */
public class SmtpSystemConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public SmtpSystemConfigException(String message) {
        super(message);
    }

    public SmtpSystemConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}

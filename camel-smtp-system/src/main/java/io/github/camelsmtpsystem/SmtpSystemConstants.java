package io.github.camelsmtpsystem;

import org.apache.camel.spi.Metadata;

/**
 * The headers the smtp-system producer sets on the caller's exchange when it is done.
 */
public final class SmtpSystemConstants {

    @Metadata(
            label = "producer",
            description = "How many mails of this exchange the SMTP server accepted.",
            javaType = "int")
    public static final String SENT = "CamelSmtpSystemSent";

    @Metadata(
            label = "producer",
            description =
                    "How many mails of this exchange were over the system's max_per_hour, " + "logged and discarded.",
            javaType = "int")
    public static final String DISCARDED = "CamelSmtpSystemDiscarded";

    @Metadata(
            label = "producer",
            description = "How many entities of this exchange were skipped by rule (deleted "
                    + "entities, unless sendDeleted is set).",
            javaType = "int")
    public static final String SKIPPED = "CamelSmtpSystemSkipped";

    @Metadata(
            label = "producer",
            description = "With dryRun: how many mails were rendered and logged, not sent.",
            javaType = "int")
    public static final String DRY_RUN = "CamelSmtpSystemDryRun";

    private SmtpSystemConstants() {}
}

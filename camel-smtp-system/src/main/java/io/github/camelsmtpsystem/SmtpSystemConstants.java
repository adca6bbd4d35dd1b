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

    @Metadata(
            label = "producer",
            description = "How many mails of this exchange the SMTP server refused for good (5xx, a bad address).",
            javaType = "int")
    public static final String REFUSED = "CamelSmtpSystemRefused";

    @Metadata(
            label = "producer",
            description = "How many mails of this exchange did not reach the SMTP server after every retry "
                    + "(a connection failure, a 4xx reply): sending them again is safe.",
            javaType = "int")
    public static final String NOT_SENT = "CamelSmtpSystemNotSent";

    @Metadata(
            label = "producer",
            description = "How many mails of this exchange went to the SMTP server without a final reply: they may "
                    + "have been delivered.",
            javaType = "int")
    public static final String UNCERTAIN = "CamelSmtpSystemUncertain";

    @Metadata(
            label = "producer",
            description = "For a batch sent in runs: the entity _ids of the exchange by outcome, in the batch's order, "
                    + "under the keys sent, discarded, skipped, refused, notSent and uncertain.",
            javaType = "java.util.Map<String, java.util.List<String>>")
    public static final String REPORT = "CamelSmtpSystemReport";

    private SmtpSystemConstants() {}
}

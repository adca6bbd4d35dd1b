package io.github.camelsmtpsystem.internal.mail;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;

import io.github.camelsmtpsystem.SmtpSystemConfiguration;
import io.github.camelsmtpsystem.internal.smtp.MailEnvelope;
import io.github.camelsmtpsystem.internal.smtp.RenderedMail;
import io.github.camelsmtpsystem.internal.template.MailTemplates;

/**
 * How a mail is addressed beyond its sender and recipients: Cc, Bcc and Reply-To (fixed, each a template, or read from
 * the entity as recipients are), extra headers, a bounce address for {@code MAIL FROM}, and delivery status
 * notifications (RFC 3461). Checked at startup; rendered per entity by {@link #addTo}.
 *
 * @param cc                fixed Cc addresses (a template), or {@code null} to read them from {@code ccProperty}
 * @param ccProperty        entity property holding Cc addresses
 * @param bcc               fixed Bcc addresses (a template), or {@code null} to read them from {@code bccProperty}
 * @param bccProperty       entity property holding Bcc addresses
 * @param replyTo           fixed Reply-To addresses (a template), or {@code null} to read them from
 *                          {@code replyToProperty}
 * @param replyToProperty   entity property holding Reply-To addresses
 * @param headers           extra headers
 * @param envelopeFrom      the bounce address (a template), or {@code null} for mailFrom
 * @param dsnNotify         {@code never}, or a comma-separated list of {@code success}, {@code failure},
 *                          {@code delay}; or {@code null}
 * @param dsnRet            {@code full} or {@code headers}, or {@code null}
 */
public record MailAddressing(
        String cc,
        String ccProperty,
        String bcc,
        String bccProperty,
        String replyTo,
        String replyToProperty,
        ExtraHeaders headers,
        String envelopeFrom,
        String dsnNotify,
        String dsnRet) {

    public static final String DEFAULT_CC_PROPERTY = SmtpSystemConfiguration.DEFAULT_CC_PROPERTY;
    public static final String DEFAULT_BCC_PROPERTY = SmtpSystemConfiguration.DEFAULT_BCC_PROPERTY;
    public static final String DEFAULT_REPLY_TO_PROPERTY = SmtpSystemConfiguration.DEFAULT_REPLY_TO_PROPERTY;

    /** Nothing beyond the defaults: Cc, Bcc and Reply-To read from the entity's {@code cc}, {@code bcc}, {@code reply_to}. */
    public static final MailAddressing DEFAULTS =
            new MailAddressing(null, null, null, null, null, null, null, null, null, null);

    private static final Set<String> NOTIFY = Set.of("success", "failure", "delay");

    /**
     * Checks the settings as given (a property name that is {@code null} was not given) and fills in the defaults.
     *
     * @throws IllegalArgumentException naming the option and the fix
     */
    public MailAddressing {
        ccProperty = onlyOne("cc", cc, ccProperty, DEFAULT_CC_PROPERTY);
        bccProperty = onlyOne("bcc", bcc, bccProperty, DEFAULT_BCC_PROPERTY);
        replyToProperty = onlyOne("replyTo", replyTo, replyToProperty, DEFAULT_REPLY_TO_PROPERTY);
        headers = headers != null ? headers : ExtraHeaders.NONE;
        envelopeFrom = blankToNull(envelopeFrom);
        dsnNotify = blankToNull(dsnNotify);
        dsnRet = blankToNull(dsnRet);
        notifyKeywords(dsnNotify);
        retKeyword(dsnRet);
    }

    /**
     * Renders the entity's Cc, Bcc, Reply-To, headers and envelope settings into the mail.
     *
     * @throws IllegalArgumentException naming the field and what is wrong with its value
     */
    void addTo(RenderedMail message, Map<String, Object> entity, MailTemplates templates) throws MessagingException {
        setRecipients(message, Message.RecipientType.CC, addresses(entity, templates, "cc", cc, ccProperty));
        setRecipients(message, Message.RecipientType.BCC, addresses(entity, templates, "bcc", bcc, bccProperty));
        List<InternetAddress> replies = addresses(entity, templates, "replyTo", replyTo, replyToProperty);
        if (!replies.isEmpty()) {
            message.setReplyTo(replies.toArray(InternetAddress[]::new));
        }
        headers.addTo(message, entity, templates);
        InternetAddress sender = null;
        if (envelopeFrom != null) {
            String rendered = render(templates, entity, "envelopeFrom", envelopeFrom);
            List<InternetAddress> parsed = EntityMailRenderer.addresses("envelopeFrom", List.of(rendered));
            if (parsed.size() != 1) {
                throw new IllegalArgumentException("envelopeFrom renders to '" + rendered
                        + "'. It must be exactly one address, for example bounces@example.com.");
            }
            sender = parsed.get(0);
        }
        List<String> notify = notifyKeywords(dsnNotify);
        String ret = retKeyword(dsnRet);
        if (sender != null || !notify.isEmpty() || ret != null) {
            Object id = entity.get("_id");
            message.setEnvelope(new MailEnvelope(sender, notify, ret, id != null ? id.toString() : null));
        }
    }

    private static void setRecipients(RenderedMail message, Message.RecipientType type, List<InternetAddress> list)
            throws MessagingException {
        if (!list.isEmpty()) {
            message.setRecipients(type, list.toArray(InternetAddress[]::new));
        }
    }

    /** The fixed addresses rendered from the entity, else the entity property's as they are; none when empty. */
    private static List<InternetAddress> addresses(
            Map<String, Object> entity, MailTemplates templates, String option, String fixed, String property) {
        if (fixed != null) {
            return EntityMailRenderer.addresses(option, List.of(render(templates, entity, option, fixed)));
        }
        Object value = entity.get(property);
        List<String> texts = new ArrayList<>();
        if (value instanceof Collection<?> list) {
            list.forEach(item -> texts.add(String.valueOf(item)));
        } else if (value != null) {
            texts.add(value.toString());
        }
        return EntityMailRenderer.addresses("the entity's '" + property + "'", texts);
    }

    private static String render(MailTemplates templates, Map<String, Object> entity, String option, String template) {
        try {
            return templates.render(template, entity);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + option + " template: " + e.getMessage(), e);
        }
    }

    /** RFC 3461 §4.1: NEVER alone, or any of SUCCESS, FAILURE, DELAY. */
    private static List<String> notifyKeywords(String dsnNotify) {
        if (dsnNotify == null) {
            return List.of();
        }
        Set<String> keywords = new LinkedHashSet<>();
        for (String part : dsnNotify.split(",")) {
            String keyword = part.strip().toLowerCase(Locale.ROOT);
            if (!keyword.equals("never") && !NOTIFY.contains(keyword)) {
                throw new IllegalArgumentException(
                        "dsnNotify is '" + dsnNotify + "': '" + part.strip()
                                + "' is not one of never, success, failure, delay. Write for instance dsnNotify=failure,delay.");
            }
            keywords.add(keyword);
        }
        if (keywords.contains("never") && keywords.size() > 1) {
            throw new IllegalArgumentException("dsnNotify is '" + dsnNotify
                    + "': never cannot go with other values (RFC 3461). Write never alone, or leave it out.");
        }
        return keywords.stream().map(k -> k.toUpperCase(Locale.ROOT)).toList();
    }

    /** RFC 3461 §4.3: RET=FULL or RET=HDRS. */
    private static String retKeyword(String dsnRet) {
        if (dsnRet == null) {
            return null;
        }
        return switch (dsnRet.strip().toLowerCase(Locale.ROOT)) {
            case "full" -> "FULL";
            case "headers", "hdrs" -> "HDRS";
            default ->
                throw new IllegalArgumentException(
                        "dsnRet is '" + dsnRet + "'. Write full (the whole mail goes back in a report) or headers.");
        };
    }

    private static String onlyOne(String option, String value, String property, String fallback) {
        if (value != null && property != null) {
            throw new IllegalArgumentException("Both " + option + " and " + option + "Property are set. Set " + option
                    + " for fixed addresses, or " + option + "Property to read them from each entity, not both.");
        }
        return property != null ? property : fallback;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

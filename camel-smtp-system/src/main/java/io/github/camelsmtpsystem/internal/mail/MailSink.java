package io.github.camelsmtpsystem.internal.mail;

import io.github.camelsmtpsystem.SmtpSystemConfiguration;

/**
 * The settings of a Sesam mail sink ({@code "type": "mail"}) that say how an entity becomes a mail. A template is
 * given either as text ({@code subjectTemplate}) or as the name of the entity property that holds it
 * ({@code subjectTemplateProperty}); the property names default to Sesam's.
 *
 * @param mailFrom                 sender address of every message
 * @param recipients               static comma-separated recipients, or {@code null} to read them from each entity
 * @param recipientsProperty       entity property holding the recipients
 * @param subjectTemplate          Jinja template of the subject, or {@code null}
 * @param subjectTemplateProperty  entity property holding the subject template
 * @param bodyTemplate             Jinja template of the body, or {@code null}
 * @param bodyTemplateProperty     entity property holding the body template
 * @param textBodyTemplate         Jinja template of the plain-text alternative, or {@code null}
 * @param textBodyTemplateProperty entity property holding the text body template
 */
public record MailSink(
        String mailFrom,
        String recipients,
        String recipientsProperty,
        String subjectTemplate,
        String subjectTemplateProperty,
        String bodyTemplate,
        String bodyTemplateProperty,
        String textBodyTemplate,
        String textBodyTemplateProperty) {

    /**
     * Checks the settings as given (a property name that is {@code null} was not given) and fills in the default
     * property names.
     *
     * @throws IllegalArgumentException naming the option and the fix
     */
    public MailSink {
        if (mailFrom == null || mailFrom.isBlank()) {
            throw new IllegalArgumentException(
                    "mailFrom is required: set it to the sender address, for example mailFrom=noreply@example.com.");
        }
        onlyOne("subjectTemplate", subjectTemplate, subjectTemplateProperty);
        onlyOne("bodyTemplate", bodyTemplate, bodyTemplateProperty);
        onlyOne("textBodyTemplate", textBodyTemplate, textBodyTemplateProperty);
        if (recipients != null && recipientsProperty != null) {
            throw new IllegalArgumentException(
                    "Both recipients and recipientsProperty are set. Set recipients for fixed "
                            + "addresses, or recipientsProperty to read them from each entity, not both.");
        }
        recipientsProperty = orDefault(recipientsProperty, SmtpSystemConfiguration.DEFAULT_RECIPIENTS_PROPERTY);
        subjectTemplateProperty =
                orDefault(subjectTemplateProperty, SmtpSystemConfiguration.DEFAULT_SUBJECT_TEMPLATE_PROPERTY);
        bodyTemplateProperty = orDefault(bodyTemplateProperty, SmtpSystemConfiguration.DEFAULT_BODY_TEMPLATE_PROPERTY);
        textBodyTemplateProperty =
                orDefault(textBodyTemplateProperty, SmtpSystemConfiguration.DEFAULT_TEXT_BODY_TEMPLATE_PROPERTY);
    }

    private static void onlyOne(String option, String template, String property) {
        if (template != null && property != null) {
            throw new IllegalArgumentException(
                    "Both " + option + " and " + option + "Property are set. Sesam allows one of "
                            + "them: give the template itself, or the entity property that holds it.");
        }
    }

    private static String orDefault(String value, String fallback) {
        return value != null ? value : fallback;
    }
}

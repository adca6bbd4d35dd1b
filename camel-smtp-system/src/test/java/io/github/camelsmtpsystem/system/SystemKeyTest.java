package io.github.camelsmtpsystem.system;

import java.io.InputStream;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelsmtpsystem.SmtpSystemEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A key declared in {@link SystemKey} reaches every way of writing a system: JSON, endpoint options, Java. */
class SystemKeyTest {

    /** A value of every settable key, of its type, none its default, together a valid OAuth2 system. */
    private static Map<SystemKey, Object> sample() {
        Map<SystemKey, Object> values = new EnumMap<>(SystemKey.class);
        values.put(SystemKey.SMTP_SERVER, "mail.example.com");
        values.put(SystemKey.SMTP_PORT, 2525);
        values.put(SystemKey.SMTP_USERNAME, "noreply@example.com");
        values.put(SystemKey.USE_TLS, true);
        values.put(SystemKey.MAX_PER_HOUR, 7);
        values.put(SystemKey.SMTP_OAUTH2_TOKEN_URL, "https://login.example.com/token");
        values.put(SystemKey.SMTP_OAUTH2_CLIENT_ID, "client");
        values.put(SystemKey.SMTP_OAUTH2_CLIENT_SECRET, "s3cret");
        values.put(SystemKey.SMTP_OAUTH2_SCOPE, "https://outlook.office.com/.default");
        values.put(SystemKey.SMTP_OAUTH2_REFRESH_TOKEN, "refresh");
        values.put(SystemKey.SMTP_OAUTH2_CLIENT_AUTH, "basic");
        return values;
    }

    @Test
    void everyKeyButThePasswordHasASampleAndNoKeyIsForgotten() {
        // the password excludes OAuth2 sign-in; a new key must be added to sample() to be covered below
        assertThat(sample().keySet())
                .containsExactlyInAnyOrderElementsOf(java.util.EnumSet.complementOf(
                        java.util.EnumSet.of(SystemKey.ID, SystemKey.TYPE, SystemKey.SMTP_PASSWORD)));
    }

    @Test
    void everyKeyIsAnEndpointOptionInTheGeneratedDescriptor() throws Exception {
        JsonNode properties;
        try (InputStream in =
                SmtpSystemEndpoint.class.getResourceAsStream("/META-INF/io/github/camelsmtpsystem/smtp-system.json")) {
            properties = new ObjectMapper().readTree(in).path("properties");
        }
        for (SystemKey key : SystemKey.values()) {
            if (key == SystemKey.TYPE) {
                continue;
            }
            assertThat(properties.has(key.camelName()))
                    .as("endpoint option %s of key %s", key.camelName(), key.sesamName())
                    .isTrue();
            assertThat(properties.path(key.camelName()).path("secret").asBoolean())
                    .as("%s marked secret", key.camelName())
                    .isEqualTo(key.isSecret() || key == SystemKey.SMTP_USERNAME);
        }
    }

    @Test
    void endpointOptionsBecomeTheSameSystemAsTheBuilderMakes() throws Exception {
        String query = sample().entrySet().stream()
                .map(e -> e.getKey().camelName() + "=RAW(" + e.getValue() + ")")
                .collect(Collectors.joining("&"));
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            SmtpSystemEndpoint endpoint = context.getEndpoint("smtp-system:keys?" + query, SmtpSystemEndpoint.class);
            SmtpSystem fromOptions = endpoint.getConfiguration()
                    .toSystem("keys", "smtp-system:keys", new ConfigValueResolver(name -> Optional.empty(), null));

            SmtpSystem.Builder builder = SmtpSystem.builder("keys");
            sample().forEach(builder::set);
            SmtpSystem fromBuilder = builder.build();

            for (SystemKey key : sample().keySet()) {
                assertThat(fromOptions.get(key)).as(key.camelName()).isEqualTo(sample().get(key));
            }
            assertThat(fromOptions.sameSettingsAs(fromBuilder)).isTrue();
        }
    }

    @Test
    void theToStringOfASystemNamesEveryKeyAndHidesItsSecrets() {
        SmtpSystem.Builder builder = SmtpSystem.builder("keys");
        sample().forEach(builder::set);
        String text = builder.build().toString();

        for (SystemKey key : sample().keySet()) {
            assertThat(text).contains(key.camelName() + "=");
        }
        assertThat(text).doesNotContain("s3cret").doesNotContain("refresh,").contains("smtpOauth2ClientSecret=******");
    }
}

package io.github.camelsmtpsystem;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Endpoints start from a copy of the component's options: what one endpoint sets reaches no other, nor the component. */
class SmtpSystemComponentConfigurationTest {

    @Test
    void endpointsDoNotShareTheirOptionsOrTheirHeaderMaps() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            SmtpSystemComponent component = context.getComponent("smtp-system", SmtpSystemComponent.class);
            Map<String, Object> shared = new LinkedHashMap<>(Map.of("X-Shared", "all"));
            component.getConfiguration().setHeaders(shared);
            component.getConfiguration().setMailFrom("noreply@example.com");

            SmtpSystemEndpoint first = context.getEndpoint(
                    "smtp-system:a?smtpServer=localhost&mailFrom=first@example.com&header.X-First=one",
                    SmtpSystemEndpoint.class);
            SmtpSystemEndpoint second =
                    context.getEndpoint("smtp-system:b?smtpServer=localhost", SmtpSystemEndpoint.class);
            second.getConfiguration().getHeaders().put("X-Second", "two");

            assertThat(first.getConfiguration()).isNotSameAs(component.getConfiguration());
            assertThat(first.getConfiguration().getMailFrom()).isEqualTo("first@example.com");
            assertThat(second.getConfiguration().getMailFrom()).isEqualTo("noreply@example.com");
            assertThat(first.getConfiguration().getHeaders()).containsEntry("X-First", "one");
            assertThat(second.getConfiguration().getHeaders())
                    .containsEntry("X-Shared", "all")
                    .doesNotContainKey("X-First");
            assertThat(component.getConfiguration().getHeaders())
                    .isEqualTo(Map.of("X-Shared", "all"))
                    .isSameAs(component.getConfiguration().getHeaders());
            assertThat(shared).doesNotContainKey("X-Second");
        }
    }
}

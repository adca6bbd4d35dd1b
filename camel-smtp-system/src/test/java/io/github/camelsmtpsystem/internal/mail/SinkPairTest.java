package io.github.camelsmtpsystem.internal.mail;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SinkPairTest {

    private static final Map<String, String> FILE =
            Map.of("subjectTemplate", "From the file", "recipientsProperty", "email");

    @Test
    void theFilesPairWhenTheEndpointSetsNeitherHalf() {
        assertThat(SinkPair.merge(null, null, FILE, "subjectTemplate")).isEqualTo(new SinkPair("From the file", null));
        assertThat(SinkPair.merge(null, null, FILE, "recipients")).isEqualTo(new SinkPair(null, "email"));
    }

    @Test
    void anEndpointPropertyReplacesTheFilesValue() {
        assertThat(SinkPair.merge(null, "title", FILE, "subjectTemplate")).isEqualTo(new SinkPair(null, "title"));
    }

    @Test
    void anEndpointValueReplacesTheFilesProperty() {
        assertThat(SinkPair.merge("ops@example.com", null, FILE, "recipients"))
                .isEqualTo(new SinkPair("ops@example.com", null));
    }
}

package io.github.camelsmtpsystem.springboot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter page's option table is the one the generated spring-configuration-metadata.json gives.
 * {@code -DupdateDocs=true} writes it into the page instead of comparing.
 */
class StarterDocumentationTest {

    /** The page, one for both starters: the Spring Boot 4 starter builds these tests from here too. */
    private static final Path PAGE =
            Path.of(System.getProperty("starterPage", "src/main/docs/smtp-system-starter.adoc"));

    private static final String START = "// spring-boot-auto-configure options: START\n";
    private static final String END = "// spring-boot-auto-configure options: END\n";

    @Test
    void optionTableIsTheMetadatas() throws IOException {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        int start = page.indexOf(START) + START.length();
        int end = page.indexOf(END);
        assertThat(end)
                .as("the markers '%s' and '%s' in %s", START.strip(), END.strip(), PAGE)
                .isGreaterThanOrEqualTo(start)
                .isGreaterThan(START.length() - 1);
        String generated = page.substring(0, start) + table(metadata()) + page.substring(end);
        if (Boolean.getBoolean("updateDocs")) {
            Files.writeString(PAGE, generated, StandardCharsets.UTF_8);
            return;
        }
        assertThat(page)
                .as(
                        "%s's option table differs from spring-configuration-metadata.json: run "
                                + "mvn -pl camel-smtp-system-starter -am test -Dtest=StarterDocumentationTest "
                                + "-Dsurefire.failIfNoSpecifiedTests=false -DupdateDocs=true",
                        PAGE)
                .isEqualTo(generated);
    }

    private static JsonNode metadata() throws IOException {
        try (InputStream in =
                StarterDocumentationTest.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static String table(JsonNode metadata) {
        StringBuilder out = new StringBuilder("The starter supports ")
                .append(metadata.path("properties").size())
                .append(" options, which are listed below.\n\n")
                .append("[width=\"100%\",cols=\"2,5,^1,2\",options=\"header\"]\n|===\n")
                .append("| Name | Description | Default | Type\n");
        for (JsonNode property : metadata.path("properties")) {
            out.append("| *")
                    .append(property.path("name").asText())
                    .append("* | ")
                    .append(property.path("description").asText().replace("|", "\\|"))
                    .append(" | ")
                    .append(
                            property.has("defaultValue")
                                    ? property.path("defaultValue").asText()
                                    : "")
                    .append(" | ")
                    .append(property.path("type").asText().replaceAll("\\b[a-z][a-z0-9_]*\\.", ""))
                    .append('\n');
        }
        return out.append("|===\n").toString();
    }
}

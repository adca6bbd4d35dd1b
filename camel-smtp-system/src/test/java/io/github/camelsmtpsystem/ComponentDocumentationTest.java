package io.github.camelsmtpsystem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The option and header tables of the component's page are the ones the component descriptor (smtp-system.json,
 * generated from the annotations) gives. {@code -DupdateDocs=true} writes them into the page instead of comparing.
 */
class ComponentDocumentationTest {

    private static final Path PAGE = Path.of("src/main/docs/smtp-system-component.adoc");
    private static final String START = "// component options: START\n";
    private static final String END = "// component options: END\n";

    @Test
    void optionTablesAreTheDescriptors() throws IOException {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        int start = page.indexOf(START) + START.length();
        int end = page.indexOf(END);
        assertThat(start)
                .as("the markers '%s' and '%s' in %s", START.strip(), END.strip(), PAGE)
                .isGreaterThan(START.length() - 1)
                .isLessThanOrEqualTo(end);
        String generated = page.substring(0, start) + tables(descriptor()) + page.substring(end);
        if (Boolean.getBoolean("updateDocs")) {
            Files.writeString(PAGE, generated, StandardCharsets.UTF_8);
            return;
        }
        assertThat(page)
                .as(
                        "%s's option tables differ from smtp-system.json: run "
                                + "mvn -pl camel-smtp-system test -Dtest=ComponentDocumentationTest -DupdateDocs=true",
                        PAGE)
                .isEqualTo(generated);
    }

    private static JsonNode descriptor() throws IOException {
        String name = "META-INF/io/github/camelsmtpsystem/smtp-system.json";
        return new ObjectMapper().readTree(TestFiles.classpath(name));
    }

    private static String tables(JsonNode descriptor) {
        StringBuilder out = new StringBuilder();
        table(out, "Component Options", "options", descriptor.path("componentProperties"));
        table(out, "Endpoint Options", "options", descriptor.path("properties"));
        table(out, "Message Headers", "headers", descriptor.path("headers"));
        return out.toString();
    }

    private static void table(StringBuilder out, String title, String what, JsonNode entries) {
        out.append("=== ")
                .append(title)
                .append("\n\n")
                .append("The SMTP System component supports ")
                .append(entries.size())
                .append(' ')
                .append(what)
                .append(", which are listed below.\n\n")
                .append("[width=\"100%\",cols=\"2,5,^1,2\",options=\"header\"]\n|===\n")
                .append("| Name | Description | Default | Type\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = entries.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode option = entry.getValue();
            String label = option.path("label").asText();
            String description = option.path("description").asText();
            out.append("| *")
                    .append(entry.getKey())
                    .append("* (")
                    .append(label.isEmpty() ? option.path("group").asText() : label)
                    .append(") | ")
                    .append(cell(description.endsWith(".") ? description : description + "."))
                    .append(option.path("secret").asBoolean() ? " A secret: never logged or shown." : "")
                    .append(option.path("required").asBoolean() ? " Required." : "")
                    .append(" | ")
                    .append(
                            option.has("defaultValue")
                                    ? cell(option.path("defaultValue").asText())
                                    : "")
                    .append(" | ")
                    .append(cell(simpleName(option.path("javaType").asText())))
                    .append('\n');
        }
        out.append("|===\n\n");
    }

    private static String simpleName(String javaType) {
        return javaType.replaceAll("\\b[a-z][a-z0-9_]*\\.", "");
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}

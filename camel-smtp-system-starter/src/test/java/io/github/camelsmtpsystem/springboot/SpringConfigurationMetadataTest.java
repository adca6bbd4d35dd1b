package io.github.camelsmtpsystem.springboot;

import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelsmtpsystem.system.SystemKey;
import org.apache.camel.util.StringHelper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.convert.DurationStyle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spring-configuration-metadata.json the configuration processor generated: every option of the component (as the
 * Camel catalog lists it) has a documented key, with the component's default, and nothing else is there.
 */
class SpringConfigurationMetadataTest {

    private static final String PREFIX = "camel.component.smtp-system.";
    /** Keys of the starter itself, not component options. */
    private static final Set<String> STARTER_KEYS = Set.of("enabled", "customizer.enabled", "systems");
    /** The keys of one system, {@code systems.<id>.*}: * stands for the id. */
    private static final String SYSTEM = PREFIX + "systems.*.";

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void everyComponentOptionHasADocumentedKeyWithItsDefault() throws IOException {
        Map<String, JsonNode> keys = metadataKeys();
        JsonNode options = catalog().path("componentProperties");

        for (Iterator<Map.Entry<String, JsonNode>> it = options.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> option = it.next();
            String key = PREFIX + StringHelper.camelCaseToDash(option.getKey());
            assertThat(keys)
                    .as("metadata of component option %s", option.getKey())
                    .containsKey(key);
            JsonNode property = keys.get(key);
            assertThat(property.path("description").asText())
                    .as("description of %s", key)
                    .isNotBlank();
            JsonNode catalogDefault = option.getValue().path("defaultValue");
            if (!catalogDefault.isMissingNode()) {
                assertThat(sameDefault(option.getValue(), property.path("defaultValue")))
                        .as(
                                "default of %s: catalog %s, metadata %s",
                                key, catalogDefault, property.path("defaultValue"))
                        .isTrue();
            }
        }
    }

    @Test
    void everyKeyIsAComponentOptionOrTheStartersOwn() throws IOException {
        Set<String> options = new java.util.HashSet<>();
        catalog()
                .path("componentProperties")
                .fieldNames()
                .forEachRemaining(name -> options.add(PREFIX + StringHelper.camelCaseToDash(name)));

        Set<String> systemKeys = systemProperties();
        for (String key : metadataKeys().keySet()) {
            assertThat(options.contains(key)
                            || STARTER_KEYS.contains(key.substring(PREFIX.length()))
                            || systemKeys.contains(key))
                    .as("%s is a component option, a system's key or one of %s", key, STARTER_KEYS)
                    .isTrue();
        }
    }

    @Test
    void everyKeyOfASystemIsDocumented() throws IOException {
        Map<String, JsonNode> keys = metadataKeys();

        // every key of SystemKey, the one place a key is declared, is a Spring property, and nothing else but the name
        Set<String> expected = new java.util.TreeSet<>(Set.of(SYSTEM + "name"));
        for (SystemKey key : SystemKey.values()) {
            if (key != SystemKey.ID && key != SystemKey.TYPE) {
                expected.add(SYSTEM + key.springName());
            }
        }
        assertThat(systemProperties())
                .as("Spring properties of a system; a key added to SystemKey needs its property in "
                        + "SystemDefinitionProperties")
                .isEqualTo(expected);
        for (String key : systemProperties()) {
            assertThat(keys).as("metadata of the system key %s", key).containsKey(key);
            assertThat(keys.get(key).path("description").asText())
                    .as("description of %s", key)
                    .isNotBlank();
            assertThat(keys.get(key).path("sourceType").asText()).isEqualTo(SystemDefinitionProperties.class.getName());
        }
        assertThat(keys.get(SYSTEM + "smtp-port").path("defaultValue").asInt()).isEqualTo(25);
        assertThat(keys.get(SYSTEM + "smtp-oauth2-client-auth")
                        .path("defaultValue")
                        .asText())
                .isEqualTo("post");
    }

    /** The keys SystemDefinitionProperties binds, as metadata names. */
    private static Set<String> systemProperties() {
        Set<String> keys = new java.util.TreeSet<>();
        for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(SystemDefinitionProperties.class)) {
            if (property.getWriteMethod() != null) {
                keys.add(SYSTEM + StringHelper.camelCaseToDash(property.getName()));
            }
        }
        return keys;
    }

    @Test
    void theStartersOwnKeysAreDocumented() throws IOException {
        Map<String, JsonNode> keys = metadataKeys();

        assertThat(keys.get(PREFIX + "enabled").path("defaultValue").asBoolean())
                .isTrue();
        assertThat(keys.get(PREFIX + "enabled").path("description").asText()).contains("auto configuration");
        assertThat(keys.get(PREFIX + "systems").path("type").asText())
                .isEqualTo(
                        "java.util.Map<java.lang.String,io.github.camelsmtpsystem.springboot.SystemDefinitionProperties>");
        assertThat(keys.get(PREFIX + "systems").path("description").asText()).contains("by their _id");
        assertThat(keys.get(PREFIX + "systems-location").path("description").asText())
                .contains("Sesam JSON files");
        assertThat(keys.get(PREFIX + "connect-timeout").path("defaultValue").asText())
                .isEqualTo("10s");
    }

    private boolean sameDefault(JsonNode catalogOption, JsonNode metadataDefault) {
        String expected = catalogOption.path("defaultValue").asText();
        if ("duration".equals(catalogOption.path("type").asText())) {
            return Duration.ofMillis(Long.parseLong(expected))
                    .equals(DurationStyle.detectAndParse(metadataDefault.asText()));
        }
        if ("number".equals(catalogOption.path("type").asText()) && metadataDefault.isNumber()) {
            // 2.0 in the catalog is 2 in Spring's metadata
            return Double.parseDouble(expected) == metadataDefault.asDouble();
        }
        return expected.equals(metadataDefault.asText());
    }

    private JsonNode catalog() throws IOException {
        try (InputStream in = getClass()
                .getClassLoader()
                .getResourceAsStream("META-INF/io/github/camelsmtpsystem/smtp-system.json")) {
            assertThat(in).as("the component's catalog entry").isNotNull();
            return mapper.readTree(in);
        }
    }

    /** The keys of this starter's metadata; other jars on the class path have a metadata file of their own. */
    private Map<String, JsonNode> metadataKeys() throws IOException {
        Map<String, JsonNode> keys = new HashMap<>();
        for (URL url : Collections.list(
                getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
            JsonNode metadata = mapper.readTree(url);
            for (JsonNode property : metadata.path("properties")) {
                String name = property.path("name").asText();
                if (name.startsWith(PREFIX)) {
                    keys.put(name, property);
                }
            }
        }
        assertThat(keys).as("keys under %s", PREFIX).isNotEmpty();
        return keys;
    }
}

package io.github.camelsmtpsystem.internal.system;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelsmtpsystem.system.ConfigSource;
import io.github.camelsmtpsystem.system.ConfigValueResolver;
import io.github.camelsmtpsystem.system.SmtpSystem;
import io.github.camelsmtpsystem.system.SmtpSystemConfigException;
import io.github.camelsmtpsystem.system.SystemKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Sesam SMTP system definitions from JSON: one object or an array of objects, as in Sesam's documentation,
 * including its example's unquoted {@code $SECRET(...)}. Every error names the source, the line and column, the
 * property and the fix; a value that came from a secret is never shown.
 */
public final class SmtpSystemsReader {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpSystemsReader.class);

    private static final String UNRECOGNIZED_TOKEN = "Unrecognized token '";

    /** Sesam's properties common to every system: accepted, and not used here. */
    private static final Set<String> COMMON =
            Set.of("name", "description", "comment", "metadata", "worker_threads", "permissions");

    private final ObjectMapper mapper;
    private final ConfigValueResolver values;

    public SmtpSystemsReader(ObjectMapper mapper, ConfigValueResolver values) {
        this.mapper = mapper;
        this.values = values;
    }

    /**
     * Reads every system in {@code json}.
     *
     * @param  source                    where the text came from, for error messages
     * @throws SmtpSystemConfigException on the first problem
     */
    public List<SmtpSystem> read(String json, String source) {
        String text = BareTokens.quote(json, source, LOG);
        List<SmtpSystem> systems = new ArrayList<>();
        try (JsonParser parser = mapper.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    systems.add(readSystem(parser, source));
                }
                expect(parser, parser.currentToken() == JsonToken.END_ARRAY, source, "an SMTP system object");
            } else {
                expect(parser, first == JsonToken.START_OBJECT, source, "an SMTP system object or an array of them");
                systems.add(readSystem(parser, source));
            }
            expect(parser, parser.nextToken() == null, source, "the end of the file");
        } catch (JsonProcessingException e) {
            String problem = e.getOriginalMessage();
            if (problem != null && problem.startsWith(UNRECOGNIZED_TOKEN)) {
                // Jackson quotes the whole word, which may be a password written without quotes: neither it nor its
                // exception may reach the log
                throw new SmtpSystemConfigException("Malformed JSON in " + source + at(e.getLocation())
                        + ": a value is a word without quotes (not shown, it may be a secret). "
                        + "Put a string value in double quotes, or fix the JSON syntax there.");
            }
            throw new SmtpSystemConfigException(
                    "Malformed JSON in " + source + at(e.getLocation()) + ": " + problem
                            + ". Fix the JSON syntax there.",
                    e);
        } catch (IOException e) {
            throw new SmtpSystemConfigException("Cannot read " + source + ": " + e.getMessage(), e);
        }
        return systems;
    }

    private SmtpSystem readSystem(JsonParser parser, String source) throws IOException {
        JsonLocation start = parser.currentTokenLocation();
        Map<String, Located> properties = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            JsonLocation location = parser.currentTokenLocation();
            properties.put(name, new Located(mapper.readTree(parser), location));
        }
        Located idValue = properties.get("_id");
        String id = idValue != null && idValue.node.isTextual() ? idValue.node.asText() : null;
        for (Map.Entry<String, Located> property : properties.entrySet()) {
            String name = property.getKey();
            if (SystemKey.bySesamName(name).isEmpty() && !COMMON.contains(name)) {
                throw error(
                        id,
                        source,
                        property.getValue().location,
                        name + " is not a property of an SMTP system",
                        "Did you mean " + nearest(name) + "? Remove or rename it.");
            }
        }
        String type = text(properties, SystemKey.TYPE, id, source);
        if (!SmtpSystem.TYPE.equals(type)) {
            throw error(
                    id,
                    source,
                    location(properties, "type", start),
                    "type is " + (type == null ? "missing" : "'" + type + "'"),
                    "Set \"type\": \"system:smtp\".");
        }
        Located nameValue = properties.get("name");
        SmtpSystem.Builder builder = SmtpSystem.builder(text(properties, SystemKey.ID, id, source));
        for (SystemKey key : SystemKey.values()) {
            Located value = properties.get(key.sesamName());
            if (value == null) {
                continue;
            }
            // an error found when the system is built points at the key, and hides a secret's value
            builder.origin(
                    key,
                    ConfigSource.json(source + at(value.location)),
                    value.node.isTextual() && value.node.asText().contains("$SECRET("));
            if (key != SystemKey.ID && key != SystemKey.TYPE) {
                builder.set(key, typed(properties, key, id, source));
            }
        }
        return builder.name(nameValue != null && nameValue.node.isTextual() ? nameValue.node.asText() : null)
                .source(ConfigSource.json(source + at(start)))
                .build();
    }

    private String text(Map<String, Located> properties, SystemKey property, String id, String source) {
        return (String) typed(properties, property, id, source);
    }

    /** The property's value, tokens resolved and converted to its type; {@code null} when absent or null. */
    private Object typed(Map<String, Located> properties, SystemKey property, String id, String source) {
        Located value = properties.get(property.sesamName());
        if (value == null || value.node.isNull()) {
            return null;
        }
        JsonNode node = value.node;
        if (node.isTextual()) {
            ConfigValueResolver.Resolved resolved;
            try {
                resolved = values.resolve(node.asText());
            } catch (IllegalArgumentException e) {
                // the resolver's message says what to do
                throw error(id, source, value.location, property.sesamName() + ": " + e.getMessage(), null);
            }
            return convert(resolved.value(), resolved.secret(), property, id, source, value.location);
        }
        if (property.type() == Integer.class && node.canConvertToInt() && node.isIntegralNumber()) {
            return node.intValue();
        }
        if (property.type() == Boolean.class && node.isBoolean()) {
            return node.booleanValue();
        }
        // a credential is not shown even when it is of the wrong type
        String shown = property == SystemKey.SMTP_PASSWORD
                ? "(a password, not shown)"
                : property.isSecret() ? "(a secret, not shown)" : node.toString();
        throw wrongType(property, shown, id, source, value.location);
    }

    private Object convert(
            String text, boolean secret, SystemKey property, String id, String source, JsonLocation location) {
        if (property.type() == String.class) {
            return text;
        }
        String shown = secret ? "(a value from $SECRET, not shown)" : "'" + text + "'";
        String trimmed = text.trim();
        if (property.type() == Integer.class) {
            try {
                return Integer.valueOf(trimmed);
            } catch (NumberFormatException e) {
                throw wrongType(property, shown, id, source, location);
            }
        }
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            return Boolean.valueOf(lower);
        }
        throw wrongType(property, shown, id, source, location);
    }

    private static SmtpSystemConfigException wrongType(
            SystemKey property, String shown, String id, String source, JsonLocation location) {
        return error(
                id,
                source,
                location,
                property.sesamName() + " is " + shown + ", not " + property.typeDescription(),
                "Write " + property.typeDescription() + ", for example \"" + property.sesamName() + "\": "
                        + example(property) + ".");
    }

    private static String example(SystemKey property) {
        return property.type() == String.class ? "\"value\"" : String.valueOf(property.defaultValue());
    }

    /** {@code fix} is {@code null} when the problem already says what to do. */
    private static SmtpSystemConfigException error(
            String id, String source, JsonLocation location, String problem, String fix) {
        String system = id == null ? "An SMTP system" : "SMTP system '" + id + "'";
        return new SmtpSystemConfigException(
                system + " in " + source + at(location) + ": " + problem + (fix == null ? "" : ". " + fix));
    }

    private static void expect(JsonParser parser, boolean ok, String source, String what) {
        if (!ok) {
            throw new SmtpSystemConfigException("Malformed systems file " + source + at(parser.currentTokenLocation())
                    + ": expected " + what + ". Write one system object, or an array of them.");
        }
    }

    private static JsonLocation location(Map<String, Located> properties, String name, JsonLocation fallback) {
        Located value = properties.get(name);
        return value != null ? value.location : fallback;
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0
                ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** The valid property name closest to a misspelled one. */
    static String nearest(String name) {
        return Stream.concat(Stream.of(SystemKey.values()).map(SystemKey::sesamName), COMMON.stream())
                .min(Comparator.comparingInt(candidate -> distance(name.toLowerCase(Locale.ROOT), candidate)))
                .orElseThrow();
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private record Located(JsonNode node, JsonLocation location) {}
}

package io.github.camelsmtpsystem.internal.mail;

import java.util.Map;

/**
 * A Sesam mail sink pair: a value, or the entity property that holds it ({@code subject_template} and
 * {@code subject_template_property}, ...). At most one of the two is set.
 *
 * @param value    the value, or {@code null}
 * @param property the name of the entity property that holds the value, or {@code null}
 */
public record SinkPair(String value, String property) {

    /**
     * The endpoint's pair, or the sink file's when the endpoint sets neither half: the endpoint setting either one
     * replaces the file's pair, so that a file's subject_template and an endpoint's subjectTemplateProperty do not
     * clash.
     *
     * @param file the sink file's options, the property of option {@code name} under {@code name + "Property"}
     */
    public static SinkPair merge(String value, String property, Map<String, String> file, String name) {
        if (value == null && property == null) {
            return new SinkPair(file.get(name), file.get(name + "Property"));
        }
        return new SinkPair(value, property);
    }
}

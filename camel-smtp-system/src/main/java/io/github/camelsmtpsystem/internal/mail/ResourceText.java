package io.github.camelsmtpsystem.internal.mail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.support.ResourceHelper;

/** Reads a Camel resource ({@code classpath:}, {@code file:}, ...) as UTF-8 text, never placeholder-resolved. */
public final class ResourceText {

    private ResourceText() {}

    /** The resource's text, or empty when it does not exist. */
    public static Optional<String> read(CamelContext camelContext, String location) throws IOException {
        try (InputStream in = ResourceHelper.resolveResourceAsInputStream(camelContext, location)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}

package io.github.camelsmtpsystem.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The N messages every client sends: message {@code i} goes from {@value #FROM} to one recipient, with the same
 * subject and plain-text body for all three clients. {@code smtp-system:} renders them from an entity with Jinja
 * templates (as its users do); the others get the same text made here, so rendering is part of ours' cost only.
 */
final class BenchMails {

    static final String FROM = "bench@example.com";
    /** The subject template, in the endpoint URI's form ([[ ]] for Jinja's double braces). */
    static final String SUBJECT_TEMPLATE = "Benchmark message [[ n ]]";
    /** The body template, loaded by {@code smtp-system:} through {@code resource:}. */
    static final String BODY_RESOURCE = "bench/body.txt.j2";

    private static final String BODY_TEMPLATE = load();

    private BenchMails() {}

    static String recipient(int i) {
        return "rcpt" + (i % 100) + "@example.com";
    }

    static String subject(int i) {
        return "Benchmark message " + i;
    }

    static String body(int i) {
        return BODY_TEMPLATE.replace("{{ name }}", name(i)).replace("{{ n }}", Integer.toString(i));
    }

    /** The entity {@code smtp-system:} makes message {@code i} from. */
    static Map<String, Object> entity(int i) {
        Map<String, Object> entity = new HashMap<>();
        entity.put("_id", "m" + i);
        entity.put("n", i);
        entity.put("name", name(i));
        entity.put("email", recipient(i));
        return entity;
    }

    private static String name(int i) {
        return "Recipient " + i;
    }

    private static String load() {
        try (InputStream in = BenchMails.class.getClassLoader().getResourceAsStream(BODY_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(BODY_RESOURCE + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.github.camelsmtpsystem.internal.template;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Python's Jinja2 from Debian's python3-jinja2, rendering the differential corpus with {@code render_jinja2.py} the
 * way Sesam renders mail templates; and what it rendered last, committed as {@code jinja2/expected/corpus.jsonl}
 * (the golden file), for machines without it. CI installs the package.
 */
final class Jinja2Reference {

    /**
     * Debian's interpreter: the package installs for it, not for another python3 that may come first on PATH.
     * {@code -Djinja2.python=...} names another (one without jinja2 checks against the golden file alone).
     */
    private static final String PYTHON = System.getProperty("jinja2.python", "/usr/bin/python3");

    private Jinja2Reference() {}

    /** Whether Python's Jinja2 can render here. */
    static boolean available() throws IOException, InterruptedException {
        try {
            Process check = new ProcessBuilder(List.of(PYTHON, "-c", "import jinja2"))
                    .redirectErrorStream(true)
                    .start();
            check.getInputStream().readAllBytes();
            return check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0;
        } catch (IOException e) {
            // no such interpreter
            return false;
        }
    }

    /** What Jinja2 renders now, one JSON line per case and mode: id, mode, subject, body and text, or error. */
    static String render(Path corpus, Path defaultEntity) throws Exception {
        Process process = new ProcessBuilder(
                        PYTHON, resource("jinja2/render_jinja2.py"), corpus.toString(), defaultEntity.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("render_jinja2.py failed (see stderr)");
        }
        return output;
    }

    /** The renders of {@link #render} (or of the golden file), by {@code id + " " + mode}, in the corpus's order. */
    static Map<String, Map<String, String>> byCase(String renders) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, Map<String, String>> results = new LinkedHashMap<>();
        for (String line : renders.split("\n")) {
            if (!line.isBlank()) {
                @SuppressWarnings("unchecked")
                Map<String, String> result = mapper.readValue(line, Map.class);
                results.put(result.get("id") + " " + result.get("mode"), result);
            }
        }
        return results;
    }

    /** The cases and modes whose committed expectation is not what Jinja2 renders now, each with what differs. */
    static List<String> stale(Map<String, Map<String, String>> golden, Map<String, Map<String, String>> live) {
        List<String> stale = new ArrayList<>();
        live.forEach((key, rendered) -> {
            Map<String, String> committed = golden.get(key);
            if (committed == null) {
                stale.add(key + ": no expectation committed");
            } else if (!committed.equals(rendered)) {
                stale.add(key + ": committed " + committed + ", Jinja2 renders " + rendered);
            }
        });
        golden.keySet().stream()
                .filter(key -> !live.containsKey(key))
                .forEach(key -> stale.add(key + ": committed, but no longer in the corpus"));
        return stale;
    }

    static String resource(String name) {
        try {
            return Path.of(Jinja2Reference.class
                            .getClassLoader()
                            .getResource(name)
                            .toURI())
                    .toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

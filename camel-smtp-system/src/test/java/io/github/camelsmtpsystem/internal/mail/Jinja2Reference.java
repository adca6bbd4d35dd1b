package io.github.camelsmtpsystem.internal.mail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelsmtpsystem.InstalledServer;

/**
 * Python's Jinja2 from Debian's python3-jinja2, rendering the differential corpus with {@code render_jinja2.py} the
 * way Sesam renders mail templates. CI installs the package; elsewhere the test that needs it is skipped when it is
 * missing.
 */
final class Jinja2Reference {

    /** Debian's interpreter: the package installs for it, not for another python3 that may come first on PATH. */
    private static final String PYTHON = "/usr/bin/python3";

    private Jinja2Reference() {}

    /** What Jinja2 rendered, by {@code id + " " + mode}: subject, body and text, or error. */
    static Map<String, Map<String, String>> render(Path corpus, Path defaultEntity) throws Exception {
        assumeAvailable();
        Process process = new ProcessBuilder(
                        PYTHON, resource("jinja2/render_jinja2.py"), corpus.toString(), defaultEntity.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("render_jinja2.py failed (see stderr)");
        }
        ObjectMapper mapper = new ObjectMapper();
        Map<String, Map<String, String>> results = new HashMap<>();
        for (String line : output.split("\n")) {
            if (!line.isBlank()) {
                @SuppressWarnings("unchecked")
                Map<String, String> result = mapper.readValue(line, Map.class);
                results.put(result.get("id") + " " + result.get("mode"), result);
            }
        }
        return results;
    }

    private static void assumeAvailable() throws IOException, InterruptedException {
        boolean available = new ProcessBuilder(List.of(PYTHON, "-c", "import jinja2"))
                        .start()
                        .waitFor()
                == 0;
        InstalledServer.require(
                available,
                "python3-jinja2 is not installed for " + PYTHON + " (apt-get install -y python3-jinja2): "
                        + "the differential test against Jinja2 cannot run");
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

package io.github.camelsmtpsystem.internal.cap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.core.ConditionFactory;

import static org.awaitility.Awaitility.await;

/** A {@link CapStoreChild} in a JVM of its own, started with the test class path. */
final class ChildJvm implements AutoCloseable {

    private static final Pattern RESULT = Pattern.compile("RESULT sent=(\\d+) discarded=(\\d+) failed=(\\d+)");

    /** What the child reported. */
    record Result(int sent, int discarded, int failed) {}

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private ChildJvm(Process process) {
        this.process = process;
        Thread reader = new Thread(this::read, "child-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a child and waits until its Camel context runs; it sends when {@link #go()} says so. */
    static ChildJvm start(String capStore, int smtpPort, String system, int maxPerHour, int threads, int mails)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                CapStoreChild.class.getName(),
                capStore,
                Integer.toString(smtpPort),
                system,
                Integer.toString(maxPerHour),
                Integer.toString(threads),
                Integer.toString(mails)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        ChildJvm child = new ChildJvm(builder.start());
        awaitChild()
                .atMost(Duration.ofSeconds(60))
                .until(() -> child.lines.contains("READY") || !child.process.isAlive());
        if (!child.process.isAlive()) {
            throw new IllegalStateException("The child JVM did not start: " + child.lines);
        }
        return child;
    }

    /**
     * An await that ignores other threads' uncaught exceptions: a killed child leaves GreenMail's handler thread to
     * throw on the reset connection, and Awaitility would otherwise fail the test's next wait with it.
     */
    private static ConditionFactory awaitChild() {
        return await().dontCatchUncaughtExceptions();
    }

    /** Lets the child send. */
    void go() throws IOException {
        OutputStream in = process.getOutputStream();
        in.write("go\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Waits for the child's result. */
    Result result() {
        awaitChild().atMost(Duration.ofSeconds(90)).until(() -> result(lines) != null || !process.isAlive());
        Result result = result(lines);
        if (result == null) {
            awaitChild().atMost(Duration.ofSeconds(5)).until(() -> result(lines) != null);
            result = result(lines);
        }
        return result;
    }

    /** What the child printed: its failures, for an assertion message. */
    List<String> output() {
        return List.copyOf(lines);
    }

    /** SIGKILL: the child dies at once, mid-send, without a shutdown hook. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    private static Result result(List<String> lines) {
        for (String line : lines) {
            Matcher m = RESULT.matcher(line);
            if (m.find()) {
                return new Result(
                        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            }
        }
        return null;
    }

    private void read() {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("READY")
                        || line.startsWith("RESULT")
                        || line.startsWith("FAILED")
                        || line.contains("Exception")) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            // the child died: what it printed is all there is
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}

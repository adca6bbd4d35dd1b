package io.github.camelsmtpsystem.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A server process the benchmark starts and stops itself (smtp-sink, aiosmtpd, stunnel): its output is read line by
 * line (a carriage return also ends a line, as in smtp-sink's counters), and each line may update the count of
 * received messages. A server that writes a line per message (smtp-sink) may write to a file instead, read only when
 * the count is asked for, so that counting costs the measured JVM no read and no thread wake-up per message.
 */
final class ServerProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final AtomicLong received = new AtomicLong();
    private final ByteArrayOutputStream errors = new ByteArrayOutputStream();
    private final CountDownLatch ready = new CountDownLatch(1);
    /** Where the process writes its output when it is not read as it comes, or {@code null}. */
    private final Path outputFile;

    private final LineCounter countOfLine;

    /**
     * @param name        for messages
     * @param command     the command line
     * @param readyLine   a line that says the server listens, or {@code null} to wait for the port instead
     * @param countOfLine how many messages a line of output says the server has received in all, or -1 when it says
     *                    nothing about that; lines that report one message each return the current count plus one
     */
    ServerProcess(String name, List<String> command, String readyLine, LineCounter countOfLine) throws IOException {
        this(name, command, readyLine, countOfLine, null);
    }

    /**
     * A process whose output goes to {@code outputFile} (deleted when the process stops), its count read from the file's
     * last line when asked for: for servers that need no ready line.
     */
    static ServerProcess writingTo(Path outputFile, String name, List<String> command, LineCounter countOfLine)
            throws IOException {
        return new ServerProcess(name, command, null, countOfLine, outputFile);
    }

    private ServerProcess(String name, List<String> command, String readyLine, LineCounter countOfLine, Path outputFile)
            throws IOException {
        this.name = name;
        this.outputFile = outputFile;
        this.countOfLine = countOfLine;
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE);
        if (outputFile != null) {
            builder.redirectOutput(outputFile.toFile());
        }
        this.process = builder.start();
        if (outputFile == null) {
            Thread out = new Thread(() -> readLines(process.getInputStream(), readyLine, countOfLine), name + "-out");
            out.setDaemon(true);
            out.start();
        }
        Thread err = new Thread(() -> copy(process.getErrorStream(), errors), name + "-err");
        err.setDaemon(true);
        err.start();
        if (readyLine == null) {
            ready.countDown();
        }
    }

    /** Reads a line of output into the running count. */
    interface LineCounter {
        long count(String line, long current);
    }

    /** Waits for the ready line and for the port to accept connections; a server that never gets there is stopped. */
    ServerProcess awaitReady(int port) throws IOException {
        try {
            return waitUntilListening(port);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private ServerProcess waitUntilListening(int port) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        try {
            if (!ready.await(15, TimeUnit.SECONDS)) {
                throw failure("did not say it was ready within 15 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        while (true) {
            if (!process.isAlive()) {
                throw failure("exited with " + process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return this;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw failure("does not listen on port " + port + " after 15 s");
                }
                sleep(20);
            }
        }
    }

    long received() {
        if (outputFile != null) {
            long count = countOfLine.count(lastLine(outputFile), received.get());
            if (count >= 0) {
                received.set(count);
            }
        }
        return received.get();
    }

    /** The last whole line of {@code file} (a line ends with a carriage return or a line feed), or "". */
    static String lastLine(Path file) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int size = (int) Math.min(length, 512);
            byte[] tail = new byte[size];
            in.seek(length - size);
            in.readFully(tail);
            int end = size;
            while (end > 0 && tail[end - 1] != '\r' && tail[end - 1] != '\n') {
                end--;
            }
            while (end > 0 && (tail[end - 1] == '\r' || tail[end - 1] == '\n')) {
                end--;
            }
            int start = end;
            while (start > 0 && tail[start - 1] != '\r' && tail[start - 1] != '\n') {
                start--;
            }
            return new String(tail, start, end - start, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    /** The first lines the process wrote to its standard error, for a failure message. */
    String errors() {
        synchronized (errors) {
            String text = errors.toString(StandardCharsets.UTF_8).strip();
            return text.length() > 2000 ? text.substring(0, 2000) + "..." : text;
        }
    }

    private IOException failure(String what) {
        return new IOException(name + " " + what + (errors().isEmpty() ? "" : ": " + errors()));
    }

    private void readLines(InputStream in, String readyLine, LineCounter counter) {
        StringBuilder line = new StringBuilder();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                for (int i = 0; i < n; i++) {
                    char c = (char) (buffer[i] & 0xff);
                    if (c == '\n' || c == '\r') {
                        if (!line.isEmpty()) {
                            String text = line.toString();
                            if (readyLine != null && text.equals(readyLine)) {
                                ready.countDown();
                            }
                            long count = counter.count(text, received.get());
                            if (count >= 0) {
                                received.set(count);
                            }
                            line.setLength(0);
                        }
                    } else {
                        line.append(c);
                    }
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private void copy(InputStream in, ByteArrayOutputStream to) {
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (to) {
                    if (to.size() < 64 * 1024) {
                        to.write(buffer, 0, n);
                    }
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** Stops the process: terminates it, then kills it. */
    @Override
    public void close() {
        close(false);
    }

    /**
     * Stops the process.
     *
     * @param stopsOnEndOfInput the process stops by itself when its input ends (aiosmtpd's script): wait for that first
     */
    void close(boolean stopsOnEndOfInput) {
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.flush();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!stopsOnEndOfInput || !process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        if (outputFile != null) {
            try {
                Files.deleteIfExists(outputFile);
            } catch (IOException e) {
                // a temp file
            }
        }
    }

    /** A free TCP port on loopback (free when asked; the server binds it right after). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** smtp-sink's {@code -c} counters, {@code sess=3 quit=3 mesg=6}: the message count, or -1 for another line. */
    static long smtpSinkCount(String line, long current) {
        int at = line.indexOf("mesg=");
        if (at < 0) {
            return -1;
        }
        int end = at + 5;
        while (end < line.length() && Character.isDigit(line.charAt(end))) {
            end++;
        }
        return end > at + 5 ? Long.parseLong(line.substring(at + 5, end)) : -1;
    }

    /** The aiosmtpd script prints {@code RECEIVED <from> <to,...>} for each accepted message. */
    static long oneLinePerMessage(String line, long current) {
        return line.startsWith("RECEIVED ") ? current + 1 : -1;
    }

    /** A process whose output does not count messages. */
    static long noCount(String line, long current) {
        return -1;
    }
}

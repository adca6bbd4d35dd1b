package io.github.camelsmtpsystem.internal.cap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.github.camelsmtpsystem.cap.HourlyCapStore;

/**
 * The hourly budgets of one application in a directory ({@code capStore=file:<dir>}), so that a restart does not
 * renew them. One file per key holds a header (last second, permits in the window) and one slot (second, count) per
 * second of the window: about 43 KB for an hour, whatever the budget. Processes on one machine may share the
 * directory: each access holds an exclusive file lock.
 * <p>
 * A permit writes the header, with the permit counted, before the slot: a process killed in between leaves a header
 * that counts one permit too many (never too few), and the next process to open the file counts the slots again.
 * What is written survives the process at once (SIGKILL, OOM); it is forced to the disk at most once a second, so
 * that a crash of the operating system loses at most the last second's permits.
 */
public class FileCapStore implements HourlyCapStore {

    private static final int MAGIC = 0x53434150; // "SCAP"
    private static final int HEADER = 32;
    private static final int SLOT = 12;

    // one channel per file in the JVM: a second lock on the same file from this JVM would fail, not wait
    private static final Map<Path, KeyFile> OPEN = new ConcurrentHashMap<>();

    private final Path directory;
    private final LongSupplier clockSeconds;
    private final Map<String, KeyFile> files = new ConcurrentHashMap<>();

    /** A store in {@code directory}, created if missing. */
    public FileCapStore(Path directory) {
        this(directory, () -> Math.floorDiv(System.currentTimeMillis(), 1000));
    }

    FileCapStore(Path directory, LongSupplier clockSeconds) {
        this.directory = directory;
        this.clockSeconds = clockSeconds;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "capStore " + this + ": cannot create the directory (" + e + "). "
                            + "Give a writable directory that outlives the process, for instance file:/var/lib/app/cap.",
                    e);
        }
        if (!Files.isDirectory(directory) || !Files.isWritable(directory)) {
            throw new IllegalArgumentException("capStore " + this + " is not a writable directory. "
                    + "Give a writable directory that outlives the process, for instance file:/var/lib/app/cap.");
        }
    }

    @Override
    public boolean tryAcquire(String key, int max, Duration period) {
        return access(key, period, max) >= 0;
    }

    @Override
    public long used(String key, Duration period) {
        return access(key, period, -1);
    }

    /** Takes a permit when {@code max >= 0}: the new count, or -1 when refused; with {@code max < 0}, the count. */
    private long access(String key, Duration period, int max) {
        int window = HourlyCapStore.windowSeconds(period);
        KeyFile file = files.computeIfAbsent(key, this::open);
        try {
            synchronized (file) {
                return file.access(window, max, clockSeconds.getAsLong());
            }
        } catch (ClosedChannelException e) {
            // an interrupted thread closes the channel under every other one: open it again on the next call
            files.remove(key, file);
            file.release();
            throw new UncheckedIOException("the file of '" + key + "' was closed by an interrupt", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private KeyFile open(String key) {
        Path path = directory.resolve(fileName(key)).toAbsolutePath().normalize();
        return OPEN.compute(path, (p, open) -> {
            try {
                KeyFile file = open != null && open.channel.isOpen()
                        ? open
                        : new KeyFile(
                                p,
                                FileChannel.open(
                                        p,
                                        StandardOpenOption.CREATE,
                                        StandardOpenOption.READ,
                                        StandardOpenOption.WRITE));
                file.users++;
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The key, percent-encoded where a character is not safe in a file name. */
    static String fileName(String key) {
        StringBuilder name = new StringBuilder();
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 128
                    && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.')
                    && !(name.isEmpty() && c == '.')) {
                name.append(c);
            } else {
                name.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return name.append(".cap").toString();
    }

    @Override
    public void close() {
        files.values().forEach(KeyFile::release);
        files.clear();
    }

    @Override
    public String toString() {
        return "file:" + directory;
    }

    /** One key's file, open while a store of this JVM uses it. */
    private static final class KeyFile {

        private final Path path;
        private final FileChannel channel;
        private int users;
        private long forced;
        private final ByteBuffer header = ByteBuffer.allocate(HEADER);
        private final ByteBuffer slot = ByteBuffer.allocate(SLOT);
        private boolean recounted;

        KeyFile(Path path, FileChannel channel) {
            this.path = path;
            this.channel = channel;
        }

        long access(int window, int max, long now) throws IOException {
            try (FileLock lock = channel.lock()) {
                header.clear();
                int read = channel.read(header, 0);
                header.flip();
                if (read < HEADER || header.getInt(0) != MAGIC || header.getInt(8) != window || !recounted) {
                    // new file, another period, or first use by this process: count the slots, do not trust the header
                    recount(window, read == HEADER && header.getInt(0) == MAGIC ? header.getInt(8) : 0);
                    recounted = true;
                }
                long last = header.getLong(16);
                long total = header.getLong(24);
                now = Math.max(now, last); // a clock set back counts into the newest second: fewer sends, never more
                if (now - last >= window) {
                    total = 0;
                } else {
                    for (long second = last + 1; second <= now; second++) {
                        // the slot second reuses held a second that leaves the window now
                        readSlot(second, window);
                        if (slot.getLong(0) > last - window) {
                            total -= slot.getInt(8);
                        }
                    }
                }
                boolean take = max >= 0 && total < max;
                if (take) {
                    total++;
                }
                if (now != last || take) {
                    writeHeader(window, now, total);
                }
                if (take) {
                    readSlot(now, window);
                    int count = slot.getLong(0) == now ? slot.getInt(8) + 1 : 1;
                    slot.clear();
                    slot.putLong(now).putInt(count).flip();
                    channel.write(slot, slotPosition(now, window));
                }
                if ((now != last || take) && now != forced) {
                    // an fsync costs milliseconds: once a second bounds what an OS crash can lose
                    channel.force(false);
                    forced = now;
                }
                return max >= 0 && !take ? -1 : total;
            }
        }

        /** Rebuilds the header from the slots that lie in the window (of a file written with another window). */
        private void recount(int window, int oldWindow) throws IOException {
            long last = oldWindow > 0 ? header.getLong(16) : Long.MIN_VALUE;
            long[] seconds = new long[window];
            int[] counts = new int[window];
            for (int i = 0; i < oldWindow; i++) {
                slot.clear();
                channel.read(slot, HEADER + (long) i * SLOT);
                long second = slot.getLong(0);
                int count = slot.getInt(8);
                if (count > 0 && second <= last && second > last - window) {
                    int at = (int) Math.floorMod(second, window);
                    seconds[at] = second;
                    counts[at] = count;
                }
            }
            long total = 0;
            ByteBuffer slots = ByteBuffer.allocate(window * SLOT);
            for (int i = 0; i < window; i++) {
                slots.putLong(seconds[i]).putInt(counts[i]);
                total += counts[i];
            }
            slots.flip();
            channel.truncate(HEADER + (long) window * SLOT);
            channel.write(slots, HEADER);
            writeHeader(window, oldWindow > 0 ? last : Long.MIN_VALUE / 2, total);
            channel.force(false);
            header.clear();
            channel.read(header, 0);
            header.flip();
        }

        private void writeHeader(int window, long last, long total) throws IOException {
            ByteBuffer out = ByteBuffer.allocate(HEADER);
            out.putInt(MAGIC)
                    .putInt(1)
                    .putInt(window)
                    .putInt(0)
                    .putLong(last)
                    .putLong(total)
                    .flip();
            channel.write(out, 0);
        }

        private void readSlot(long second, int window) throws IOException {
            slot.clear();
            channel.read(slot, slotPosition(second, window));
            slot.flip();
        }

        private static long slotPosition(long second, int window) {
            return HEADER + Math.floorMod(second, window) * (long) SLOT;
        }

        /** A store is done with the file: the last one closes it. */
        void release() {
            OPEN.computeIfPresent(path, (p, file) -> {
                if (file != this || --users > 0) {
                    return file;
                }
                try {
                    channel.close();
                } catch (IOException e) {
                    // closing at stop: nothing left to do with it
                }
                return null;
            });
        }
    }
}

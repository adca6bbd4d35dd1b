package io.github.camelsmtpsystem.internal.cap;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The file store's arithmetic on a clock the test sets: windows, bounded size, and recovery from a killed writer. */
class FileCapStoreTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @TempDir
    Path directory;

    private final AtomicLong now = new AtomicLong(1_800_000_000L);

    @Test
    void aPermitComesBackWhenItsSecondLeavesTheWindow() {
        try (FileCapStore store = new FileCapStore(directory, now::get)) {
            for (int i = 0; i < 3; i++) {
                assertThat(store.tryAcquire("k", 3, Duration.ofSeconds(2))).isTrue();
            }
            assertThat(store.tryAcquire("k", 3, Duration.ofSeconds(2))).isFalse();
            now.addAndGet(2);
            // 2 s later the first second may still be in a 2 s span that ends now: not yet
            assertThat(store.tryAcquire("k", 3, Duration.ofSeconds(2))).isFalse();
            now.addAndGet(1);
            assertThat(store.tryAcquire("k", 3, Duration.ofSeconds(2))).isTrue();
            assertThat(store.used("k", Duration.ofSeconds(2))).isEqualTo(1);
        }
    }

    @Test
    void anHourIsCountedPerSecondAcrossTheWholeWindow() {
        try (FileCapStore store = new FileCapStore(directory, now::get)) {
            long start = now.get();
            for (int i = 0; i < 3600; i += 600) {
                now.set(start + i);
                assertThat(store.tryAcquire("k", 6, HOUR)).isTrue();
            }
            now.set(start + 3600);
            assertThat(store.tryAcquire("k", 6, HOUR)).isFalse();
            now.set(start + 3601);
            assertThat(store.used("k", HOUR)).isEqualTo(5);
            assertThat(store.tryAcquire("k", 6, HOUR)).isTrue();
        }
    }

    @Test
    void theFileHasOneSlotPerSecondWhateverTheBudget() throws Exception {
        try (FileCapStore store = new FileCapStore(directory, now::get)) {
            assertThat(store.tryAcquire("big", 1_000_000, HOUR)).isTrue();
        }
        assertThat(Files.size(directory.resolve(FileCapStore.fileName("big"))))
                .isEqualTo(32 + 3601 * 12)
                .isLessThan(50_000);
    }

    @Test
    void slotsAreReusedRoundTheWindow() throws Exception {
        Duration minute = Duration.ofMinutes(1);
        try (FileCapStore store = new FileCapStore(directory, now::get)) {
            for (int second = 0; second < 200; second++) {
                now.incrementAndGet();
                for (int i = 0; i < 3; i++) {
                    assertThat(store.tryAcquire("wrap", 1_000_000, minute)).isTrue();
                }
            }
            assertThat(store.used("wrap", minute)).isEqualTo(3 * 61);
        }
        assertThat(Files.size(directory.resolve(FileCapStore.fileName("wrap")))).isEqualTo(32 + 61 * 12);
    }

    @Test
    void aHeaderWrittenByAKilledProcessWithoutItsSlotIsRecounted() throws Exception {
        try (FileCapStore store = new FileCapStore(directory, now::get)) {
            store.tryAcquire("k", 5, HOUR);
            store.tryAcquire("k", 5, HOUR);
        }
        // the header counts a third permit whose slot never reached the file: the writer died in between
        try (FileChannel file =
                FileChannel.open(directory.resolve(FileCapStore.fileName("k")), StandardOpenOption.WRITE)) {
            file.write(ByteBuffer.allocate(8).putLong(0, 3), 24);
        }
        try (FileCapStore restarted = new FileCapStore(directory, now::get)) {
            assertThat(restarted.used("k", HOUR)).isEqualTo(2);
        }
    }

    @Test
    void twoStoresInOneJvmShareTheFile() {
        try (FileCapStore one = new FileCapStore(directory, now::get);
                FileCapStore two = new FileCapStore(directory, now::get)) {
            assertThat(one.tryAcquire("k", 2, HOUR)).isTrue();
            assertThat(two.tryAcquire("k", 2, HOUR)).isTrue();
            assertThat(one.tryAcquire("k", 2, HOUR)).isFalse();
            assertThat(two.used("k", HOUR)).isEqualTo(2);
        }
    }

    @Test
    void aClockSetBackNeverFreesPermits() {
        try (FileCapStore store = new FileCapStore(directory, now::get)) {
            store.tryAcquire("k", 1, HOUR);
            now.addAndGet(-7200);
            assertThat(store.tryAcquire("k", 1, HOUR)).isFalse();
        }
    }

    @Test
    void keysBecomeSafeFileNames() {
        assertThat(FileCapStore.fileName("smtp-system:our/server")).isEqualTo("smtp-system%3Aour%2Fserver.cap");
        assertThat(FileCapStore.fileName("..")).isEqualTo("%2E..cap");
    }

    @Test
    void aDirectoryThatCannotBeMadeIsAClearError() throws Exception {
        Path file = Files.writeString(directory.resolve("a-file"), "x");
        assertThatThrownBy(() -> new FileCapStore(file.resolve("cap")))
                .hasMessageContaining("capStore file:" + file.resolve("cap"))
                .hasMessageContaining("writable directory");
    }
}

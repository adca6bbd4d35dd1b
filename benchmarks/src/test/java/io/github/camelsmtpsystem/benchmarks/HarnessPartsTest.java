package io.github.camelsmtpsystem.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.camelsmtpsystem.benchmarks.BenchOptions.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HarnessPartsTest {

    private static final long COUNT_WAIT = TimeUnit.MILLISECONDS.toNanos(200);

    @Test
    void readsSmtpSinkCounters() {
        assertThat(ServerProcess.smtpSinkCount("sess=3 quit=3 mesg=6", 0)).isEqualTo(6);
        assertThat(ServerProcess.smtpSinkCount("sess=10000 quit=9999 mesg=10000", 6))
                .isEqualTo(10_000);
        assertThat(ServerProcess.smtpSinkCount("smtp-sink: warning: something", 6))
                .isEqualTo(-1);
    }

    @Test
    void readsTheLastWholeLineOfACounterFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("smtp-sink.out");
        Files.writeString(file, "");
        assertThat(ServerProcess.lastLine(file)).isEmpty();
        Files.writeString(file, "sess=1 quit=0 mesg=1\rsess=1 quit=0 mesg=2\r");
        assertThat(ServerProcess.lastLine(file)).isEqualTo("sess=1 quit=0 mesg=2");
        // a line still being written is not read: its digits may be cut short
        Files.writeString(
                file, "x".repeat(600) + "\nsess=1 quit=0 mesg=2\rsess=1 quit=0 mesg=1", StandardCharsets.US_ASCII);
        assertThat(ServerProcess.lastLine(file)).isEqualTo("sess=1 quit=0 mesg=2");
        assertThat(ServerProcess.lastLine(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void countsOneAiosmtpdLinePerMessage() {
        assertThat(ServerProcess.oneLinePerMessage("RECEIVED bench@example.com rcpt1@example.com", 41))
                .isEqualTo(42);
        assertThat(ServerProcess.oneLinePerMessage("READY", 41)).isEqualTo(-1);
    }

    @Test
    void aRunIsAccountedForOnlyWhenTheServerCountedEveryMessage() throws Exception {
        AtomicLong counted = new AtomicLong();
        RunResult all = RunResult.run(client(i -> counted.incrementAndGet()), 4, 1000, server(counted));
        assertThat(all.sent()).isEqualTo(1000);
        assertThat(all.received()).isEqualTo(1000);
        assertThat(all.accounted()).isTrue();

        RunResult lost = RunResult.run(
                client(i -> {
                    if (i % 100 != 0) {
                        counted.incrementAndGet();
                    }
                }),
                2,
                1000,
                server(counted),
                COUNT_WAIT);
        assertThat(lost.sent()).isEqualTo(1000);
        assertThat(lost.received()).isEqualTo(990);
        assertThat(lost.accounted()).isFalse();

        RunResult failed = RunResult.run(
                client(i -> {
                    if (i == 500) {
                        throw new IllegalStateException("refused");
                    }
                    counted.incrementAndGet();
                }),
                1,
                1000,
                server(counted),
                COUNT_WAIT);
        assertThat(failed.sent()).isEqualTo(500);
        assertThat(failed.failure()).hasMessage("refused");
        assertThat(failed.accounted()).isFalse();
    }

    @Test
    void quickSetsSmallerDefaultsThatLaterOptionsOverride() {
        BenchOptions quick = BenchOptions.parse("--quick", "--messages=2000");
        assertThat(quick.messages).isEqualTo(2000);
        assertThat(quick.tlsMessages).isEqualTo(100);
        assertThat(quick.rounds).isEqualTo(1);

        BenchOptions chosen = BenchOptions.parse("--profiles=slow-tls,cap-heap", "--threads=4", "");
        assertThat(chosen.profiles).containsExactly(Profile.SLOW_TLS);
        assertThat(chosen.capHeap).isTrue();
        assertThat(chosen.threads).containsExactly(4);
        assertThat(chosen.messages(Profile.SLOW_TLS)).isEqualTo(32);
        assertThat(chosen.warmupMessages(Profile.SLOW_TLS, 4, true)).isEqualTo(8);
        // on loopback with TLS the JIT needs more than camel-mail's connection-per-message pace allows
        assertThat(chosen.warmupMessages(Profile.POSTFIX, 1, true)).isEqualTo(2_000);
        assertThat(chosen.warmupMessages(Profile.POSTFIX, 1, false)).isEqualTo(100);
        // one connection per thread unless told otherwise
        assertThat(chosen.connections()).isEqualTo(4);
        assertThat(BenchOptions.parse("--threads=1,4", "--connections=1").connections())
                .isEqualTo(1);

        assertThatThrownBy(() -> BenchOptions.parse("--profile=slow"))
                .hasMessageContaining("Unknown option '--profile=slow'");
        assertThatThrownBy(() -> BenchOptions.parse("--profiles=wan")).hasMessageContaining("Unknown profile 'wan'");
    }

    @Test
    void warmUpEndsOnceTheJitIsQuietInTwoRoundsInARow() {
        // a run of 1 s: 30 ms of compiling is busy, 10 ms quiet
        assertThat(rounds(new WarmUp(1, 10), 30, 30, 10, 30, 10, 10, 30)).isEqualTo(6);
        assertThat(rounds(new WarmUp(5, 10), 10, 10, 10, 10, 10, 10))
                .as("the fewest rounds first")
                .isEqualTo(5);
        WarmUp busy = new WarmUp(1, 4);
        assertThat(rounds(busy, 30, 30, 30, 30, 30, 30))
                .as("the most rounds at last")
                .isEqualTo(4);
        assertThat(busy.quiet()).isFalse();
        assertThat(rounds(new WarmUp(0, 0), 10)).isZero();
        assertThat(BenchOptions.parse("--quick").maxWarmup).isEqualTo(3);
        assertThat(BenchOptions.parse("--max-warmup=7").maxWarmup).isEqualTo(7);
    }

    /** The rounds a warm-up takes when its runs of 1 s compile for the given milliseconds, one run per round. */
    private static int rounds(WarmUp warmUp, long... compilingMillis) {
        int next = 0;
        while (warmUp.more() && next < compilingMillis.length) {
            warmUp.beginRound();
            warmUp.ran(1_000_000_000L, compilingMillis[next++]);
            warmUp.endRound();
        }
        return warmUp.rounds();
    }

    @Test
    void theClientsSendTheSameMessages() {
        assertThat(BenchMails.body(7))
                .startsWith("Hello Recipient 7,")
                .contains("this is message 7 of")
                .doesNotContain("{{");
        assertThat(BenchMails.entity(7))
                .containsEntry("email", BenchMails.recipient(7))
                .containsEntry("n", 7);
        assertThat(List.of(BenchMails.recipient(7), BenchMails.recipient(107))).containsOnly("rcpt7@example.com");
    }

    private interface Send {
        void send(int i) throws Exception;
    }

    private static BenchClient client(Send send) {
        return new BenchClient() {
            @Override
            public String name() {
                return "fake";
            }

            @Override
            public ThreadSender thread(int index) {
                return send::send;
            }

            @Override
            public void close() {}
        };
    }

    private static SmtpServer server(AtomicLong counted) {
        return new SmtpServer() {
            @Override
            public String description() {
                return "counter";
            }

            @Override
            public String host() {
                return "127.0.0.1";
            }

            @Override
            public int port() {
                return 25;
            }

            @Override
            public boolean implicitTls() {
                return false;
            }

            @Override
            public boolean auth() {
                return false;
            }

            @Override
            public long received() {
                return counted.get();
            }

            @Override
            public void close() {}
        };
    }
}

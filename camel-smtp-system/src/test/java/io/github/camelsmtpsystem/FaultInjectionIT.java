package io.github.camelsmtpsystem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.camelsmtpsystem.FaultProxy.Action;
import io.github.camelsmtpsystem.FaultProxy.Step;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #22, faults at every step: a {@link FaultProxy} between the component and a real Postfix cuts or stalls one
 * SMTP session at each step (before the greeting, at EHLO, inside STARTTLS, at AUTH, after MAIL, after RCPT, inside
 * the data, after the end of data before the reply, after the reply), with pipelining, chunking and mail runs on and
 * off, 8 mails from 8 threads per cell. Each cell's promise: every exchange ends within its bound, and every mail is
 * either sent and delivered once, or failed and not delivered, or uncertain and delivered at most once. A cut or stall
 * after the end of data, before the reply, must make that mail uncertain, never a second copy (a mail whose data went
 * in the same write, in a run, may be uncertain too). As only one session is faulted and two retries are left, no mail
 * may fail either.
 *
 * <p>Postfix signs in over plain text (AUTH without STARTTLS, allowed to loopback), so that the proxy reads the
 * commands; the STARTTLS cells use STARTTLS and are cut by position (the client's second write after the 220).
 */
class FaultInjectionIT {

    private static final String TO = "to@example.com";
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final int MAILS = 8;

    /** One cell: the fault, and the client's options. */
    record Cell(int number, Step step, Action action, boolean pipelining, boolean chunking, boolean runs, int pool) {

        String prefix() {
            return "f" + number;
        }
    }

    /**
     * The cells: every step, cut and stalled (18), on a pool of 4. The k-th step's cut has combination 3k mod 8 of
     * pipelining, chunking and runs (bit 2, 1, 0 set = off), its stall the complement (3k + 7 mod 8), so that each
     * combination meets cuts and stalls and each step meets every option on and off. The cut after the end of data runs
     * three times more, so that it meets every pair of pipelining and chunking, once with a new connection per mail
     * (pool 0).
     */
    static List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        int n = 0;
        for (Step step : Step.values()) {
            int k = step.ordinal();
            cells.add(cell(n++, step, Action.CUT, (3 * k) % 8, 4));
            cells.add(cell(n++, step, Action.STALL, (3 * k + 7) % 8, 4));
        }
        cells.add(cell(n++, Step.AFTER_END_OF_DATA, Action.CUT, 0, 4));
        cells.add(cell(n++, Step.AFTER_END_OF_DATA, Action.CUT, 3, 4));
        cells.add(cell(n++, Step.AFTER_END_OF_DATA, Action.CUT, 6, 0));
        return cells;
    }

    private static Cell cell(int number, Step step, Action action, int combination, int pool) {
        return new Cell(
                number, step, action, (combination & 4) == 0, (combination & 2) == 0, (combination & 1) == 0, pool);
    }

    @Test
    void everyMailIsSentOnceOrFailedOrUncertainWhateverStepFails() throws Exception {
        List<Cell> cells = cells();
        List<Result> results = new ArrayList<>();
        try (Postfix postfix = Postfix.start(Postfix.AUTH_WITHOUT_TLS, "message_size_limit = 30000000")) {
            for (Cell cell : cells) {
                results.add(run(cell, postfix));
            }
            // every copy that will arrive has arrived when the mailbox has stopped growing
            int sent = results.stream()
                    .mapToInt(r -> (int) r.outcomes.stream()
                            .filter(o -> o.kind() == ProofRun.Kind.SENT)
                            .count())
                    .sum();
            ProofRun.awaitStable(
                    "the sent mails at Postfix", () -> postfix.delivered(TO).size(), sent);
            List<String> delivered = postfix.delivered(TO);
            List<String> problems = new ArrayList<>();
            System.out.println("== Faults at every step (Postfix, 8 mails from 8 threads per cell, readTimeout 2 s, "
                    + "finalReplyTimeout 3 s, connectTimeout 2 s, 2 retries 50 ms apart)");
            System.out.printf(
                    "%-4s %-18s %-6s %-5s %-5s %-5s %-4s | %-4s %-6s %-9s %-4s | %-6s %-7s %s%n",
                    "cell",
                    "step",
                    "fault",
                    "pipe",
                    "chunk",
                    "runs",
                    "pool",
                    "sent",
                    "failed",
                    "uncertain",
                    "hung",
                    "copies",
                    "ms",
                    "verdict");
            for (Result r : results) {
                List<String> cellProblems = r.problems(delivered);
                problems.addAll(cellProblems);
                Cell c = r.cell;
                System.out.printf(
                        "%-4d %-18s %-6s %-5s %-5s %-5s %-4d | %-4d %-6d %-9d %-4d | %-6d %-7d %s%n",
                        c.number(),
                        c.step(),
                        c.action(),
                        onOff(c.pipelining()),
                        onOff(c.chunking()),
                        onOff(c.runs()),
                        c.pool(),
                        r.count(ProofRun.Kind.SENT),
                        r.count(ProofRun.Kind.FAILED),
                        r.count(ProofRun.Kind.UNCERTAIN),
                        r.count(ProofRun.Kind.HUNG),
                        r.copies(delivered),
                        r.millis,
                        cellProblems.isEmpty() ? "ok" : "FAIL: " + String.join("; ", cellProblems));
            }
            assertThat(problems).as("cells that broke the promise").isEmpty();
        }
    }

    private Result run(Cell cell, Postfix postfix) throws Exception {
        boolean tls = cell.step() == Step.INSIDE_STARTTLS;
        try (FaultProxy proxy = FaultProxy.start(postfix.port(), cell.step(), cell.action(), 1)) {
            String options = "smtpServer=localhost&smtpPort=" + proxy.port()
                    + "&mailFrom=noreply@example.com&recipients=" + TO + "&subjectTemplate=Hello [[ _id ]]"
                    + "&bodyTemplate=Body of [[ _id ]]&smtpUsername=" + Postfix.USER + "&smtpPassword="
                    + Postfix.PASSWORD + (tls ? "&useTls=true" : "");
            long start = System.nanoTime();
            List<ProofRun.Outcome> outcomes;
            try (ProofRun run = ProofRun.start(
                    c -> {
                        c.setConnectTimeout(2_000);
                        c.setReadTimeout(2_000);
                        c.setWriteTimeout(2_000);
                        c.setFinalReplyTimeout(3_000);
                        c.setMaximumRedeliveries(2);
                        c.setRedeliveryDelay(50);
                        c.setBackOffMultiplier(1);
                        c.setPipelining(cell.pipelining());
                        c.setChunking(cell.chunking());
                        c.setMailRuns(cell.runs());
                        c.setConnectionPoolSize(cell.pool());
                        if (tls) {
                            c.setSslContextParameters(SmtpServerTestSupport.trustingTestCa());
                        }
                    },
                    options)) {
                outcomes = List.copyOf(run.sendAll(ProofRun.entities(cell.prefix(), MAILS, Map.of()), MAILS, BOUND)
                        .values());
            }
            return new Result(cell, outcomes, proxy.faults(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }

    /** What one cell came to. */
    private record Result(Cell cell, List<ProofRun.Outcome> outcomes, int faults, long millis) {

        long count(ProofRun.Kind kind) {
            return outcomes.stream().filter(o -> o.kind() == kind).count();
        }

        int copies(List<String> delivered) {
            return (int) delivered.stream()
                    .filter(mail -> mail.contains("\nSubject: Hello " + cell.prefix() + "-"))
                    .count();
        }

        List<String> problems(List<String> delivered) {
            List<String> problems = new ArrayList<>();
            String where = "cell " + cell.number() + " " + cell.step() + " " + cell.action();
            if (faults == 0) {
                problems.add(where + ": the fault never struck");
            }
            for (ProofRun.Outcome o : outcomes) {
                long copies = delivered.stream()
                        .filter(mail -> mail.contains("\nSubject: Hello " + o.id() + "\n"))
                        .count();
                switch (o.kind()) {
                    case SENT -> {
                        if (copies != 1) {
                            problems.add(o.id() + " sent, " + copies + " copies");
                        }
                    }
                    case FAILED -> {
                        if (copies != 0) {
                            problems.add(o.id() + " failed, " + copies + " copies (" + o.detail() + ")");
                        }
                        // one session faulted, two retries left: a failure is a lost mail that need not be
                        if (faults <= 1) {
                            problems.add(o.id() + " failed with retries left (" + o.detail() + ")");
                        }
                    }
                    case UNCERTAIN -> {
                        if (copies > 1) {
                            problems.add(o.id() + " uncertain, " + copies + " copies");
                        }
                    }
                    case HUNG -> problems.add(o.id() + " did not end within " + BOUND.toSeconds() + " s");
                }
            }
            // a run may have pipelined the next mail's data with the end of this one: that one may be uncertain too
            if (cell.step() == Step.AFTER_END_OF_DATA && faults > 0 && count(ProofRun.Kind.UNCERTAIN) == 0) {
                problems.add("no mail uncertain, though a final reply was lost");
            }
            return problems;
        }
    }
}

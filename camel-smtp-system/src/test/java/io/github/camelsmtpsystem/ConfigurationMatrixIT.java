package io.github.camelsmtpsystem;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #22, configurations: the component against real Postfix and Exim over a pairwise covering array of TLS (none,
 * STARTTLS, implicit) × AUTH (none, password) × pipelining × chunking × mail runs × pool size (0, 1, 4) × threads (1,
 * 8) × server, plus each server with the component's defaults; in every cell the mails go both one per exchange and
 * as one batch (issue #28's pipelined runs), so the batch path meets every combination too. Each cell: every mail is sent and delivered exactly
 * once, its content intact (a body with lines of dots and UTF-8), and the server logs no synchronization error
 * (Postfix: "improper command pipelining"; Exim: "synchronization error").
 */
class ConfigurationMatrixIT {

    private static final String TO = "to@example.com";
    /** Lines that dot-stuffing gets wrong, and text outside ASCII. */
    private static final String BODY = "Matrix mail\n.\n..\n.leading dot\nGrüße fra Tromsø ✓\nend";

    enum Server {
        POSTFIX,
        EXIM
    }

    enum Tls {
        NONE,
        STARTTLS,
        IMPLICIT
    }

    /** One cell; {@code null} options keep the component's defaults. */
    record Cell(
            Server server,
            Tls tls,
            boolean auth,
            Boolean pipelining,
            Boolean chunking,
            Boolean runs,
            Integer pool,
            int threads) {}

    /**
     * The cells that run. Rows 1-9 are a pairwise covering array (every pair of values of any two factors is in some
     * row; {@link #everyPairOfValuesIsInSomeCell()} checks it); rows 10-11 are the defaults against each server.
     */
    static final List<Cell> CELLS = List.of(
            //       server          TLS           AUTH   pipe   chunk  runs   pool threads
            new Cell(Server.EXIM, Tls.STARTTLS, true, false, false, false, 1, 1), // 1
            new Cell(Server.POSTFIX, Tls.IMPLICIT, false, true, true, true, 1, 8), // 2
            new Cell(Server.POSTFIX, Tls.NONE, true, false, false, true, 4, 8), // 3
            new Cell(Server.EXIM, Tls.NONE, false, true, true, false, 0, 1), // 4
            new Cell(Server.POSTFIX, Tls.STARTTLS, false, true, false, true, 4, 1), // 5
            new Cell(Server.EXIM, Tls.IMPLICIT, true, false, true, false, 4, 8), // 6
            new Cell(Server.POSTFIX, Tls.STARTTLS, true, true, true, true, 0, 8), // 7
            new Cell(Server.EXIM, Tls.IMPLICIT, false, false, false, true, 0, 1), // 8
            new Cell(Server.POSTFIX, Tls.NONE, true, true, false, false, 1, 8), // 9
            new Cell(Server.POSTFIX, Tls.STARTTLS, true, null, null, null, null, 8), // 10: defaults
            new Cell(Server.EXIM, Tls.STARTTLS, true, null, null, null, null, 8)); // 11: defaults

    @Test
    void everyPairOfValuesIsInSomeCell() {
        List<List<Object>> values = List.of(
                List.of(Server.values()),
                List.of(Tls.values()),
                List.of(true, false),
                List.of(true, false),
                List.of(true, false),
                List.of(true, false),
                List.of(0, 1, 4),
                List.of(1, 8));
        Set<List<Object>> covered = new HashSet<>();
        for (Cell cell : CELLS.subList(0, 9)) {
            List<Object> row = factors(cell);
            for (int i = 0; i < row.size(); i++) {
                for (int j = i + 1; j < row.size(); j++) {
                    covered.add(List.of(i, row.get(i), j, row.get(j)));
                }
            }
        }
        List<List<Object>> missing = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            for (int j = i + 1; j < values.size(); j++) {
                for (Object a : values.get(i)) {
                    for (Object b : values.get(j)) {
                        if (!covered.contains(List.of(i, a, j, b))) {
                            missing.add(List.of(i, a, j, b));
                        }
                    }
                }
            }
        }
        assertThat(missing).as("pairs of factor values no cell covers").isEmpty();
    }

    @Test
    void everyCellDeliversEveryMailOnceIntactWithoutSynchronizationErrors() throws Exception {
        List<String> problems = new ArrayList<>();
        System.out.println("== Configuration matrix (pairwise, cells 1-9; defaults, cells 10-11)");
        System.out.printf(
                "%-4s %-7s %-8s %-8s %-5s %-5s %-5s %-4s %-7s | %-4s %-6s %-6s %-7s %s%n",
                "cell", "server", "tls", "auth", "pipe", "chunk", "runs", "pool", "threads", "sent", "copies", "intact",
                "ms", "verdict");
        for (int i = 0; i < CELLS.size(); i++) {
            Cell cell = CELLS.get(i);
            long start = System.nanoTime();
            List<String> cellProblems = run(i + 1, cell);
            problems.addAll(cellProblems);
            System.out.printf(
                    "%-4d %-7s %-8s %-8s %-5s %-5s %-5s %-4s %-7d | %s%n",
                    i + 1,
                    cell.server(),
                    cell.tls(),
                    cell.auth() ? "password" : "none",
                    show(cell.pipelining()),
                    show(cell.chunking()),
                    show(cell.runs()),
                    cell.pool() == null ? "dflt" : cell.pool(),
                    cell.threads(),
                    summary + " " + ((System.nanoTime() - start) / 1_000_000) + " ms  "
                            + (cellProblems.isEmpty() ? "ok" : "FAIL: " + String.join("; ", cellProblems)));
        }
        assertThat(problems).as("cells that broke the promise").isEmpty();
    }

    private String summary = "";

    private List<String> run(int number, Cell cell) throws Exception {
        List<String> problems = new ArrayList<>();
        int mails = cell.threads() == 1 ? 4 : 16;
        String prefix = "m" + number;
        try (MailServer server = MailServer.start(cell)) {
            String options = "smtpServer=localhost&smtpPort=" + server.port()
                    + "&mailFrom=noreply@example.com&recipients=" + TO + "&subjectTemplate=Hello [[ _id ]]"
                    + (cell.tls() == Tls.NONE ? "" : "&useTls=true")
                    + (cell.auth() ? "&smtpUsername=" + server.user() + "&smtpPassword=" + server.password() : "");
            Consumer<SmtpSystemComponent> configure = c -> {
                c.setSslContextParameters(SmtpServerTestSupport.trustingTestCa());
                c.setReadTimeout(5_000);
                c.setFinalReplyTimeout(20_000);
                c.setMaximumRedeliveries(0);
                if (cell.tls() == Tls.IMPLICIT) {
                    c.setImplicitTlsPorts(Integer.toString(server.port()));
                }
                if (cell.pipelining() != null) {
                    c.setPipelining(cell.pipelining());
                    c.setChunking(cell.chunking());
                    c.setMailRuns(cell.runs());
                    c.setConnectionPoolSize(cell.pool());
                }
            };
            Map<String, ProofRun.Outcome> outcomes;
            try (ProofRun run = ProofRun.start(configure, options)) {
                outcomes = new LinkedHashMap<>(run.sendAll(
                        ProofRun.entities(prefix, mails, Map.of("body_template", BODY)),
                        cell.threads(),
                        Duration.ofSeconds(30)));
                // and the same options with a batch: one exchange whose mails go in pipelined runs
                outcomes.putAll(run.sendBatch(
                        ProofRun.entities(prefix + "b", mails, Map.of("body_template", BODY)), Duration.ofSeconds(30)));
            }
            long sent = outcomes.values().stream()
                    .filter(o -> o.kind() == ProofRun.Kind.SENT)
                    .count();
            outcomes.values().stream()
                    .filter(o -> o.kind() != ProofRun.Kind.SENT)
                    .limit(2)
                    .forEach(o -> problems.add(o.id() + " " + o.kind() + " " + o.detail()));
            int copies = sent == 0
                    ? server.delivered().size()
                    : ProofRun.awaitStable(
                            "the mails of cell " + number,
                            () -> server.delivered().size(),
                            (int) sent);
            List<String> delivered = server.delivered();
            int intact = 0;
            for (ProofRun.Outcome o : outcomes.values()) {
                List<String> mine = delivered.stream()
                        .filter(m -> m.contains("\nSubject: Hello " + o.id() + "\n"))
                        .toList();
                if (o.kind() == ProofRun.Kind.SENT && mine.size() != 1) {
                    problems.add(o.id() + " sent, " + mine.size() + " copies");
                }
                if (mine.size() == 1) {
                    String text = body(mine.get(0));
                    if (text.equals(BODY)) {
                        intact++;
                    } else if (intact == 0 && problems.stream().noneMatch(p -> p.startsWith("content"))) {
                        problems.add("content of " + o.id() + " is " + text.replace("\n", "\\n"));
                    }
                }
            }
            if (intact != outcomes.size()) {
                problems.add(intact + " of " + outcomes.size() + " intact");
            }
            server.log().stream()
                    .filter(line ->
                            line.contains("improper command pipelining") || line.contains("synchronization error"))
                    .limit(1)
                    .forEach(line -> problems.add("server log: " + line));
            summary = String.format("%-4d %-6d %-6d", sent, copies, intact);
        }
        return problems;
    }

    /** The decoded text of a delivered mail, with LF line ends and without the final one. */
    private static String body(String raw) throws Exception {
        MimeMessage mail = new MimeMessage(
                Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        String text = String.valueOf(mail.getContent()).replace("\r\n", "\n");
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    private static List<Object> factors(Cell cell) {
        return List.of(
                cell.server(),
                cell.tls(),
                cell.auth(),
                cell.pipelining(),
                cell.chunking(),
                cell.runs(),
                cell.pool(),
                cell.threads());
    }

    private static String show(Boolean on) {
        return on == null ? "dflt" : on ? "on" : "off";
    }

    /** Postfix or Exim, configured for a cell's TLS and AUTH. */
    private record MailServer(AutoCloseable server, int port, String user, String password, Server kind)
            implements AutoCloseable {

        static MailServer start(Cell cell) throws Exception {
            List<String> settings = new ArrayList<>();
            if (cell.server() == Server.POSTFIX) {
                if (!cell.auth()) {
                    // a relay for loopback clients, as port 25 is
                    settings.addAll(List.of(
                            "mynetworks = 127.0.0.0/8",
                            "smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination",
                            "smtpd_recipient_restrictions = permit_mynetworks, reject"));
                }
                if (cell.tls() == Tls.NONE) {
                    settings.addAll(List.of("smtpd_tls_security_level = none", Postfix.AUTH_WITHOUT_TLS));
                }
                if (cell.tls() == Tls.IMPLICIT) {
                    settings.add(Postfix.IMPLICIT_TLS);
                }
                Postfix postfix = Postfix.start(settings.toArray(String[]::new));
                return new MailServer(postfix, postfix.port(), Postfix.USER, Postfix.PASSWORD, Server.POSTFIX);
            }
            if (!cell.auth()) {
                settings.add(Exim.NO_AUTH_REQUIRED);
            }
            if (cell.tls() == Tls.NONE) {
                settings.add(Exim.AUTH_WITHOUT_TLS);
            }
            if (cell.tls() == Tls.IMPLICIT) {
                settings.add(Exim.IMPLICIT_TLS);
            }
            Exim exim = Exim.start(settings.toArray(String[]::new));
            return new MailServer(exim, exim.port(), Exim.USER, Exim.PASSWORD, Server.EXIM);
        }

        List<String> delivered() {
            return kind == Server.POSTFIX ? ((Postfix) server).delivered(TO) : ((Exim) server).delivered(TO);
        }

        List<String> log() {
            return kind == Server.POSTFIX ? ((Postfix) server).log() : ((Exim) server).log();
        }

        @Override
        public void close() throws Exception {
            server.close();
        }
    }
}

package io.github.camelsmtpsystem;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import io.github.camelsmtpsystem.internal.batch.BatchMail;
import io.github.camelsmtpsystem.internal.batch.BatchReport;
import io.github.camelsmtpsystem.internal.batch.BatchRun;
import io.github.camelsmtpsystem.internal.mail.EntityBatch;
import io.github.camelsmtpsystem.internal.mail.MailSizeLimit;
import io.github.camelsmtpsystem.internal.route.SystemRoute;
import io.github.camelsmtpsystem.internal.runtime.SmtpSystemRuntime;
import io.github.camelsmtpsystem.internal.smtp.SmtpFailures;
import io.github.camelsmtpsystem.mail.BatchMailException;
import io.github.camelsmtpsystem.mail.EntityMailException;
import io.github.camelsmtpsystem.mail.SafeText;
import io.github.camelsmtpsystem.system.SmtpSystem;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the entities of an exchange into mails, in order, and hands each to the system's route. Each mail travels in an
 * exchange of its own, so the caller's headers never reach camel-mail. A batch (more than one entity) passes the cap
 * mail by mail and goes to the server in pipelined runs, unless {@code sendOneByOne} is set.
 */
public class SmtpSystemProducer extends DefaultProducer {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpSystemProducer.class);

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final int MAX_NAME_ID = 100;
    private static final int MAX_CAUSES = 20;
    private static final Set<OpenOption> NEW_FILE = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    private final SmtpSystemRuntime system;

    /**
     * @param system the running system the endpoint sends through (made by the endpoint only: the system is internal)
     */
    SmtpSystemProducer(SmtpSystemEndpoint endpoint, SmtpSystemRuntime system) {
        super(endpoint);
        this.system = system;
    }

    @Override
    public SmtpSystemEndpoint getEndpoint() {
        return (SmtpSystemEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        SmtpSystemEndpoint endpoint = getEndpoint();
        SmtpSystemConfiguration options = endpoint.getConfiguration();
        List<Map<String, Object>> entities = EntityBatch.read(
                exchange.getMessage().getBody(), endpoint.getComponent().mapper());
        if (entities.size() > 1 && !options.isSendOneByOne() && !options.isDryRun()) {
            processInRuns(exchange, entities, options);
            return;
        }
        List<String> sent = new ArrayList<>();
        int discarded = 0;
        int skipped = 0;
        int dryRun = 0;
        EntityMailException failed = null;
        try {
            for (Map<String, Object> entity : entities) {
                String id = EntityBatch.idOf(entity);
                if (EntityBatch.isDeleted(entity) && !options.isSendDeleted()) {
                    skipped++;
                    system.counters().skipped();
                    LOG.debug(
                            "Skipped deleted entity '{}' (set sendDeleted=true to mail deleted entities)",
                            SafeText.of(id));
                    continue;
                }
                MimeMessage message = endpoint.getRenderer().render(entity, endpoint.getSystemId());
                MailSizeLimit.check(id, message, endpoint.getComponent().getMaxMailSize());
                if (options.isDryRun()) {
                    logDryRun(id, message, options.getDryRunDirectory(), ++dryRun);
                } else if (send(id, message, options.getDiscardedUri())) {
                    sent.add(id);
                } else {
                    discarded++;
                }
            }
        } catch (EntityMailException e) {
            failed = e;
            throw e.withSafeIdsInBatch(sent);
        } finally {
            // one by one, the failed entity is the only one with such an outcome: it stopped the batch
            boolean uncertain = failed != null && failed.isUncertain();
            boolean notSent = failed != null && !uncertain && SmtpFailures.isTransient(failed);
            exchange.getMessage()
                    .setHeader(SmtpSystemConstants.REFUSED, failed != null && !uncertain && !notSent ? 1 : 0);
            exchange.getMessage().setHeader(SmtpSystemConstants.NOT_SENT, notSent ? 1 : 0);
            exchange.getMessage().setHeader(SmtpSystemConstants.UNCERTAIN, uncertain ? 1 : 0);
            exchange.getMessage().setHeader(SmtpSystemConstants.SENT, sent.size());
            exchange.getMessage().setHeader(SmtpSystemConstants.DISCARDED, discarded);
            exchange.getMessage().setHeader(SmtpSystemConstants.SKIPPED, skipped);
            if (options.isDryRun()) {
                exchange.getMessage().setHeader(SmtpSystemConstants.DRY_RUN, dryRun);
            }
        }
    }

    /**
     * A batch in pipelined runs: entity by entity, in order, the mail is rendered and passes the system's cap through
     * the system's route, and the mails that passed go to the server in runs ({@link BatchRun}), the first leaving
     * while the next entities are still rendered. The first entity that cannot become a mail stops the batch there, as
     * one by one: it is refused, those after it are not sent, the mails before it go. Every entity keeps its own
     * outcome; the headers report them all, and a failure names which entities were sent, refused, not sent and
     * uncertain.
     */
    private void processInRuns(Exchange exchange, List<Map<String, Object>> entities, SmtpSystemConfiguration options)
            throws MessagingException {
        SmtpSystemEndpoint endpoint = getEndpoint();
        List<BatchMail> batch = new ArrayList<>(entities.size());
        EntityMailException unmade = null;
        BatchRun run = system.batchRuns().newBatch();
        try {
            for (Map<String, Object> entity : entities) {
                String id = EntityBatch.idOf(entity);
                if (EntityBatch.isDeleted(entity) && !options.isSendDeleted()) {
                    system.counters().skipped();
                    LOG.debug(
                            "Skipped deleted entity '{}' (set sendDeleted=true to mail deleted entities)",
                            SafeText.of(id));
                    batch.add(BatchMail.skipped(batch.size(), id));
                } else if (unmade != null) {
                    batch.add(BatchMail.unsent(batch.size(), id, BatchMail.Outcome.NOT_SENT, notReached(unmade)));
                } else {
                    MimeMessage message;
                    try {
                        message = endpoint.getRenderer().render(entity, endpoint.getSystemId());
                        MailSizeLimit.check(id, message, endpoint.getComponent().getMaxMailSize());
                    } catch (EntityMailException e) {
                        unmade = e.withSafeIdsInBatch(List.of());
                        batch.add(BatchMail.unsent(batch.size(), id, BatchMail.Outcome.REFUSED, unmade));
                        continue;
                    }
                    BatchMail mail = new BatchMail(batch.size(), id, message);
                    batch.add(mail);
                    passCap(mail, options.getDiscardedUri(), run);
                }
            }
        } finally {
            // runs already in flight end with their outcomes, whatever stopped the loop
            run.finish();
            new BatchReport(batch).setHeaders(exchange.getMessage());
        }
        BatchMailException failure =
                new BatchReport(batch).failure(endpoint.getSystemId(), system.system()::redact, this::withoutSecrets);
        if (failure != null) {
            throw failure;
        }
    }

    /** The failure of an entity after one that could not become a mail: the batch stopped before it. */
    private static MessagingException notReached(EntityMailException unmade) {
        return new MessagingException("Not sent: the batch stopped at entity '" + SafeText.of(unmade.getEntityId())
                + "', which could not become a mail");
    }

    /** Takes the mail through the system's route (shared cap store, throttle): it passes, or is discarded. */
    private void passCap(BatchMail mail, String discardedUri, BatchRun run) throws MessagingException {
        MimeMessage message = mail.message();
        Exchange passing = system.send(e -> {
            e.getMessage().setBody(message);
            e.setProperty(SystemRoute.ENTITY_ID, mail.entityId());
            e.setProperty(SystemRoute.DEFER_SEND, true);
            if (discardedUri != null) {
                e.setProperty(SystemRoute.DISCARDED_URI, discardedUri);
            }
        });
        if (passing.getException() != null) {
            // the cap could not be taken (a shared store that failed after its retries): not sent, never uncapped
            Exception cause = passing.getException();
            mail.notSent(cause instanceof MessagingException m ? m : new MessagingException(cause.getMessage(), cause));
        } else if (passing.getProperty(SystemRoute.MAIL_DISCARDED, false, Boolean.class)) {
            mail.discarded();
        } else {
            run.add(mail);
        }
    }

    /** Sends one mail through the system's route: {@code true} when sent, {@code false} when discarded over the cap. */
    private boolean send(String id, MimeMessage message, String discardedUri) throws MessagingException {
        Exchange mail = system.send(e -> {
            e.getMessage().setBody(message);
            e.setProperty(SystemRoute.ENTITY_ID, id);
            if (discardedUri != null) {
                e.setProperty(SystemRoute.DISCARDED_URI, discardedUri);
            }
        });
        Exception failure = mail.getException();
        if (failure != null) {
            boolean uncertain = SmtpFailures.isUncertain(failure);
            if (uncertain) {
                system.counters().uncertain();
            }
            throw EntityMailException.withSafeIds(
                    id,
                    "sending through SMTP system '" + getEndpoint().getSystemId() + "' failed: "
                            + system.system().redact(SmtpFailures.describe(failure)),
                    withoutSecrets(failure),
                    List.of(),
                    uncertain);
        }
        return !mail.getProperty(SystemRoute.MAIL_DISCARDED, false, Boolean.class);
    }

    /**
     * The failure as it is or, when a message in its chain shows a value from {@code $SECRET(...)} (a host or user name
     * the SMTP client or the JDK put in its text), a copy of the chain with those values hidden: each link keeps its
     * class name, message and stack trace, not its type.
     */
    private Throwable withoutSecrets(Throwable failure) {
        SmtpSystem config = system.system();
        boolean shows = false;
        int depth = 0;
        for (Throwable t = failure; t != null && depth < MAX_CAUSES; t = t.getCause(), depth++) {
            shows |= t.getMessage() != null && !t.getMessage().equals(config.redact(t.getMessage()));
        }
        return shows ? copyWithoutSecrets(failure, config, 0) : failure;
    }

    private static Throwable copyWithoutSecrets(Throwable failure, SmtpSystem config, int depth) {
        if (failure == null || depth >= MAX_CAUSES) {
            return null;
        }
        RedactedException copy = new RedactedException(
                failure.getClass().getName() + ": " + config.redact(failure.getMessage()),
                copyWithoutSecrets(failure.getCause(), config, depth + 1));
        copy.setStackTrace(failure.getStackTrace());
        return copy;
    }

    /** A failure whose message showed a secret, told without it. */
    static final class RedactedException extends Exception {

        private static final long serialVersionUID = 1L;

        RedactedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private void logDryRun(String id, MimeMessage message, String directory, int number)
            throws MessagingException, IOException {
        LOG.info(
                "Dry run, not sent: entity '{}' from {} to {} with subject '{}'",
                SafeText.of(id),
                SafeText.of(InternetAddress.toString(message.getFrom())),
                SafeText.of(InternetAddress.toString(message.getAllRecipients())),
                SafeText.of(message.getSubject()));
        if (directory != null) {
            writeNewFile(Path.of(directory), number, id, message);
        }
    }

    /**
     * Writes the mail to a file that did not exist, readable by its owner only: never through a link planted in the
     * directory, never over another file. A name that is taken gets the next number.
     */
    private static void writeNewFile(Path directory, int number, String id, MimeMessage message)
            throws IOException, MessagingException {
        Files.createDirectories(directory);
        String name = id.replaceAll("[^A-Za-z0-9_.-]", "_");
        // a file name has room for 255 bytes
        name = name.length() > MAX_NAME_ID ? name.substring(0, MAX_NAME_ID) : name;
        boolean posix = Files.getFileStore(directory).supportsFileAttributeView(PosixFileAttributeView.class);
        for (int n = number; ; n++) {
            Path file = directory.resolve(String.format("%05d-%s.eml", n, name));
            // CREATE_NEW: O_EXCL, which fails on any existing name, a symbolic link included, in one step
            FileAttribute<?>[] ownerOnly = posix
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                    : new FileAttribute<?>[0];
            try (OutputStream out = Channels.newOutputStream(Files.newByteChannel(file, NEW_FILE, ownerOnly))) {
                message.writeTo(out);
                return;
            } catch (FileAlreadyExistsException e) {
                // taken (a file, a link, anything): the next number
            }
        }
    }
}

package io.github.camelsmtpsystem.internal.batch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import io.github.camelsmtpsystem.SmtpSystemConstants;
import io.github.camelsmtpsystem.internal.smtp.SmtpFailures;
import io.github.camelsmtpsystem.mail.BatchMailException;
import io.github.camelsmtpsystem.mail.EntityMailException;
import io.github.camelsmtpsystem.mail.SafeText;
import org.apache.camel.Message;

/**
 * What became of each entity of a batch: the exchange's headers count the outcomes and list the ids by outcome
 * ({@link SmtpSystemConstants#REPORT}); when a mail failed, a {@link BatchMailException} names the entities sent,
 * refused, not sent and uncertain.
 */
public final class BatchReport {

    /** The most ids of one outcome the exception's message shows (all are in its lists). */
    private static final int MAX_SHOWN = 20;

    private final List<BatchMail> entities;

    /** @param entities every entity of the batch, in order, each with its final outcome */
    public BatchReport(List<BatchMail> entities) {
        this.entities = entities;
    }

    /** The ids of the entities with {@code outcome}, in the batch's order. */
    public List<String> ids(BatchMail.Outcome outcome) {
        List<String> ids = new ArrayList<>();
        for (BatchMail mail : entities) {
            if (mail.outcome() == outcome) {
                ids.add(mail.entityId());
            }
        }
        return ids;
    }

    /** Sets the counting headers and {@link SmtpSystemConstants#REPORT} on {@code message}. */
    public void setHeaders(Message message) {
        message.setHeader(SmtpSystemConstants.SENT, ids(BatchMail.Outcome.SENT).size());
        message.setHeader(
                SmtpSystemConstants.DISCARDED, ids(BatchMail.Outcome.DISCARDED).size());
        message.setHeader(
                SmtpSystemConstants.SKIPPED, ids(BatchMail.Outcome.SKIPPED).size());
        message.setHeader(
                SmtpSystemConstants.REFUSED, ids(BatchMail.Outcome.REFUSED).size());
        message.setHeader(
                SmtpSystemConstants.NOT_SENT, ids(BatchMail.Outcome.NOT_SENT).size());
        message.setHeader(
                SmtpSystemConstants.UNCERTAIN, ids(BatchMail.Outcome.UNCERTAIN).size());
        Map<String, List<String>> report = new LinkedHashMap<>();
        report.put("sent", ids(BatchMail.Outcome.SENT));
        report.put("discarded", ids(BatchMail.Outcome.DISCARDED));
        report.put("skipped", ids(BatchMail.Outcome.SKIPPED));
        report.put("refused", ids(BatchMail.Outcome.REFUSED));
        report.put("notSent", ids(BatchMail.Outcome.NOT_SENT));
        report.put("uncertain", ids(BatchMail.Outcome.UNCERTAIN));
        message.setHeader(SmtpSystemConstants.REPORT, report);
    }

    /**
     * The failure to throw when a mail failed, or {@code null} when none did.
     *
     * @param systemId the system, for the message
     * @param redact   hides the system's secrets in server text
     * @param clean    the failure as the exception may carry it: without the system's secrets
     */
    public BatchMailException failure(
            String systemId, UnaryOperator<String> redact, Function<Throwable, Throwable> clean) {
        BatchMail first = null;
        for (BatchMail mail : entities) {
            if (mail.failure() != null && isFailed(mail.outcome())) {
                first = mail;
                break;
            }
        }
        if (first == null) {
            return null;
        }
        List<String> refused = ids(BatchMail.Outcome.REFUSED);
        List<String> notSent = ids(BatchMail.Outcome.NOT_SENT);
        List<String> uncertain = ids(BatchMail.Outcome.UNCERTAIN);
        StringBuilder reason = new StringBuilder()
                .append(refused.size() + notSent.size() + uncertain.size())
                .append(" of the batch's ")
                .append(entities.size())
                .append(" entities failed through SMTP system '")
                .append(SafeText.of(systemId))
                .append("'");
        list(reason, "refused", refused);
        list(reason, "not sent (safe to send again)", notSent);
        list(reason, "uncertain (may have been delivered)", uncertain);
        // an entity that could not become a mail tells its own reason, made safe already
        reason.append("; the first: ")
                .append(
                        first.failure() instanceof EntityMailException unmade
                                ? unmade.getMessage()
                                : SafeText.of(redact.apply(SmtpFailures.describe(first.failure())), 500));
        return new BatchMailException(
                first.entityId(),
                reason.toString(),
                clean.apply(first.failure()),
                ids(BatchMail.Outcome.SENT),
                refused,
                notSent,
                uncertain);
    }

    private static boolean isFailed(BatchMail.Outcome outcome) {
        return outcome == BatchMail.Outcome.REFUSED
                || outcome == BatchMail.Outcome.NOT_SENT
                || outcome == BatchMail.Outcome.UNCERTAIN;
    }

    private static void list(StringBuilder text, String what, List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        text.append("; ").append(what).append(": ").append(ids.size()).append(" [");
        int shown = Math.min(ids.size(), MAX_SHOWN);
        for (int i = 0; i < shown; i++) {
            text.append(i > 0 ? ", " : "").append(SafeText.of(ids.get(i)));
        }
        text.append(ids.size() > shown ? ", ...]" : "]");
    }
}

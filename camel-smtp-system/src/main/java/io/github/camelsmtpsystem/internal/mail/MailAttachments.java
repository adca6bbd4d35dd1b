package io.github.camelsmtpsystem.internal.mail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.ParseException;

import io.github.camelsmtpsystem.SmtpSystemConfiguration;
import io.github.camelsmtpsystem.internal.template.MailTemplates;
import io.github.camelsmtpsystem.mail.SafeText;

/**
 * The attachments of a mail sink: fixed in the sink ({@code attachments}), or read from each entity's property
 * ({@code attachments_property}, by default {@code attachments}), as Sesam pairs a value with its property. Fixed ones
 * are checked when the endpoint starts, their resources included; an entity's when its mail is rendered.
 */
public final class MailAttachments {

    /** The entity property read when the sink fixes no attachments. */
    public static final String DEFAULT_PROPERTY = SmtpSystemConfiguration.DEFAULT_ATTACHMENTS_PROPERTY;

    /** Reads a Camel resource's bytes. */
    @FunctionalInterface
    public interface Resources {
        /** The bytes at {@code location} ({@code classpath:...}, {@code file:...}), or empty when it does not exist. */
        Optional<byte[]> read(String location) throws IOException;
    }

    private final List<AttachmentSpec> fixed;
    private final String property;
    private final Resources resources;

    /** Whether an entity's attachment may name a resource: only for entities the pipeline trusts. */
    private final boolean entityResources;

    private MailAttachments(List<AttachmentSpec> fixed, String property, Resources resources, boolean entityResources) {
        this.fixed = fixed;
        this.property = property;
        this.resources = resources;
        this.entityResources = entityResources;
    }

    /**
     * @param  fixedJson                the sink's attachments as a JSON list, or {@code null} to read them from each
     *                                  entity
     * @param  property                 the entity property that holds them, or {@code null} for the default
     * @param  entityResources          whether an entity's attachment may name a resource (a file, a class path
     *                                  resource): off, an entity could attach any file the JVM can read
     * @throws IllegalArgumentException naming the option, the attachment and the field, when the fixed attachments are
     *                                  malformed or a resource they name does not exist
     */
    public static MailAttachments of(String fixedJson, String property, Resources resources, boolean entityResources) {
        if (fixedJson != null && property != null) {
            throw new IllegalArgumentException("Both attachments and attachmentsProperty are set. Set attachments for "
                    + "fixed attachments, or attachmentsProperty to read them from each entity, not both.");
        }
        List<AttachmentSpec> fixed = null;
        if (fixedJson != null) {
            fixed = AttachmentSpec.listOf(fixedJson, "attachments");
            for (AttachmentSpec spec : fixed) {
                if (spec.resource() != null) {
                    read(spec, resources);
                }
            }
        }
        return new MailAttachments(fixed, property != null ? property : DEFAULT_PROPERTY, resources, entityResources);
    }

    /** No attachment, ever: for renderers made without attachment settings. */
    static MailAttachments none() {
        return new MailAttachments(List.of(), DEFAULT_PROPERTY, location -> Optional.empty(), false);
    }

    /** The entity property attachments are read from, when the sink fixes none. */
    public String property() {
        return property;
    }

    /**
     * The entity's attachments, file names and content types rendered.
     *
     * @throws IllegalArgumentException naming the field and the fix: malformed attachments, broken base64, a resource
     *                                  that does not exist, a file name or content type that renders to nothing usable
     */
    List<MailAttachment> of(Map<String, Object> entity, MailTemplates templates) {
        List<AttachmentSpec> specs = fixed;
        if (specs == null) {
            Object value = entity.get(property);
            if (value == null) {
                return List.of();
            }
            specs = AttachmentSpec.listOf(value, "the entity's '" + property + "'");
        }
        List<MailAttachment> attachments = new ArrayList<>(specs.size());
        for (AttachmentSpec spec : specs) {
            if (fixed == null && spec.resource() != null && !entityResources) {
                throw new IllegalArgumentException(spec.field()
                        + ".resource is refused: an entity could attach any file or class path resource this JVM "
                        + "can read. Give base64 or text, fix the attachment in the sink's attachments, or set "
                        + "entityAttachmentResources=true when the entities come from a source you trust.");
            }
            byte[] bytes = spec.bytes() != null ? spec.bytes() : read(spec, resources);
            String filename = filename(spec, templates, entity);
            attachments.add(new MailAttachment(
                    filename, contentType(spec, filename, templates, entity), spec.contentId(), bytes));
        }
        return attachments;
    }

    private static String filename(AttachmentSpec spec, MailTemplates templates, Map<String, Object> entity) {
        String name = render(spec.field() + ".filename", spec.filename(), templates, entity)
                .strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException(
                    spec.field() + ".filename renders to nothing. Give every attachment " + "a file name.");
        }
        if (hasControl(name) || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            throw new IllegalArgumentException(spec.field() + ".filename renders to '" + SafeText.of(name)
                    + "', which holds a line break, a control character or a path separator. Give a plain "
                    + "file name.");
        }
        return name;
    }

    /** Line breaks (CR, LF, NEL, U+2028/9) and other control characters. */
    private static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }

    private static String contentType(
            AttachmentSpec spec, String filename, MailTemplates templates, Map<String, Object> entity) {
        if (spec.contentType() == null) {
            return MailAttachment.guessContentType(filename, spec.isText());
        }
        String given = render(spec.field() + ".content_type", spec.contentType(), templates, entity)
                .strip();
        if (hasControl(given)) {
            // a quoted parameter may hold a line break that the parser keeps, and that would end the header
            throw new IllegalArgumentException(spec.field() + ".content_type renders to '" + SafeText.of(given)
                    + "', which holds a line break or control character. Give a content type on one line.");
        }
        try {
            ContentType type = new ContentType(given);
            if (type.getPrimaryType().equalsIgnoreCase("multipart")
                    || type.getPrimaryType().equalsIgnoreCase("message")) {
                throw new ParseException("a container type");
            }
            return type.toString();
        } catch (ParseException e) {
            throw new IllegalArgumentException(spec.field() + ".content_type renders to '" + SafeText.of(given)
                    + "', which is not a content type for a file (" + e.getMessage() + "). Write for example "
                    + "application/pdf, or leave it out to guess it from the file name.");
        }
    }

    private static String render(String field, String template, MailTemplates templates, Map<String, Object> entity) {
        try {
            return templates.render(template, entity);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }

    private static byte[] read(AttachmentSpec spec, Resources resources) {
        String location = spec.resource();
        try {
            return resources
                    .read(location)
                    .orElseThrow(() -> new IllegalArgumentException(spec.field() + ".resource names "
                            + SafeText.of(location) + ", which does not exist. Write resource:classpath:path/file or "
                            + "resource:file:/path/file."));
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    spec.field() + ".resource names " + SafeText.of(location) + ", which cannot be read: "
                            + SafeText.of(e.getMessage()),
                    e);
        }
    }
}

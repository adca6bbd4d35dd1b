package io.github.camelsmtpsystem.mail;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.loader.ResourceNotFoundException;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.util.HasObjectTruthValue;

/**
 * Renders Jinja templates with an entity's properties as the context, in a sandbox: no template can load files or
 * other templates, nested interpretation of values is off, and output size, loop ranges and render time are bounded.
 */
public final class MailTemplates {

    /** The deadline of the render running on this thread, read by the check Jinjava runs before every node. */
    private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

    private final Jinjava jinjava;
    private final UnhandledVariable unhandled;
    private final long maxRenderNanos;

    /**
     * @param unhandled      what an unknown variable renders to
     * @param maxOutputChars the longest output a template may produce
     * @param maxRenderTime  how long one render may take
     */
    public MailTemplates(UnhandledVariable unhandled, long maxOutputChars, Duration maxRenderTime) {
        this.unhandled = unhandled;
        this.maxRenderNanos = maxRenderTime.toNanos();
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withFailOnUnknownTokens(unhandled == UnhandledVariable.STRICT)
                // a value that contains {{ }} is text, never a template
                .withNestedInterpretationEnabled(false)
                .withMaxOutputSize(maxOutputChars)
                .withMaxStringLength(maxOutputChars)
                .withMaxListSize(10_000)
                .withMaxMapSize(10_000)
                .withRangeLimit(1_000)
                .withMaxRenderDepth(10)
                .withEnableRecursiveMacroCalls(false)
                .withDisabled(Map.of(Context.Library.TAG, Set.of("include", "import", "from", "extends")))
                .withNodePreProcessor(MailTemplates::checkDeadline)
                .build();
        this.jinjava = withOwnContextClassLoader(() -> new Jinjava(config));
        jinjava.setResourceLocator((name, encoding, interpreter) -> {
            throw new ResourceNotFoundException("Templates cannot load '" + name + "': file access is disabled");
        });
        if (unhandled == UnhandledVariable.DEBUG) {
            jinjava.getGlobalContext().setDynamicVariableResolver(DebugUndefined::new);
        }
    }

    /**
     * Renders {@code template} with the entity's properties as variables; the whole entity is also {@code entity},
     * for properties whose names are not identifiers ({@code {{ entity['ns:name'] }}}).
     *
     * @throws IllegalArgumentException naming the template's problem (in {@code strict} mode, the unknown variable)
     */
    public String render(String template, Map<String, Object> entity) {
        Map<String, Object> bindings = new HashMap<>(entity);
        bindings.putIfAbsent("entity", entity);
        DEADLINE.set(System.nanoTime() + maxRenderNanos);
        RenderResult result;
        try {
            result = withOwnContextClassLoader(() -> jinjava.renderForResult(template, bindings));
        } finally {
            DEADLINE.remove();
        }
        List<TemplateError> fatal = result.getErrors().stream()
                .filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL)
                .toList();
        if (!fatal.isEmpty()) {
            throw new IllegalArgumentException(fatal.stream().map(MailTemplates::describe).collect(Collectors.joining("; ")));
        }
        return result.getOutput();
    }

    public UnhandledVariable getUnhandled() {
        return unhandled;
    }

    private static String describe(TemplateError error) {
        if (error.getReason() == TemplateError.ErrorReason.UNKNOWN && error.getFieldName() != null) {
            return "the template uses the variable '" + error.getFieldName() + "', which the entity does not have (line "
                   + error.getLineno() + "). Add it to the entity, or set unhandledTemplateVariableReplacement to debug or empty_string";
        }
        return "the template cannot be rendered (line " + error.getLineno() + "): " + error.getMessage();
    }

    /**
     * Jinjava's expression engine loads its parser and expression factory by name through the thread's context class
     * loader. In OSGi that is the calling bundle's, which cannot see Jinjava inside this bundle: use this bundle's.
     */
    private static <T> T withOwnContextClassLoader(Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(MailTemplates.class.getClassLoader());
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static void checkDeadline(Node node, JinjavaInterpreter interpreter) {
        Long deadline = DEADLINE.get();
        if (deadline != null && System.nanoTime() > deadline) {
            throw new InterpretException("rendering took too long; simplify the template's loops",
                    node.getLineNumber(), node.getStartPosition());
        }
    }

    /** What an unknown variable is in {@code debug} mode: renders as {@code {{name}}}, and is false in an {@code if}. */
    private record DebugUndefined(String name) implements HasObjectTruthValue {
        @Override
        public boolean getObjectTruthValue() {
            return false;
        }

        @Override
        public String toString() {
            return "{{" + name + "}}";
        }
    }
}

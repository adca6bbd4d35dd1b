package io.github.camelsmtpsystem.internal.template;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.InvalidArgumentException;
import com.hubspot.jinjava.interpret.InvalidInputException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.interpret.TemplateSyntaxException;
import com.hubspot.jinjava.interpret.UnknownTokenException;
import com.hubspot.jinjava.loader.ResourceNotFoundException;
import com.hubspot.jinjava.tree.Node;
import io.github.camelsmtpsystem.mail.UnhandledVariable;

/**
 * Renders Jinja templates with an entity's properties as the context, as Sesam's Python Jinja2 renders them (Jinjava
 * with Python's values, operators, filters, tests and undefined values: see {@code src/main/docs/jinja2-compatibility.adoc}),
 * in a sandbox: no template can load files or other templates, nested interpretation of values is off, no Java method
 * can be called (see {@link TemplateSandbox}), and output size, loop ranges and render time are bounded.
 */
public final class MailTemplates {

    private static final int MAX_LIST_SIZE = 10_000;

    /** Jinjava's switches that make it behave as Python's Jinja2 where it differs by default. */
    private static final LegacyOverrides PYTHON_JINJA2 = LegacyOverrides.newBuilder()
            .withIterateOverMapKeys(true)
            .withUseNaturalOperatorPrecedence(true)
            .withParseWhitespaceControlStrictly(true)
            .withUseTrimmingForNotesAndExpressions(true)
            .withAllowAdjacentTextNodes(true)
            .withKeepNullableLoopValues(true)
            .build();

    /** Python's spellings of the constants, which Jinja2 knows beside its own lower-case ones. */
    private static final Map<String, Object> PYTHON_CONSTANTS =
            Map.of("None", Values.None.NONE, "none", Values.None.NONE, "True", true, "False", false);

    private final PythonJinjava jinjava;
    private final JinjavaConfig config;
    /** Interpreters between renders: at most as many as renders ran at once. */
    private final Queue<ReusableInterpreter> interpreters = new ConcurrentLinkedQueue<>();

    /** The templates parsed once, rendered many times. */
    private final ParsedTemplates parsed = new ParsedTemplates();

    private final UnhandledVariable unhandled;
    private final long maxOutputChars;
    private final Duration maxRenderTime;

    /**
     * @param unhandled      what an unknown variable renders to
     * @param maxOutputChars the longest output a template may produce
     * @param maxRenderTime  how long one render may take
     */
    public MailTemplates(UnhandledVariable unhandled, long maxOutputChars, Duration maxRenderTime) {
        this.unhandled = unhandled;
        this.maxOutputChars = maxOutputChars;
        this.maxRenderTime = maxRenderTime;
        this.config = JinjavaConfig.newBuilder()
                .withElResolver(TemplateSandbox.resolver())
                .withInterperterFactory(PythonInterpreter.factory(unhandled))
                .withLegacyOverrides(PYTHON_JINJA2)
                // a value that contains {{ }} is text, never a template
                .withNestedInterpretationEnabled(false)
                .withMaxOutputSize(maxOutputChars)
                .withMaxStringLength(maxOutputChars)
                .withMaxListSize(MAX_LIST_SIZE)
                .withMaxMapSize(MAX_LIST_SIZE)
                .withRangeLimit(RangeFunction.MAX_RANGE)
                .withMaxRenderDepth(10)
                .withEnableRecursiveMacroCalls(false)
                .withDisabled(Map.of(Context.Library.TAG, Set.of("include", "import", "from", "extends")))
                .withNodePreProcessor(MailTemplates::checkDeadline)
                .build();
        this.jinjava = withOwnContextClassLoader(() -> new PythonJinjava(config));
        jinjava.setResourceLocator((name, encoding, interpreter) -> {
            throw new ResourceNotFoundException("Templates cannot load '" + name + "': file access is disabled");
        });
        Context globals = jinjava.getGlobalContext();
        Filters.register(globals, maxOutputChars, MAX_LIST_SIZE);
        IsTests.register(globals);
        RangeFunction.register(globals);
        globals.registerTag(new ForTag());
        globals.registerTag(new FilterTag());
        globals.registerTag(new WithTag());
        TemplateSandbox.guardFilters(globals);
        jinjava.endSetUp();
    }

    /**
     * Renders {@code template} with the entity's properties as variables; the whole entity is also {@code entity},
     * for properties whose names are not identifiers ({@code {{ entity['ns:name'] }}}).
     *
     * @throws IllegalArgumentException naming the template's problem (in {@code strict} mode, the unknown variable)
     */
    public String render(String template, Map<String, Object> entity) {
        Map<String, Object> values = Values.withNone(entity);
        ReusableInterpreter reusable = interpreters.poll();
        if (reusable == null) {
            reusable = withOwnContextClassLoader(() -> new ReusableInterpreter(jinjava, config));
        }
        boolean handOn = false;
        RenderBounds bounds = RenderBounds.start(maxOutputChars, maxRenderTime);
        try {
            Node tree = parsed.get(template);
            if (tree == null) {
                TemplateScan.check(template, maxOutputChars);
            }
            JinjavaInterpreter interpreter = reusable.bind(PYTHON_CONSTANTS, values);
            String output = withOwnContextClassLoader(() -> render(template, tree, interpreter));
            if (bounds.failure() != null) {
                throw new IllegalArgumentException(bounds.failure());
            }
            handOn = reusable.isClean();
            return output;
        } catch (StackOverflowError e) {
            // the last line of defence: the bounds above keep templates and values far from the end of the stack
            throw new IllegalArgumentException(RenderBounds.nestingMessage());
        } catch (OutOfMemoryError e) {
            // the last line of defence: what the render allocated is garbage now
            throw new IllegalArgumentException(
                    "the template needs more memory than the JVM has; lower maxRenderedLength or simplify it");
        } finally {
            bounds.close();
            if (handOn) {
                reusable.release();
                interpreters.offer(reusable);
            }
        }
    }

    /**
     * What Jinjava's renderForResult does with its interpreter: interpret (the kept {@code tree}, or the template
     * parsed now), and turn every failure into an error.
     */
    private String render(String template, Node tree, JinjavaInterpreter interpreter) {
        JinjavaInterpreter.pushCurrent(interpreter);
        String output = null;
        List<TemplateError> errors;
        try {
            output = interpreter.render(tree != null ? tree : parsed.parse(template, interpreter));
            errors = interpreter.getErrorsCopy();
        } catch (TemplateSyntaxException e) {
            errors = List.of(TemplateError.fromException(e));
        } catch (InterpretException e) {
            errors = List.of(TemplateError.fromSyntaxError(e));
        } catch (InvalidArgumentException e) {
            errors = List.of(TemplateError.fromInvalidArgumentException(e));
        } catch (InvalidInputException e) {
            errors = List.of(TemplateError.fromInvalidInputException(e));
        } catch (RuntimeException e) {
            errors = List.of(TemplateError.fromException(e));
        } finally {
            JinjavaInterpreter.popCurrent();
        }
        List<TemplateError> fatal = errors.isEmpty()
                ? List.of()
                : errors.stream()
                        .filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL)
                        .toList();
        String bound = RenderBounds.currentFailure();
        if (bound != null) {
            // a bound that was hit, not the errors Jinjava recorded as the render wound down
            throw new IllegalArgumentException(bound);
        }
        if (!fatal.isEmpty()) {
            throw new IllegalArgumentException(
                    fatal.stream().map(this::describe).collect(Collectors.joining("; ")));
        }
        return output;
    }

    public UnhandledVariable getUnhandled() {
        return unhandled;
    }

    private String describe(TemplateError error) {
        if (error.getException() instanceof UnknownTokenException unknown) {
            return "the template uses '" + unknown.getToken() + "', which the entity does not have (line "
                    + error.getLineno()
                    + "). Add it to the entity, or set unhandledTemplateVariableReplacement to debug or empty_string";
        }
        if (error.getReason() == TemplateError.ErrorReason.OUTPUT_TOO_BIG
                || error.getMessage().contains("OutputTooBigException")) {
            return "the template renders to more than " + maxOutputChars + " characters (maxRenderedLength)";
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
        RenderBounds.checkTime();
    }
}

package io.github.camelsmtpsystem.internal.template;

import java.util.Objects;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.UnknownTokenException;
import com.hubspot.jinjava.util.HasObjectTruthValue;
import io.github.camelsmtpsystem.mail.UnhandledVariable;

/**
 * A value the entity does not have, as Jinja2's {@code Undefined}: it prints by the unhandled-variable mode
 * ({@code DebugUndefined}: {@code {{ name }}}, {@code Undefined}: nothing, {@code StrictUndefined}: an error), is
 * false, iterates as empty and has length 0; arithmetic on it and reading its attributes fail in every mode.
 */
final class TemplateUndefined implements HasObjectTruthValue {

    private final String name;
    private final String hint;
    private final UnhandledVariable mode;

    private TemplateUndefined(String name, String hint, UnhandledVariable mode) {
        this.name = name;
        this.hint = hint;
        this.mode = mode;
    }

    /** A variable the template names and the entity does not have. */
    static TemplateUndefined variable(String name) {
        return new TemplateUndefined(name, null, mode());
    }

    /** An item a dict or list does not have: {@code customer.zip}, {@code items[10]}. */
    static TemplateUndefined element(String expression, Object container, Object key) {
        return new TemplateUndefined(
                expression,
                "no such element: " + PythonText.typeName(container) + " object[" + Values.repr(key) + "]",
                mode());
    }

    /** A value a filter could not give: {@code []|first}. */
    static TemplateUndefined hinted(String expression, String hint) {
        return new TemplateUndefined(expression, "undefined value printed: " + hint, mode());
    }

    private static UnhandledVariable mode() {
        return JinjavaInterpreter.getCurrentMaybe()
                .filter(PythonInterpreter.class::isInstance)
                .map(i -> ((PythonInterpreter) i).unhandled())
                .orElse(UnhandledVariable.EMPTY_STRING);
    }

    boolean isStrict() {
        return mode == UnhandledVariable.STRICT;
    }

    /** What {@code {{ value }}} writes. */
    String str() {
        return switch (mode) {
            case DEBUG -> "{{ " + Objects.requireNonNullElse(hint, name) + " }}";
            case EMPTY_STRING -> "";
            case STRICT -> throw failure();
        };
    }

    /** Fails in strict mode, as using a {@code StrictUndefined} does. */
    TemplateUndefined checked() {
        if (isStrict()) {
            throw failure();
        }
        return this;
    }

    /** The error of using this value where Jinja2 fails in every mode: reading an attribute, arithmetic, a call. */
    UnknownTokenException failure() {
        JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
        return new UnknownTokenException(
                name,
                interpreter == null ? 0 : interpreter.getLineNumber(),
                interpreter == null ? 0 : interpreter.getPosition());
    }

    @Override
    public boolean getObjectTruthValue() {
        checked();
        return false;
    }

    @Override
    public String toString() {
        return str();
    }
}

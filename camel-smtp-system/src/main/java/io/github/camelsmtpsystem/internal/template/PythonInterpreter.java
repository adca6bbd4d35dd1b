package io.github.camelsmtpsystem.internal.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpreterFactory;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import io.github.camelsmtpsystem.mail.UnhandledVariable;

/** Jinjava's interpreter writing {@code {{ value }}} as Python's {@code str(value)} does (see {@link Values}). */
final class PythonInterpreter extends JinjavaInterpreter {

    private final UnhandledVariable unhandled;

    /** Makes interpreters whose undefined values behave as {@code unhandled} says. */
    static InterpreterFactory factory(UnhandledVariable unhandled) {
        return new InterpreterFactory() {
            @Override
            public JinjavaInterpreter newInstance(JinjavaInterpreter orig) {
                return new PythonInterpreter(orig, unhandled);
            }

            @Override
            public JinjavaInterpreter newInstance(Jinjava application, Context context, JinjavaConfig renderConfig) {
                return new PythonInterpreter(application, context, renderConfig, unhandled);
            }
        };
    }

    private PythonInterpreter(Jinjava application, Context context, JinjavaConfig config, UnhandledVariable unhandled) {
        super(application, context, config);
        this.unhandled = unhandled;
    }

    private PythonInterpreter(JinjavaInterpreter orig, UnhandledVariable unhandled) {
        super(orig);
        this.unhandled = unhandled;
    }

    UnhandledVariable unhandled() {
        return unhandled;
    }

    @Override
    public String getAsString(Object object) {
        return Values.str(object);
    }
}

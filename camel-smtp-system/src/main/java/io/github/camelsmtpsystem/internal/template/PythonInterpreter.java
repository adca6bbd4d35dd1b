package io.github.camelsmtpsystem.internal.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpreterFactory;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.tree.output.BlockInfo;
import io.github.camelsmtpsystem.mail.UnhandledVariable;

/** Jinjava's interpreter writing {@code {{ value }}} as Python's {@code str(value)} does (see {@link Values}). */
final class PythonInterpreter extends JinjavaInterpreter {

    private final UnhandledVariable unhandled;
    /** Whether a block was rendered: Jinjava keeps every block in its interpreter for the rest of its life. */
    private boolean keepsBlocks;

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
    public void addBlock(String name, BlockInfo blockInfo) {
        keepsBlocks = true;
        super.addBlock(name, blockInfo);
    }

    /** Whether this interpreter holds blocks of a render, which a render of another template must not find. */
    boolean keepsBlocks() {
        return keepsBlocks;
    }

    @Override
    public String getAsString(Object object) {
        return Values.str(object);
    }
}

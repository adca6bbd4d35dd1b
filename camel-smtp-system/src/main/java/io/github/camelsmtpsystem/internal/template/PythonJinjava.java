package io.github.camelsmtpsystem.internal.template;

import java.util.Collection;
import java.util.List;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import jinjava.de.odysseus.el.ExpressionFactoryImpl;
import jinjava.de.odysseus.el.tree.TreeStore;
import jinjava.de.odysseus.el.tree.impl.Cache;
import jinjava.javax.el.ExpressionFactory;

/** Jinjava whose expressions parse and evaluate as Python's Jinja2 does ({@link ExpressionParser}, {@link PythonTypeConverter}). */
final class PythonJinjava extends Jinjava {

    private static final int PARSED_EXPRESSIONS_CACHED = 1000;

    private final ExpressionFactory expressions = new ExpressionFactoryImpl(
            new TreeStore(new ExpressionParser.SyntaxBuilder(), new Cache(PARSED_EXPRESSIONS_CACHED)),
            new PythonTypeConverter());

    /** The global context once {@link #endSetUp()} was called, else {@code null}. */
    private volatile Context setUp;

    PythonJinjava(JinjavaConfig config) {
        super(config);
        getGlobalContext().registerTag(new IfTag());
    }

    @Override
    public ExpressionFactory getExpressionFactory() {
        return expressions;
    }

    /**
     * The global context; after {@link #endSetUp()}, one that lists its functions from a list made once. Jinjava
     * calls this only where each new interpreter copies the global functions (its {@code ExpressionResolver}), and
     * gathering them again took a quarter of a short template's render.
     */
    @Override
    public Context getGlobalContext() {
        Context kept = setUp;
        return kept != null ? kept : super.getGlobalContext();
    }

    /** Ends the set-up of the global context's filters, tests, tags and functions: nothing is registered after this. */
    void endSetUp() {
        setUp = new SetUpContext(super.getGlobalContext());
    }

    /** The global context, seen through a child that holds nothing of its own, with its functions gathered once. */
    private static final class SetUpContext extends Context {

        private final List<ELFunctionDefinition> functions;

        SetUpContext(Context global) {
            super(global);
            this.functions = List.copyOf(global.getAllFunctions());
        }

        @Override
        public Collection<ELFunctionDefinition> getAllFunctions() {
            return functions;
        }
    }
}

package io.github.camelsmtpsystem.internal.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
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

    PythonJinjava(JinjavaConfig config) {
        super(config);
        getGlobalContext().registerTag(new IfTag());
    }

    @Override
    public ExpressionFactory getExpressionFactory() {
        return expressions;
    }
}

package io.github.camelsmtpsystem.internal.mail;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.tag.IfTag;
import com.hubspot.jinjava.tree.TagNode;
import jinjava.de.odysseus.el.ExpressionFactoryImpl;
import jinjava.de.odysseus.el.tree.TreeStore;
import jinjava.de.odysseus.el.tree.impl.Cache;
import jinjava.javax.el.ExpressionFactory;

/** Jinjava whose expressions parse and evaluate as Python's Jinja2 does ({@link PythonParser}, {@link PythonTypeConverter}). */
final class PythonJinjava extends Jinjava {

    private static final int PARSED_EXPRESSIONS_CACHED = 1000;

    private final ExpressionFactory expressions = new ExpressionFactoryImpl(
            new TreeStore(new PythonParser.SyntaxBuilder(), new Cache(PARSED_EXPRESSIONS_CACHED)),
            new PythonTypeConverter());

    PythonJinjava(JinjavaConfig config) {
        super(config);
        getGlobalContext().registerTag(new PythonIfTag());
    }

    @Override
    public ExpressionFactory getExpressionFactory() {
        return expressions;
    }

    /** {@code if} with Python's truth: the text {@code "false"} is true. */
    private static final class PythonIfTag extends IfTag {

        private static final long serialVersionUID = 1L;

        @Override
        public boolean isPositiveIfElseNode(TagNode tagNode, JinjavaInterpreter interpreter) {
            return PythonValues.truthy(interpreter.resolveELExpression(
                    tagNode.getHelpers(), tagNode.getLineNumber(), tagNode.getStartPosition()));
        }
    }
}

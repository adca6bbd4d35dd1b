package io.github.camelsmtpsystem.internal.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.tree.TagNode;

/** Jinja2's {@code if} (and {@code elif}): with Python's truth, so the text {@code "false"} is true. */
final class IfTag extends com.hubspot.jinjava.lib.tag.IfTag {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean isPositiveIfElseNode(TagNode tagNode, JinjavaInterpreter interpreter) {
        return Values.truthy(interpreter.resolveELExpression(
                tagNode.getHelpers(), tagNode.getLineNumber(), tagNode.getStartPosition()));
    }
}

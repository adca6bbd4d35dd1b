package io.github.camelsmtpsystem.internal.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.tag.Tag;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;

/** Jinja2's {@code {% filter upper %}...{% endfilter %}}: the block's output through the filters named. */
final class FilterTag implements Tag {

    private static final long serialVersionUID = 1L;
    private static final String BODY = "__filter_block_body__";

    @Override
    public String getName() {
        return "filter";
    }

    @Override
    public String interpret(TagNode tagNode, JinjavaInterpreter interpreter) {
        StringBuilder body = new StringBuilder();
        try (JinjavaInterpreter.InterpreterScopeClosable scope = interpreter.enterScope()) {
            for (Node child : tagNode.getChildren()) {
                body.append(child.render(interpreter).getValue());
            }
            interpreter.getContext().put(BODY, body.toString());
            return interpreter.getAsString(interpreter.resolveELExpression(
                    BODY + "|" + tagNode.getHelpers().trim(), tagNode.getLineNumber()));
        }
    }
}

package io.github.camelsmtpsystem.internal.template;

import java.util.LinkedHashMap;
import java.util.Map;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateSyntaxException;
import com.hubspot.jinjava.lib.tag.Tag;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;

/** Jinja2's {@code {% with a = 1, b = x %}...{% endwith %}}: an inner scope, its variables set from the outer one. */
final class WithTag implements Tag {

    private static final long serialVersionUID = 1L;

    @Override
    public String getName() {
        return "with";
    }

    @Override
    public String interpret(TagNode tagNode, JinjavaInterpreter interpreter) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String assignment : TemplateExpressions.splitCommas(tagNode.getHelpers())) {
            int equals = TemplateExpressions.topLevel(assignment, "=");
            if (equals <= 0) {
                throw new TemplateSyntaxException(
                        interpreter, tagNode.getHelpers(), "'with' expects name = value, got: " + assignment);
            }
            values.put(
                    assignment.substring(0, equals).trim(),
                    interpreter.resolveELExpression(
                            assignment.substring(equals + 1).trim(), tagNode.getLineNumber()));
        }
        StringBuilder out = new StringBuilder();
        try (JinjavaInterpreter.InterpreterScopeClosable scope = interpreter.enterScope()) {
            values.forEach(interpreter.getContext()::put);
            for (Node child : tagNode.getChildren()) {
                out.append(child.render(interpreter).getValue());
            }
        }
        return out.toString();
    }
}

package io.github.camelsmtpsystem.internal.template;

import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.tree.parse.TagToken;
import com.hubspot.jinjava.util.ObjectTruthValue;
import org.apache.commons.lang3.tuple.Pair;

/**
 * Jinja2's {@code for}: {@code {% else %}} renders only when nothing was iterated, {@code for x in xs if cond} filters,
 * a dict gives its keys and a string its characters, and {@code loop} is Jinja2's ({@link LoopVariable}). The iteration
 * itself is Jinjava's.
 */
final class ForTag extends com.hubspot.jinjava.lib.tag.ForTag {

    private static final long serialVersionUID = 1L;

    @Override
    public String interpretUnchecked(TagNode tagNode, JinjavaInterpreter interpreter) {
        Pair<List<String>, String> varsAndExpression = getLoopVarsAndExpression((TagToken) tagNode.getMaster());
        List<String> vars = varsAndExpression.getLeft();
        String[] expressionAndCondition = TemplateExpressions.splitCondition(varsAndExpression.getRight());
        Object collection = interpreter.resolveELExpression(expressionAndCondition[0], tagNode.getLineNumber());
        List<Object> items = new ArrayList<>();
        Sequences.iterate(collection).forEach(items::add);
        if (expressionAndCondition[1] != null) {
            items = filter(items, vars, expressionAndCondition[1], tagNode, interpreter);
        }
        LinkedList<Node> body = new LinkedList<>();
        LinkedList<Node> otherwise = new LinkedList<>();
        for (Node child : tagNode.getChildren()) {
            if (!otherwise.isEmpty() || child instanceof TagNode tag && "else".equals(tag.getName())) {
                otherwise.add(child);
            } else {
                body.add(child);
            }
        }
        if (items.isEmpty()) {
            StringBuilder out = new StringBuilder();
            otherwise.stream()
                    .skip(1)
                    .forEach(node -> out.append(node.render(interpreter).getValue()));
            return out.toString();
        }
        TagNode loop = new TagNode(this, (TagToken) tagNode.getMaster(), tagNode.getSymbols());
        body.addFirst(LoopVariable.installer(items, tagNode));
        loop.setChildren(body);
        return renderForCollection(loop, interpreter, vars, items);
    }

    private static List<Object> filter(
            List<Object> items, List<String> vars, String condition, TagNode tagNode, JinjavaInterpreter interpreter) {
        List<Object> kept = new ArrayList<>();
        for (Object item : items) {
            try (JinjavaInterpreter.InterpreterScopeClosable scope = interpreter.enterScope()) {
                bind(vars, item, interpreter);
                if (ObjectTruthValue.evaluate(interpreter.resolveELExpression(condition, tagNode.getLineNumber()))) {
                    kept.add(item);
                }
            }
        }
        return kept;
    }

    private static void bind(List<String> vars, Object item, JinjavaInterpreter interpreter) {
        if (vars.size() == 1) {
            interpreter.getContext().put(vars.get(0), item);
            return;
        }
        List<Object> values = item instanceof Map.Entry<?, ?> entry
                ? List.of(entry.getKey(), entry.getValue())
                : Sequences.list(item);
        for (int i = 0; i < vars.size(); i++) {
            interpreter.getContext().put(vars.get(i), i < values.size() ? values.get(i) : null);
        }
    }
}

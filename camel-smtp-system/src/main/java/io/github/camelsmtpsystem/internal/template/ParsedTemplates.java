package io.github.camelsmtpsystem.internal.template;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.tree.Node;

/**
 * The parsed trees of the templates rendered lately, by text: a template is parsed once and every later render of
 * the same text walks the same tree (Jinjava's nodes are not changed by a render, so threads share them). Bounded: when
 * {@link #MAX_TEMPLATES} are held, a kept tree makes way for each new one. A plain concurrent map: every render reads
 * it, and a recency list's bookkeeping on each read cost more than the look-up itself. A template whose parse reports
 * an error (an unknown or disabled tag, a missing end tag) is not kept, so every render of it reports the error as
 * before.
 */
final class ParsedTemplates {

    /**
     * Distinct template texts kept parsed: a system has three templates, and templates read from an entity property
     * usually come from a handful of texts; beyond that the parse is paid again, never more memory.
     */
    static final int MAX_TEMPLATES = 500;

    private final Map<String, Node> trees = new ConcurrentHashMap<>();

    /** The kept tree of {@code template}, or {@code null}: a kept template passed the checks before its parse too. */
    Node get(String template) {
        return trees.get(template);
    }

    /**
     * Parses {@code template} with {@code interpreter} (its parse errors are then the interpreter's, as when Jinjava
     * parses and renders in one call), and keeps the tree when the parse reported no error.
     */
    Node parse(String template, JinjavaInterpreter interpreter) {
        Node tree = interpreter.parse(withoutTrailingNewline(template));
        if (interpreter.getErrors().isEmpty()) {
            // a text beyond the bound takes the place of the first kept one the map gives: the system's own templates,
            // if they go, come back at their next render
            Iterator<String> kept = trees.keySet().iterator();
            while (trees.size() >= MAX_TEMPLATES && !trees.containsKey(template) && kept.hasNext()) {
                kept.next();
                kept.remove();
            }
            trees.put(template, tree);
        }
        return tree;
    }

    /** Jinja2 drops one newline at the end of a template (its keep_trailing_newline is off). */
    private static String withoutTrailingNewline(String template) {
        if (template.endsWith("\r\n")) {
            return template.substring(0, template.length() - 2);
        }
        return template.endsWith("\n") || template.endsWith("\r")
                ? template.substring(0, template.length() - 1)
                : template;
    }
}

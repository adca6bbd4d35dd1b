package io.github.camelsmtpsystem.internal.template;

import com.hubspot.jinjava.el.ext.AstRangeBracket;
import jinjava.de.odysseus.el.tree.Bindings;
import jinjava.de.odysseus.el.tree.impl.ast.AstBracket;
import jinjava.de.odysseus.el.tree.impl.ast.AstDot;
import jinjava.de.odysseus.el.tree.impl.ast.AstIdentifier;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.de.odysseus.el.tree.impl.ast.AstProperty;
import jinjava.javax.el.ELContext;

/**
 * Reading variables, attributes and items as Jinja2 does: what is missing is a {@link TemplateUndefined} rather than
 * {@code null}, reading from an undefined value fails, and {@code text[i]} counts characters, not UTF-16 units.
 */
final class VariableAccess {

    private VariableAccess() {}

    /** {@code name}: the variable, or an undefined value naming it. */
    static final class Identifier extends AstIdentifier {

        Identifier(String name, int index) {
            super(name, index);
        }

        @Override
        public Object eval(Bindings bindings, ELContext context) {
            Object value = super.eval(bindings, context);
            return value != null ? value : TemplateUndefined.variable(getName());
        }
    }

    /** {@code base.name}. */
    static final class Dot extends AstDot {

        Dot(AstNode prefix, String property, boolean lvalue) {
            super(prefix, property, lvalue);
        }

        @Override
        public Object eval(Bindings bindings, ELContext context) {
            Object base = getPrefix().eval(bindings, context);
            return read(this, base, getProperty(bindings, context), bindings, context);
        }
    }

    /** {@code base[key]}. */
    static final class Bracket extends AstBracket {

        Bracket(AstNode prefix, AstNode property, boolean lvalue, boolean strict) {
            super(prefix, property, lvalue, strict);
        }

        @Override
        public Object eval(Bindings bindings, ELContext context) {
            Object base = getPrefix().eval(bindings, context);
            Object key = getProperty(bindings, context);
            if (base instanceof String text && Values.isInteger(key)) {
                int index = ((Number) key).intValue();
                int length = PythonText.length(text);
                int at = index < 0 ? index + length : index;
                if (at >= 0 && at < length) {
                    return PythonText.slice(text, at, at + 1);
                }
                return TemplateUndefined.element(text(this, bindings), text, key);
            }
            return read(this, base, key, bindings, context);
        }
    }

    /** {@code text[start:end]}: characters, never half an emoji; other sequences as Jinjava slices them. */
    static final class Slice extends AstRangeBracket {

        Slice(AstNode base, AstNode start, AstNode end, boolean lvalue, boolean strict) {
            super(base, start, end, lvalue, strict, false);
        }

        @Override
        public Object eval(Bindings bindings, ELContext context) {
            Object base = getPrefix().eval(bindings, context);
            if (!(base instanceof String text)) {
                return super.eval(bindings, context);
            }
            Object start = property == null ? null : property.eval(bindings, context);
            Object end = rangeMax == null ? null : rangeMax.eval(bindings, context);
            return PythonText.slice(
                    text,
                    start instanceof Number n ? n.intValue() : 0,
                    end instanceof Number n ? n.intValue() : Integer.MAX_VALUE);
        }
    }

    private static Object read(AstProperty node, Object base, Object key, Bindings bindings, ELContext context) {
        if (base instanceof TemplateUndefined) {
            // Jinja2's Undefined fails on attribute access in every mode
            throw TemplateUndefined.variable(text(node, bindings)).failure();
        }
        if (base == null || key == null) {
            return null;
        }
        context.setPropertyResolved(false);
        Object value = context.getELResolver().getValue(context, base, key);
        return value != null ? value : TemplateUndefined.element(text(node, bindings), base, key);
    }

    private static String text(AstNode node, Bindings bindings) {
        StringBuilder text = new StringBuilder();
        node.appendStructure(text, bindings);
        return text.toString();
    }
}

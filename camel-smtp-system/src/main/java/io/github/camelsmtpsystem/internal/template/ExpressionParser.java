package io.github.camelsmtpsystem.internal.template;

import com.hubspot.jinjava.el.ExtendedSyntaxBuilder;
import com.hubspot.jinjava.el.ext.AstRangeBracket;
import com.hubspot.jinjava.el.ext.CollectionNonMembershipOperator;
import com.hubspot.jinjava.el.ext.ExtendedParser;
import com.hubspot.jinjava.el.ext.PowerOfOperator;
import com.hubspot.jinjava.el.ext.StringConcatOperator;
import jinjava.de.odysseus.el.tree.impl.Builder;
import jinjava.de.odysseus.el.tree.impl.Parser;
import jinjava.de.odysseus.el.tree.impl.Scanner;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;
import jinjava.de.odysseus.el.tree.impl.ast.AstBracket;
import jinjava.de.odysseus.el.tree.impl.ast.AstDot;
import jinjava.de.odysseus.el.tree.impl.ast.AstIdentifier;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;

/**
 * Jinjava's expression parser with Python's operators (see {@link Operators}), chained comparisons
 * ({@code 0 < x < 20}, {@code a == b == c}) and unary plus.
 */
final class ExpressionParser extends ExtendedParser {

    /** Builds {@link ExpressionParser}s. */
    static final class SyntaxBuilder extends ExtendedSyntaxBuilder {

        private static final long serialVersionUID = 1L;

        /** The features Jinjava's own expression factory has (the EE6 profile): method calls and varargs functions. */
        SyntaxBuilder() {
            super(Feature.METHOD_INVOCATIONS, Feature.VARARGS);
        }

        @Override
        protected Parser createParser(String expression) {
            return new ExpressionParser(this, expression);
        }
    }

    ExpressionParser(Builder context, String input) {
        super(context, input);
        putExtensionHandler(PowerOfOperator.TOKEN, new ExtensionHandler(ExtensionPoint.MUL) {
            @Override
            public AstNode createAstNode(AstNode... children) {
                return new AstBinary(children[0], children[1], Operators.POW);
            }
        });
        ExtensionHandler concat = extensions.get(StringConcatOperator.TOKEN);
        if (concat != null) {
            putExtensionHandler(StringConcatOperator.TOKEN, new ExtensionHandler(concat.getExtensionPoint()) {
                @Override
                public AstNode createAstNode(AstNode... children) {
                    return new AstBinary(children[0], children[1], Operators.CONCAT);
                }
            });
        }
    }

    @Override
    protected AstIdentifier createAstIdentifier(String name, int index) {
        return new VariableAccess.Identifier(name, index);
    }

    @Override
    protected AstDot createAstDot(AstNode prefix, String property, boolean lvalue) {
        return new VariableAccess.Dot(prefix, property, lvalue);
    }

    @Override
    protected AstBracket createAstBracket(AstNode prefix, AstNode property, boolean lvalue, boolean strict) {
        return new VariableAccess.Bracket(prefix, property, lvalue, strict);
    }

    @Override
    protected AstRangeBracket createAstRangeBracket(
            AstNode base, AstNode start, AstNode end, boolean lvalue, boolean strict) {
        return new VariableAccess.Slice(base, start, end, lvalue, strict);
    }

    @Override
    protected AstBinary createAstBinary(AstNode left, AstNode right, AstBinary.Operator operator) {
        return super.createAstBinary(left, right, Operators.python(operator));
    }

    /** In Python equality binds as tightly as the other comparisons: they all chain in {@link #cmp}. */
    @Override
    protected AstNode eq(boolean required) throws Scanner.ScanException, ParseException {
        return cmp(required);
    }

    @Override
    protected AstNode cmp(boolean required) throws Scanner.ScanException, ParseException {
        AstNode left = add(required);
        if (left == null) {
            return null;
        }
        AstNode chain = null;
        while (true) {
            Scanner.Token token = getToken();
            AstBinary.Operator operator = switch (token.getSymbol()) {
                case LT -> AstBinary.LT;
                case LE -> AstBinary.LE;
                case GT -> AstBinary.GT;
                case GE -> AstBinary.GE;
                case EQ -> AstBinary.EQ;
                case NE -> AstBinary.NE;
                default -> null;
            };
            AstNode right;
            AstNode comparison;
            if (operator != null) {
                consumeToken();
                right = add(true);
                comparison = createAstBinary(left, right, operator);
            } else if (token.getSymbol() == Scanner.Symbol.EXTENSION
                    && getExtensionHandler(token).getExtensionPoint() == ExtensionPoint.CMP) {
                ExtensionHandler handler = getExtensionHandler(consumeToken());
                right = add(true);
                comparison = handler.createAstNode(left, right);
            } else if ("not".equals(token.getImage())
                    && "in".equals(lookahead(0).getImage())) {
                consumeToken();
                consumeToken();
                right = add(true);
                comparison = getExtensionHandler(CollectionNonMembershipOperator.TOKEN)
                        .createAstNode(left, right);
            } else {
                return chain == null ? left : chain;
            }
            chain = chain == null ? comparison : Operators.bothOf(chain, comparison);
            left = right;
        }
    }

    @Override
    protected AstNode unary(boolean required) throws Scanner.ScanException, ParseException {
        if (getToken().getSymbol() == Scanner.Symbol.PLUS) {
            consumeToken();
            return unary(true);
        }
        return super.unary(required);
    }
}

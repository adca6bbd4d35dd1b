package io.github.camelsmtpsystem.internal.template;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.objects.SafeString;

/**
 * Jinja2's tests ({@code x is none}) where Jinjava's differ: {@code none}, {@code defined}, {@code undefined},
 * {@code sequence}, {@code filter}, {@code test}; the others are Jinjava's.
 */
final class IsTests {

    private IsTests() {}

    interface Check {
        boolean test(Object value, JinjavaInterpreter interpreter, Object[] args);
    }

    static ExpTest test(String name, Check check) {
        return new ExpTest() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public boolean evaluate(Object var, JinjavaInterpreter interpreter, Object... args) {
                return check.test(var, interpreter, args);
            }
        };
    }

    static void register(Context context) {
        context.registerExpTest(test("none", (v, i, a) -> v == Values.None.NONE));
        context.registerExpTest(test("defined", (v, i, a) -> Values.isDefined(v)));
        context.registerExpTest(test("undefined", (v, i, a) -> !Values.isDefined(v)));
        context.registerExpTest(test(
                "sequence",
                (v, i, a) -> v instanceof String
                        || v instanceof SafeString
                        || v instanceof Iterable
                        || v instanceof java.util.Map
                        || v instanceof Object[]));
        context.registerExpTest(test(
                "filter",
                (v, i, a) -> v instanceof String name && i.getContext().getFilter(name) != null));
        context.registerExpTest(test(
                "test", (v, i, a) -> v instanceof String name && i.getContext().getExpTest(name) != null));
    }
}

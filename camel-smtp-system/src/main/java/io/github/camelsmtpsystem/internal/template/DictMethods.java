package io.github.camelsmtpsystem.internal.template;

import java.util.Map;

/** The methods of Python's {@code dict} that templates call beyond what Jinjava's dict has: {@code get(key, default)}. */
final class DictMethods {

    private DictMethods() {}

    /** Whether {@code dict.method(params)} is one of these methods. */
    static boolean has(String method, Object[] params) {
        return "get".equals(method) && params != null && params.length == 2;
    }

    /** Python's {@code dict.get(key, default)}. */
    static Object call(Map<?, ?> dict, Object[] params) {
        return dict.containsKey(params[0]) ? dict.get(params[0]) : params[1];
    }
}

package io.github.camelsmtpsystem.internal.template;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;

/**
 * A Jinjava interpreter with a root context of its own, used by one render at a time and then by the next. A new
 * interpreter copies Jinjava's every function into a map of its own and a new context builds six call stacks and four
 * libraries: for a one-line subject that was most of its render. A render that ended in any way but cleanly does not
 * hand its interpreter on (see {@link #isClean()}).
 */
final class ReusableInterpreter {

    private final RenderContext context;
    private final PythonInterpreter interpreter;

    ReusableInterpreter(Jinjava jinjava, JinjavaConfig config) {
        // a copy of the global context of its own: a tag's scopes share state with their root (a for loop's names)
        this.context = new RenderContext(jinjava.getGlobalContextCopy(), config.getDisabled());
        this.interpreter = (PythonInterpreter) config.getInterpreterFactory().newInstance(jinjava, context, config);
    }

    /**
     * The interpreter, its root context holding {@code constants}, the entity as {@code entity}, and the entity's
     * properties, which win over both.
     */
    JinjavaInterpreter bind(Map<String, Object> constants, Map<String, Object> entity) {
        // straight into the scope: a map of the variables first would be one more copy of the entity per render
        Map<String, Object> scope = context.getScope();
        scope.putAll(constants);
        scope.put("entity", entity);
        scope.putAll(entity);
        // the interpreter's random numbers come from ThreadLocalRandom, which this thread may not have seeded yet
        ThreadLocalRandom.current();
        return interpreter;
    }

    /** Forgets the render's variables (and what it set), so that an idle interpreter holds no entity. */
    void release() {
        context.getScope().clear();
    }

    /**
     * Whether the render left the interpreter as it found it: no error recorded, every scope it entered left (a
     * failed tag can skip its leaving), no block kept, so the next render may use it.
     */
    boolean isClean() {
        return interpreter.getContext() == context
                && interpreter.getScopeDepth() == 1
                && !interpreter.keepsBlocks()
                && interpreter.getErrorsCopy().isEmpty();
    }

    /**
     * A root context that does not record the expressions, values and functions a render resolved: Jinjava keeps them
     * only for its render result's report, which renders here do not read, and they cost a set insertion per variable.
     */
    private static final class RenderContext extends Context {

        RenderContext(Context parent, Map<Library, Set<String>> disabled) {
            super(parent, null, disabled);
        }

        @Override
        public void addResolvedExpression(String expression) {}

        @Override
        public void addResolvedValue(String value) {}

        @Override
        public void addResolvedFunction(String function) {}
    }
}

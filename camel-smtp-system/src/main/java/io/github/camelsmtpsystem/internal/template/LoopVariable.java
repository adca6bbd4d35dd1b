package io.github.camelsmtpsystem.internal.template;

import java.util.Collections;
import java.util.List;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.tag.ForTag;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.tree.output.OutputNode;
import com.hubspot.jinjava.tree.output.RenderedOutputNode;
import com.hubspot.jinjava.util.ForLoop;

/**
 * Jinja2's {@code loop} variable: Jinjava's loop, which counts the iterations, with what Jinja2's adds:
 * {@code loop.previtem}, {@code loop.nextitem} and {@code loop.changed(value)}.
 */
final class LoopVariable extends ForLoop {

    private final List<Object> items;
    private ForLoop counter;
    private List<Object> lastChanged;

    private LoopVariable(List<Object> items) {
        super(Collections.emptyIterator(), 0);
        this.items = items;
    }

    /**
     * A node to render first in each iteration of a loop over {@code items}: it puts this loop variable in place of
     * Jinjava's, which the for tag makes inside its own implementation.
     */
    static Node installer(List<Object> items, TagNode tag) {
        LoopVariable loop = new LoopVariable(items);
        return new Node(tag.getMaster(), tag.getLineNumber(), tag.getStartPosition()) {
            private static final long serialVersionUID = 1L;

            @Override
            public OutputNode render(JinjavaInterpreter interpreter) {
                Object current = interpreter.getContext().get(ForTag.LOOP);
                if (current instanceof ForLoop counter && current != loop) {
                    loop.counter = counter;
                    interpreter.getContext().put(ForTag.LOOP, loop);
                }
                return new RenderedOutputNode("");
            }

            @Override
            public String getName() {
                return "loop";
            }
        };
    }

    public Object getPrevitem() {
        int index = counter.getIndex0();
        return index > 0
                ? items.get(index - 1)
                : TemplateUndefined.hinted("loop.previtem", "there is no previous item");
    }

    public Object getNextitem() {
        int index = counter.getIndex0();
        return index + 1 < items.size()
                ? items.get(index + 1)
                : TemplateUndefined.hinted("loop.nextitem", "there is no next item");
    }

    /** True on the first call and whenever the values differ from the previous call's. */
    public boolean changed(Object... values) {
        List<Object> now = List.of(values);
        boolean changed = lastChanged == null || !Operators.equal(lastChanged, now);
        lastChanged = now;
        return changed;
    }

    @Override
    public int getIndex() {
        return counter.getIndex();
    }

    @Override
    public int getIndex0() {
        return counter.getIndex0();
    }

    @Override
    public int getDepth() {
        return counter.getDepth();
    }

    @Override
    public int getDepth0() {
        return counter.getDepth0();
    }

    @Override
    public int getCounter() {
        return counter.getCounter();
    }

    @Override
    public int getRevindex() {
        return counter.getRevindex();
    }

    @Override
    public int getRevindex0() {
        return counter.getRevindex0();
    }

    @Override
    public int getRevcounter() {
        return counter.getRevcounter();
    }

    @Override
    public int getLength() {
        return counter.getLength();
    }

    @Override
    public boolean isFirst() {
        return counter.isFirst();
    }

    @Override
    public boolean isLast() {
        return counter.isLast();
    }

    @Override
    public boolean isContinued() {
        return counter.isContinued();
    }

    @Override
    public void doContinue() {
        counter.doContinue();
    }

    @Override
    public void doBreak() {
        counter.doBreak();
    }

    @Override
    public boolean hasNext() {
        return counter.hasNext();
    }

    @Override
    public Object next() {
        return counter.next();
    }

    @Override
    public Object cycle(Object... values) {
        return counter.cycle(values);
    }

    @Override
    public String toString() {
        return counter.toString();
    }
}

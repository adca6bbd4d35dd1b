package io.github.camelsmtpsystem.internal.template;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.objects.SafeString;

/**
 * The hard bounds of the render running on this thread, whatever the template does: its time ({@code renderTimeout}),
 * the length of every text it makes and the sum of all texts and lists it makes (a memory budget derived from
 * {@code maxRenderedLength}), and how deep values and templates nest. The template's filters, string methods and
 * operators, and the check Jinjava runs before every node, ask this class; the first bound hit is remembered and every
 * later check fails at once, so a render that hit a bound stops instead of hitting it again in every iteration of a
 * loop.
 */
public final class RenderBounds {

    /** How deep templates ({@code (}, {@code [}, <code>{</code>, block tags) and values may nest. */
    public static final int MAX_NESTING = 100;

    /** The memory budget of one render: this many times {@code maxRenderedLength} characters (or list items). */
    static final long BUDGET_FACTOR = 16;

    private static final ThreadLocal<RenderBounds> CURRENT = new ThreadLocal<>();

    private final long deadline;
    private final Duration timeout;
    private final long maxLength;
    private final long budget;
    private long used;
    private String failure;

    private RenderBounds(long maxLength, Duration timeout) {
        this.deadline = System.nanoTime() + timeout.toNanos();
        this.timeout = timeout;
        this.maxLength = maxLength;
        this.budget = maxLength > Long.MAX_VALUE / BUDGET_FACTOR ? Long.MAX_VALUE : maxLength * BUDGET_FACTOR;
    }

    /** Starts bounding a render on this thread; {@link #close()} ends it. */
    static RenderBounds start(long maxLength, Duration timeout) {
        RenderBounds bounds = new RenderBounds(maxLength, timeout);
        CURRENT.set(bounds);
        return bounds;
    }

    void close() {
        CURRENT.remove();
    }

    /** The first bound the render hit, or {@code null}. */
    String failure() {
        return failure;
    }

    /** The longest text or list a template may make. */
    long maxLength() {
        return maxLength;
    }

    /** The first bound the render running on this thread hit, or {@code null}. */
    static String currentFailure() {
        RenderBounds bounds = CURRENT.get();
        return bounds == null ? null : bounds.failure;
    }

    /** Fails when the render is out of time, or already hit a bound. */
    static void checkTime() {
        RenderBounds bounds = CURRENT.get();
        if (bounds != null) {
            bounds.checkFailed();
            if (System.nanoTime() > bounds.deadline) {
                throw bounds.fail("the template took longer than " + bounds.timeout.toMillis()
                        + " ms to render (renderTimeout); simplify its loops");
            }
        }
    }

    /**
     * {@code text} for a regular expression to match on, checking the render's time as the expression reads it: a
     * pattern that takes quadratic time on some text ({@code <.*?>} on a million {@code <}) stops within the timeout
     * instead of running for hours. Outside a render, {@code text} itself.
     */
    static CharSequence timed(CharSequence text) {
        return CURRENT.get() == null ? text : new TimedText(text, 0, text.length());
    }

    /** A text whose reader checks the render's time every few thousand characters. */
    private static final class TimedText implements CharSequence {

        private final CharSequence text;
        private final int start;
        private final int end;
        private int reads;

        TimedText(CharSequence text, int start, int end) {
            this.text = text;
            this.start = start;
            this.end = end;
        }

        @Override
        public int length() {
            return end - start;
        }

        @Override
        public char charAt(int index) {
            if (++reads == 4096) {
                reads = 0;
                checkTime();
            }
            return text.charAt(start + index);
        }

        @Override
        public CharSequence subSequence(int from, int to) {
            return new TimedText(text, start + from, start + to);
        }

        @Override
        public String toString() {
            return text.subSequence(start, end).toString();
        }
    }

    /** Fails when a text or list of {@code length} characters or items is longer than a template may make. */
    static void checkLength(long length) {
        RenderBounds bounds = CURRENT.get();
        if (bounds != null && length > bounds.maxLength) {
            throw bounds.fail("the template asks for " + length + " characters or items; templates may make at most "
                    + bounds.maxLength + " (maxRenderedLength)");
        }
    }

    /**
     * Counts a value the template just made against the memory budget: a text by its length, a list or dict by its
     * items. Also checks the time.
     */
    static void made(Object value) {
        RenderBounds bounds = CURRENT.get();
        if (bounds == null) {
            return;
        }
        checkTime();
        long size;
        if (value instanceof String || value instanceof SafeString) {
            size = value.toString().length();
            checkLength(size);
        } else if (value instanceof Collection<?> list) {
            size = list.size();
        } else if (value instanceof Map<?, ?> map) {
            size = map.size();
        } else {
            return;
        }
        bounds.used += size;
        if (bounds.used > bounds.budget) {
            throw bounds.fail("the template makes more than " + bounds.budget
                    + " characters of texts and lists in all, which is the memory a render may use ("
                    + BUDGET_FACTOR + " times maxRenderedLength)");
        }
    }

    /**
     * Fails before {@code what} works on {@code values} when they hold more than the memory budget in all (a list
     * that holds one long text many times over, for instance), or nest deeper than {@link #MAX_NESTING}.
     */
    static void checkInput(String what, Object... values) {
        RenderBounds bounds = CURRENT.get();
        if (bounds == null) {
            return;
        }
        checkTime();
        long total = 0;
        for (Object value : values) {
            total += bounds.weight(value, bounds.budget - total, 0, null);
            if (total > bounds.budget) {
                throw bounds.fail(what + " was given more than " + bounds.budget
                        + " characters of texts and lists in all, more than a render may use (" + BUDGET_FACTOR
                        + " times maxRenderedLength)");
            }
        }
    }

    /** Fails when values or templates nest deeper than {@link #MAX_NESTING} levels. */
    static void checkNesting(int depth) {
        if (depth > MAX_NESTING) {
            RenderBounds bounds = CURRENT.get();
            String message = nestingMessage();
            if (bounds == null) {
                throw new IllegalArgumentException(message);
            }
            throw bounds.fail(message);
        }
    }

    static String nestingMessage() {
        return "the template or its values nest more than " + MAX_NESTING + " levels deep (a fixed bound)";
    }

    /**
     * The characters {@code value} holds, counting a text held twice twice and a value that holds itself once, up to
     * {@code cutoff} (beyond which it stops counting).
     */
    private long weight(Object value, long cutoff, int depth, List<Object> path) {
        // the usual values first, by class: checking for an interface a value lacks scans all its class's interfaces
        if (value instanceof String text) {
            return text.length();
        }
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return 8;
        }
        if (value instanceof CharSequence || value instanceof SafeString) {
            return value.toString().length();
        }
        if (!(value instanceof Map<?, ?>) && !(value instanceof Collection<?>) && !(value instanceof Object[])) {
            return 8;
        }
        if (value instanceof Object[] array && array.length == 0
                || value instanceof Collection<?> collection && collection.isEmpty()) {
            // a filter's arguments, most often: what an empty list weighs below, without a path to keep
            return 2;
        }
        checkNesting(depth);
        // the values being weighed, outermost first: a short list, compared by identity
        List<Object> inside = path != null ? path : new ArrayList<>();
        for (Object outer : inside) {
            if (outer == value) {
                return 5;
            }
        }
        inside.add(value);
        long total = 2;
        Iterable<?> items = value instanceof Map<?, ?> map
                ? map.entrySet()
                : value instanceof Object[] array ? Arrays.asList(array) : (Collection<?>) value;
        for (Object item : items) {
            if (item instanceof Map.Entry<?, ?> entry) {
                total += 4 + weight(entry.getKey(), cutoff - total, depth + 1, inside);
                total += weight(entry.getValue(), cutoff - total, depth + 1, inside);
            } else {
                total += 2 + weight(item, cutoff - total, depth + 1, inside);
            }
            if (total > cutoff) {
                break;
            }
        }
        inside.remove(inside.size() - 1);
        return total;
    }

    private void checkFailed() {
        if (failure != null) {
            throw new BoundException(failure);
        }
    }

    private BoundException fail(String message) {
        if (failure == null) {
            failure = message;
        }
        return new BoundException(failure);
    }

    /** A bound was hit: the render stops. */
    static final class BoundException extends InterpretException {

        private static final long serialVersionUID = 1L;

        BoundException(String message) {
            super(message);
        }
    }
}

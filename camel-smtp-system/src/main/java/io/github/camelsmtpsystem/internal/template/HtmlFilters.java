package io.github.camelsmtpsystem.internal.template;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.objects.SafeString;
import org.jsoup.parser.Parser;

import static io.github.camelsmtpsystem.internal.template.Filters.filter;

/**
 * Jinja2's filters for HTML and URLs where Jinjava's differ: {@code escape} (and {@code e}), {@code forceescape},
 * {@code striptags}, {@code urlencode}, {@code urlize}.
 */
final class HtmlFilters {

    private static final Pattern COMMENTS = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Pattern TAGS = Pattern.compile("<.*?>", Pattern.DOTALL);
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern LINK = Pattern.compile("<a href=\"([^\"]*)\"(?![^>]*\brel=)");

    private HtmlFilters() {}

    static void register(Context context) {
        context.registerFilter(filter("striptags", (v, i, a) -> striptags(Values.str(v))));
        context.registerFilter(
                filter("escape", (v, i, a) -> v instanceof SafeString ? v : new SafeString(escape(Values.str(v)))));
        context.registerFilter(
                filter("e", (v, i, a) -> v instanceof SafeString ? v : new SafeString(escape(Values.str(v)))));
        context.registerFilter(filter("forceescape", (v, i, a) -> new SafeString(escape(Values.str(v)))));
        context.registerFilter(filter("urlencode", (v, i, a) -> urlencode(v)));
        Filter urlize = context.getFilter("urlize");
        // Jinja2 marks the links it makes rel="noopener"
        context.registerFilter(filter(
                "urlize",
                (v, i, a) -> LINK.matcher(
                                RenderBounds.timed(Values.str(urlize.filter(v, i, a.positional(), a.named()))))
                        .replaceAll("<a href=\"$1\" rel=\"noopener\"")));
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&#34;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String striptags(String html) {
        String text = TAGS.matcher(RenderBounds.timed(
                        COMMENTS.matcher(RenderBounds.timed(html)).replaceAll("")))
                .replaceAll("");
        text = String.join(" ", PythonText.split(text, null, -1));
        return Parser.unescapeEntities(
                WHITESPACE.matcher(RenderBounds.timed(text)).replaceAll(" "), false);
    }

    private static String urlencode(Object value) {
        if (value instanceof Map<?, ?> map) {
            List<String> pairs = new ArrayList<>();
            map.forEach((k, v) -> pairs.add(quote(Values.str(k), true) + "=" + quote(Values.str(v), true)));
            return String.join("&", pairs);
        }
        return quote(Values.str(value), false);
    }

    /** Python's {@code urllib.parse.quote}: letters, digits and {@code _.-~} stay, and {@code /} outside query strings. */
    private static String quote(String text, boolean forQuery) {
        String encoded = URLEncoder.encode(text, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
        if (!forQuery) {
            encoded = encoded.replace("%2F", "/");
        }
        return forQuery ? encoded.replace("%20", "+") : encoded;
    }
}

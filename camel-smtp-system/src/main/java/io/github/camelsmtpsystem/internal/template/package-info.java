/**
 * The template engine: Jinjava, configured and extended so that a mail template renders what Sesam's Python Jinja2
 * renders, in a sandbox. {@link io.github.camelsmtpsystem.internal.template.MailTemplates} is the way in (one per
 * endpoint); everything else here is package-private but {@link io.github.camelsmtpsystem.internal.template.RenderBounds#MAX_NESTING},
 * which the entity reader shares. How fidelity is proven, and the differences that remain, are on
 * the page {@code src/main/docs/jinja2-compatibility.adoc}.
 *
 * <h2>Where a Jinja2 feature lives</h2>
 *
 * <p>A feature not listed is Jinjava's own, unchanged (and still inside the sandbox's bounds).
 *
 * <table>
 * <caption>Jinja2 features and the classes that implement them</caption>
 * <tr><th>Jinja2</th><th>class</th></tr>
 * <tr><td>filters {@code title}, {@code capitalize}, {@code center}, {@code truncate}, {@code format},
 *     {@code replace}, {@code upper}, {@code lower}, {@code indent} (Jinjava's, bounded)</td>
 *     <td>{@code StringFilters}</td></tr>
 * <tr><td>filters {@code escape}, {@code e}, {@code forceescape}, {@code striptags}, {@code urlencode},
 *     {@code urlize}</td><td>{@code HtmlFilters}</td></tr>
 * <tr><td>filters {@code default}, {@code d}, {@code string}, {@code tojson}
 *     ({@code ToJson})</td>
 *     <td>{@code ValueFilters}</td></tr>
 * <tr><td>filters {@code length}, {@code count}, {@code first}, {@code last}, {@code reverse}, {@code list},
 *     {@code min}, {@code max}, {@code sum}, {@code unique}, {@code sort}, {@code join}, {@code batch},
 *     {@code groupby}</td><td>{@code ListFilters}</td></tr>
 * <tr><td>filters {@code items}, {@code dictsort}</td>
 *     <td>{@code DictFilters}</td></tr>
 * <tr><td>filters {@code round}, {@code filesizeformat}</td>
 *     <td>{@code NumberFilters}</td></tr>
 * <tr><td>filters {@code abs}, {@code attr}, {@code float}, {@code int}, {@code map}, {@code pprint},
 *     {@code random}, {@code reject}, {@code rejectattr}, {@code safe}, {@code select}, {@code selectattr},
 *     {@code slice}, {@code trim}, {@code wordcount}, {@code wordwrap}, {@code xmlattr}</td>
 *     <td>Jinjava's ({@code com.hubspot.jinjava.lib.filter})</td></tr>
 * <tr><td>how every filter is made and reads its arguments; the bounds of {@code center}, {@code indent},
 *     {@code format}, {@code batch}, {@code round}; the render's bounds around every filter</td>
 *     <td>{@code Filters},
 *     {@code BoundedFilter},
 *     {@code TemplateSandbox.guardFilters}</td></tr>
 * <tr><td>Python's {@code len()}, {@code list()}, iteration and ordering, shared by the filters and {@code for}</td>
 *     <td>{@code Sequences}</td></tr>
 * <tr><td>tests {@code none}, {@code defined}, {@code undefined}, {@code sequence}, {@code filter},
 *     {@code test} (the others are Jinjava's)</td>
 *     <td>{@code IsTests}</td></tr>
 * <tr><td>function {@code range}</td><td>{@code RangeFunction}</td></tr>
 * <tr><td>tags {@code for} (with {@code else}, inline {@code if}), {@code if}/{@code elif}, {@code filter},
 *     {@code with}; {@code loop.previtem}, {@code loop.nextitem}, {@code loop.changed()}</td>
 *     <td>{@code ForTag},
 *     {@code IfTag},
 *     {@code FilterTag},
 *     {@code WithTag},
 *     {@code LoopVariable}; the other tags are Jinjava's
 *     ({@code include}, {@code import}, {@code from}, {@code extends} disabled)</td></tr>
 * <tr><td>operators {@code ==}, {@code !=}, {@code and}, {@code or}, {@code +}, {@code -}, {@code *},
 *     {@code **}, {@code %} (numbers; on text: {@code PythonText}),
 *     {@code ~}; chained comparisons ({@code 0 < x < 20}), unary {@code +}</td>
 *     <td>{@code Operators},
 *     {@code ExpressionParser}</td></tr>
 * <tr><td>{@code name}, {@code a.b}, {@code a['b']}, {@code text[1:3]}</td>
 *     <td>{@code VariableAccess}</td></tr>
 * <tr><td>undefined values in the modes {@code debug}, {@code empty_string}, {@code strict}</td>
 *     <td>{@code TemplateUndefined}</td></tr>
 * <tr><td>printing a value ({@code str()}: {@code True}, {@code None}, {@code ['a']}, floats as {@code repr}),
 *     truth, {@code None}</td>
 *     <td>{@code Values},
 *     {@code PythonInterpreter},
 *     {@code PythonTypeConverter}</td></tr>
 * <tr><td>methods of {@code str} ({@code name.upper()}, {@code '{:.2f}'.format(x)}, ...) and {@code dict.get}</td>
 *     <td>{@code StringMethods},
 *     {@code DictMethods}</td></tr>
 * <tr><td>Python's text algorithms: code-point lengths and slices, {@code title}, {@code center}, {@code %} and
 *     {@code format} formatting</td><td>{@code PythonText}</td></tr>
 * </table>
 *
 * <h2>The sandbox and the render</h2>
 *
 * <p>{@code TemplateSandbox} keeps templates from Java methods;
 * {@link io.github.camelsmtpsystem.internal.template.RenderBounds} bounds a render's time, output and memory;
 * {@code TemplateScan} refuses a template too long or too deeply nested
 * before it is parsed; {@code ParsedTemplates} keeps the parsed trees, so
 * that a template is parsed once per distinct text; {@code ReusableInterpreter} lets the next render use an
 * interpreter that ended its last render cleanly, from nothing but its entity again.
 */
package io.github.camelsmtpsystem.internal.template;

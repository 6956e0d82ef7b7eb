package org.bragg.params;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bragg.params.internal.PhilLexer;
import org.bragg.params.internal.PhilParser;
import org.bragg.params.internal.PhilWriter;
import org.bragg.params.internal.Schema;
import org.bragg.params.internal.Session;
import org.bragg.params.internal.Tree;
import org.bragg.params.internal.Word;

/**
 * The PHIL codec: reads command-line arguments and {@code .phil} files into immutable parameter
 * records, and writes records back as PHIL text, following the semantics of libtbx PHIL as used by
 * DIALS ({@code dials.find_spots spotfinder.filter.min_spot_size=3 my.phil}).
 *
 * <h2>Parameter records</h2>
 * A program's parameters are a tree of records nested like its DIALS scope. Each record component is
 * a definition of a leaf type, a nested record (a scope), or a {@code List} of records (a repeatable
 * scope, {@code .multiple = True}, like {@code untrusted}); {@link Param} gives its name, help, unit,
 * bounds and expert level, and {@link Scope} names the root's enclosing scope. The compact constructor
 * may check values and throw {@code IllegalArgumentException}; it is reported as a
 * {@link ParameterException} naming the scope path.
 *
 * <p><b>Defaults</b> come only from code: the root record type and every record used in a repeatable
 * scope must declare {@code public static T defaults()} returning a fully populated instance (no
 * nulls). Nested scope records take their defaults from the root's {@code defaults()}. There are no
 * string defaults in annotations.
 *
 * <h2>Leaf types</h2>
 * <table>
 * <caption>Java types and their PHIL form</caption>
 * <tr><th>Java</th><th>PHIL {@code .type}</th><th>written</th><th>read</th></tr>
 * <tr><td>{@code boolean}</td><td>bool</td><td>{@code True}/{@code False}</td><td>also true/false, yes/no, 1/0</td></tr>
 * <tr><td>{@code int}, {@code long}</td><td>{@code int(value_min=..)}</td><td>{@code 3}</td><td>{@code 3}, {@code 3.0}, {@code 1e3}</td></tr>
 * <tr><td>{@code double}</td><td>{@code float}</td><td>Python {@code %.10g}</td><td>Python float syntax, {@code inf}, {@code nan}</td></tr>
 * <tr><td>{@code String}, {@code Path}</td><td>str, path</td><td>{@code "quoted"}</td><td>words joined by one space</td></tr>
 * <tr><td>enum</td><td>choice</td><td>{@code *none drmaa sge} (constants lowercased, selected starred)</td><td>{@code sge}, {@code *sge}, or the full starred list</td></tr>
 * <tr><td>{@code Set<enum>}</td><td>{@code choice(multi=True)}</td><td>{@code *a *b c}</td><td>starred list, or {@code a+b}</td></tr>
 * <tr><td>{@code int[]}, {@code double[]}</td><td>{@code ints(size=2)}, {@code floats}</td><td>{@code 3 3}; empty array = {@code None}</td><td>space- or comma-separated ({@code 3,3})</td></tr>
 * <tr><td>{@code OptionalInt}, {@code OptionalLong}, {@code OptionalDouble}, {@code Optional<String|Path|enum>}</td>
 *     <td>{@code ...(allow_none=True)}</td><td>empty as {@code None}, or {@code Auto} with {@link Param#auto()}</td><td>{@code None} or {@code Auto} = empty</td></tr>
 * <tr><td>{@code List<String|Path|Integer|Long|Double|enum|int[]|double[]>}</td><td>{@code .multiple = True}</td><td>one line per element; empty = {@code None}</td><td>see below</td></tr>
 * </table>
 *
 * <h2>Reading</h2>
 * Names are full dotted paths or any unique component-wise suffix ({@code min_spot_size},
 * {@code filter.min_spot_size}); an exact path wins over longer paths it is a suffix of. Inside a
 * <code>scope { }</code> block of a file, names are resolved relative to that scope. Later assignments
 * override earlier ones, across arguments and files. For multiple definitions and repeatable scopes the
 * first assignment replaces the default list and later ones add to it; {@code None} empties a multiple
 * definition. Each <code>untrusted { ... }</code> block, and each dotted assignment such as
 * {@code untrusted.circle=1,2,3}, adds one instance of a repeatable scope; instances equal to the
 * element defaults or to an earlier instance are dropped. Unlike DIALS, an ambiguous suffix is always an
 * error (DIALS prefers the lower expert level with a warning), and a suffix must match whole components.
 *
 * <h2>Writing</h2>
 * {@link #format(Record, boolean) format(p, false)} writes the nested form DIALS shows with {@code -c}
 * (empty repeatable scopes as their template, as DIALS does); {@code format(p, true)} writes only the
 * changed definitions, as {@code full.path = value} lines. {@link #diff(Record)} gives the log block
 * "The following parameters have been modified:" followed by the nested diff, as DIALS logs it. Text
 * written by either form reads back to an equal record.
 *
 * <p>All methods are thread safe; record metadata is read by reflection once per class and cached.
 * Invalid parameter record types (unsupported component type, missing {@code defaults()}, duplicate
 * names, nulls in defaults) are programmer errors and throw {@code IllegalArgumentException}.
 *
 * @since 0.1
 */
public final class Phil {

    /** An argument that is an assignment: a dotted name, optional spaces, "=". */
    private static final Pattern ASSIGNMENT = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*=(.*)", Pattern.DOTALL);
    /** An argument that is a PHIL scope block: a dotted name, optional spaces, "{". */
    private static final Pattern BLOCK = Pattern.compile("\\s*[A-Za-z_][A-Za-z0-9_.]*\\s*\\{.*", Pattern.DOTALL);

    private Phil() {
    }

    /**
     * Reads command-line arguments into parameters, starting from {@code type}'s {@code defaults()}.
     * Each argument, in order, is:
     * <ul>
     * <li>a PHIL file if it ends with {@code .phil} (it must exist);</li>
     * <li>positional if it names an existing file;</li>
     * <li>an assignment {@code name=value} if it starts with a dotted name and {@code =}; the value is
     * split into words at spaces, quotes group words, nothing else is special ({@code kernel_size=3,3},
     * {@code "title=a b"});</li>
     * <li>PHIL text if it starts with a name and <code>{</code>
     * (<code>"spotfinder.filter { min_spot_size=3 }"</code>);</li>
     * <li>positional otherwise (input files, options for the caller such as {@code -v}).</li>
     * </ul>
     *
     * @param <P>  the root parameter record type
     * @param args command-line arguments, as the shell passed them
     * @param type the root parameter record type (with {@code defaults()})
     * @return the parameters and the positional arguments
     * @throws ParameterException       if a name is unknown or ambiguous, a value is invalid or out of
     *                                  range, a {@code .phil} file is missing, unreadable or malformed, or a
     *                                  record constructor rejects the result
     * @throws IllegalArgumentException if {@code type} is not a valid parameter record type
     */
    public static <P extends Record> Parsed<P> parse(List<String> args, Class<P> type) throws ParameterException {
        Objects.requireNonNull(type, "type");
        return parse(args, defaults(type));
    }

    /**
     * Like {@link #parse(List, Class)}, but starting from {@code base} instead of the defaults (for
     * example, the parameters of a previous run). Lists in {@code base} are replaced by the first
     * assignment to them, as defaults are.
     *
     * @param <P>  the root parameter record type
     * @param args command-line arguments
     * @param base the parameters to start from
     * @return the parameters and the positional arguments
     * @throws ParameterException as {@link #parse(List, Class)}
     */
    @SuppressWarnings("unchecked")
    public static <P extends Record> Parsed<P> parse(List<String> args, P base) throws ParameterException {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(base, "base");
        Tree tree = Tree.of(base.getClass());
        Session session = new Session(tree, base);
        List<String> positional = new ArrayList<>();
        for (String arg : args) {
            Objects.requireNonNull(arg, "argument");
            if (arg.endsWith(".phil")) {
                readFile(session, arg);
                continue;
            }
            if (isExistingFile(arg)) {
                positional.add(arg);
                continue;
            }
            Matcher m = ASSIGNMENT.matcher(arg);
            if (m.matches()) {
                session.reset(null);
                assign(session, m.group(1), m.group(2));
                continue;
            }
            if (BLOCK.matcher(arg).matches()) {
                session.reset("command-line argument \"" + arg + "\"");
                PhilParser.parse(arg, "command-line argument", session);
                continue;
            }
            positional.add(arg);
        }
        return new Parsed<>((P) session.build(), positional);
    }

    private static boolean isExistingFile(String arg) {
        try {
            return Files.isRegularFile(Path.of(arg));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static void readFile(Session session, String arg) throws ParameterException {
        Path p;
        try {
            p = Path.of(arg);
        } catch (InvalidPathException e) {
            throw new ParameterException("Invalid PHIL file name " + arg + ": " + e.getReason());
        }
        if (!Files.isRegularFile(p)) {
            throw new ParameterException("PHIL file not found: " + arg);
        }
        String text;
        try {
            text = Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ParameterException("Cannot read PHIL file " + arg + ": " + e.getMessage(), null, e);
        }
        String name = p.getFileName().toString();
        session.reset(name);
        PhilParser.parse(text, name, session);
    }

    private static void assign(Session session, String name, String value) throws ParameterException {
        List<Word> words;
        try {
            words = PhilLexer.splitValue(value);
        } catch (PhilLexer.ParseError e) {
            throw new ParameterException(name + ": " + e.getMessage(), null, null);
        }
        if (words.isEmpty()) {
            throw new ParameterException("Missing value for " + name + " (write " + name + "=None to unset it)");
        }
        session.assign(new Word(name, false, 0), words);
    }

    /**
     * The default parameters of a root type: its {@code defaults()}.
     *
     * @param <P>  the root parameter record type
     * @param type the root parameter record type
     * @return {@code type.defaults()}
     * @throws IllegalArgumentException if {@code type} is not a valid parameter record type
     */
    @SuppressWarnings("unchecked")
    public static <P extends Record> P defaults(Class<P> type) {
        return (P) Tree.of(type).root.defaults();
    }

    /**
     * A copy of {@code params} with one definition changed, as the assignment {@code path=value} on the
     * command line would change it (used by forms). For a multiple definition the list becomes the one
     * value ({@code None}: empty); for a definition inside a repeatable scope the list becomes one new
     * instance with that value.
     *
     * @param <P>    the root parameter record type
     * @param params the parameters to copy
     * @param path  full path or unique suffix of a definition
     * @param value the value as it would be typed after {@code =} ({@code 3,3}, {@code Auto}, {@code None})
     * @return the changed copy
     * @throws ParameterException if the path is unknown or ambiguous, or the value is invalid
     */
    @SuppressWarnings("unchecked")
    public static <P extends Record> P with(P params, String path, String value) throws ParameterException {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(value, "value");
        Tree tree = Tree.of(params.getClass());
        if (!org.bragg.params.internal.Names.isPath(path)) {
            throw new ParameterException("Invalid parameter name \"" + path + "\"", null, null);
        }
        Session session = new Session(tree, params);
        assign(session, path, value);
        return (P) session.build();
    }

    /**
     * PHIL text of {@code params}.
     *
     * @param params   a record of a root parameter type
     * @param diffOnly false: the full nested form (what {@code -c} shows, with current values);
     *                 true: only definitions that differ from {@code defaults()}, one
     *                 {@code spotfinder.filter.min_spot_size = 3} line each (repeatable scope instances as
     *                 <code>path { ... }</code> blocks), or "" if nothing differs
     * @return text ending in a newline, or ""
     */
    public static String format(Record params, boolean diffOnly) {
        Objects.requireNonNull(params, "params");
        Tree tree = Tree.of(params.getClass());
        if (diffOnly) {
            return new PhilWriter(-1, 0).dottedDiff(tree, params, tree.root.defaults());
        }
        return new PhilWriter(-1, 0).full(tree, params);
    }

    /**
     * The block DIALS programs log after their version line: {@code "The following parameters have been
     * modified:\n\n"} then the changed definitions in nested form, or "" when nothing differs from the
     * defaults. Logging it as one message reproduces the DIALS log byte for byte (DIALS ends the block
     * with an empty line).
     *
     * @param params a record of a root parameter type
     * @return the block, or ""
     */
    public static String diff(Record params) {
        Objects.requireNonNull(params, "params");
        Tree tree = Tree.of(params.getClass());
        String nested = new PhilWriter(-1, 0).nestedDiff(tree, params, tree.root.defaults());
        return nested.isEmpty() ? "" : "The following parameters have been modified:\n\n" + nested;
    }

    /**
     * What {@code dials.<program> -c -e expertLevel -a attributesLevel} prints: a header naming the
     * levels, then the defaults in nested form.
     *
     * @param type            the root parameter record type
     * @param expertLevel     hide definitions and scopes whose {@link Param#expertLevel()} is greater;
     *                        negative shows all
     * @param attributesLevel 0: values only; 1: and {@code .help}; 2: and {@code .short_caption},
     *                        {@code .type}, {@code .multiple}, {@code .expert_level}; 3: every PHIL attribute,
     *                        unset ones as {@code None}
     * @return the text, ending with an empty line as DIALS prints it
     */
    public static String showConfig(Class<? extends Record> type, int expertLevel, int attributesLevel) {
        Tree tree = Tree.of(type);
        return "Showing configuration parameters with:\n"
                + "  attributes_level = " + attributesLevel + "\n"
                + "  expert_level = " + expertLevel + "\n\n"
                + new PhilWriter(expertLevel, attributesLevel).full(tree, tree.root.defaults()) + "\n";
    }

    /**
     * All definitions of a root type, in declaration order (depth first), for forms and completion.
     *
     * @param type the root parameter record type
     * @return the definitions, unmodifiable
     * @throws IllegalArgumentException if {@code type} is not a valid parameter record type
     */
    public static List<ParamDefinition> definitions(Class<? extends Record> type) {
        Tree tree = Tree.of(type);
        List<ParamDefinition> out = new ArrayList<>();
        Record defaults = tree.root.defaults();
        for (Tree.Entry e : tree.defs) {
            Schema.Def d = (Schema.Def) e.last();
            Record owner = defaults;
            for (Schema.Node n : e.chain().subList(0, e.chain().size() - 1)) {
                Schema.Sub sub = (Schema.Sub) n;
                owner = sub.repeatable ? sub.schema.defaults() : (Record) sub.get(owner);
            }
            List<String> texts = new ArrayList<>();
            for (List<String> words : d.words(owner)) {
                texts.add(String.join(" ", words));
            }
            String defaultText = texts.isEmpty() ? "None" : String.join(", ", texts);
            out.add(new ParamDefinition(e.path(), d.javaType(), d.help, d.unit, d.min,
                    d.max, e.expertLevel(), d.codec.choices(), defaultText, d.caption, d.philType(), d.multiple));
        }
        return List.copyOf(out);
    }
}

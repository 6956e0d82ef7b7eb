package org.bragg.params.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes parameter records as PHIL text with the layout of libtbx {@code scope.show()}: two-space
 * indentation, {@code name = words} lines wrapped with {@code \} before column 79, attributes under
 * each object at attribute levels 1-3, objects above an expert level hidden.
 */
public final class PhilWriter {

    static final int WIDTH = 79;

    private final int expertLevel;
    private final int attributesLevel;

    /**
     * @param expertLevel     hide objects with a higher expert level; negative shows everything
     * @param attributesLevel 0 none, 1 {@code .help}, 2 all set attributes, 3 all attributes
     */
    public PhilWriter(int expertLevel, int attributesLevel) {
        this.expertLevel = expertLevel;
        this.attributesLevel = attributesLevel;
    }

    private boolean hidden(Schema.Node n) {
        return expertLevel >= 0 && n.expertLevel > expertLevel;
    }

    // ---------------------------------------------------------------- full form

    /** The full nested form of {@code r} (a record of the tree's root type). */
    public String full(Tree t, Record r) {
        StringBuilder out = new StringBuilder();
        String prefix = openRoot(out, t);
        body(out, prefix, t.root, r);
        closeRoot(out, t);
        return out.toString();
    }

    private String openRoot(StringBuilder out, Tree t) {
        String prefix = "";
        for (int k = 0; k < t.rootName.size(); k++) {
            boolean last = k == t.rootName.size() - 1;
            scopeHeader(out, prefix, t.rootName.get(k), last ? t.rootHelp : "", "", 0, false);
            prefix += "  ";
        }
        return prefix;
    }

    private static void closeRoot(StringBuilder out, Tree t) {
        for (int k = t.rootName.size() - 1; k >= 0; k--) {
            out.append("  ".repeat(k)).append("}\n");
        }
    }

    private void body(StringBuilder out, String prefix, Schema s, Record r) {
        for (Schema.Node n : s.nodes) {
            if (hidden(n)) {
                continue;
            }
            if (n instanceof Schema.Def d) {
                List<List<String>> all = d.words(r);
                if (all.isEmpty()) {
                    all = List.of(List.of("None"));
                }
                for (List<String> words : all) {
                    definition(out, prefix, d.name, words);
                    defAttributes(out, prefix, d);
                }
            } else {
                Schema.Sub sub = (Schema.Sub) n;
                for (Record child : instances(sub, r)) {
                    scopeHeader(out, prefix, sub.name, sub.help, sub.caption, sub.expertLevel, sub.repeatable);
                    body(out, prefix + "  ", sub.schema, child);
                    out.append(prefix).append("}\n");
                }
            }
        }
    }

    /** The records to show for a scope: the instance, or the list (its template when empty). */
    private static List<Record> instances(Schema.Sub sub, Record r) {
        Object v = sub.get(r);
        if (!sub.repeatable) {
            return List.of((Record) v);
        }
        List<?> list = (List<?>) v;
        if (list.isEmpty()) {
            return List.of(sub.schema.defaults());
        }
        List<Record> out = new ArrayList<>();
        for (Object o : list) {
            out.add((Record) o);
        }
        return out;
    }

    /** Canonical text of a record of {@code s}, used to compare values (arrays included). */
    public static String canonical(Schema s, Record r) {
        StringBuilder out = new StringBuilder();
        new PhilWriter(-1, 0).body(out, "", s, r);
        return out.toString();
    }

    // ---------------------------------------------------------------- diff forms

    /** The nested form of the definitions of {@code r} that differ from {@code d}; "" if none. */
    public String nestedDiff(Tree t, Record r, Record d) {
        StringBuilder inner = new StringBuilder();
        String prefix = "  ".repeat(t.rootName.size());
        if (!diffBody(inner, prefix, t.root, r, d)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < t.rootName.size(); k++) {
            out.append("  ".repeat(k)).append(t.rootName.get(k)).append(" {\n");
        }
        out.append(inner);
        closeRoot(out, t);
        return out.toString();
    }

    private boolean diffBody(StringBuilder out, String prefix, Schema s, Record r, Record d) {
        boolean any = false;
        for (Schema.Node n : s.nodes) {
            if (n instanceof Schema.Def def) {
                List<List<String>> rw = def.words(r);
                if (!rw.equals(def.words(d))) {
                    for (List<String> words : rw.isEmpty() ? List.of(List.of("None")) : rw) {
                        definition(out, prefix, def.name, words);
                    }
                    any = true;
                }
            } else {
                Schema.Sub sub = (Schema.Sub) n;
                if (!sub.repeatable) {
                    StringBuilder inner = new StringBuilder();
                    if (diffBody(inner, prefix + "  ", sub.schema, (Record) sub.get(r), (Record) sub.get(d))) {
                        out.append(prefix).append(sub.name).append(" {\n").append(inner).append(prefix).append("}\n");
                        any = true;
                    }
                } else if (repeatsDiffer(sub, r, d)) {
                    Record template = sub.schema.defaults();
                    List<?> list = (List<?>) sub.get(r);
                    if (list.isEmpty()) {
                        // an empty block: replaces the default list, and its instance (equal to the template) is dropped
                        out.append(prefix).append(sub.name).append(" {\n").append(prefix).append("}\n");
                    }
                    for (Object o : list) {
                        out.append(prefix).append(sub.name).append(" {\n");
                        diffBody(out, prefix + "  ", sub.schema, (Record) o, template);
                        out.append(prefix).append("}\n");
                    }
                    any = true;
                }
            }
        }
        return any;
    }

    private static boolean repeatsDiffer(Schema.Sub sub, Record r, Record d) {
        List<?> a = (List<?>) sub.get(r);
        List<?> b = (List<?>) sub.get(d);
        if (a.size() != b.size()) {
            return true;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!canonical(sub.schema, (Record) a.get(i)).equals(canonical(sub.schema, (Record) b.get(i)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The dotted form of the definitions of {@code r} that differ from {@code d}: one
     * {@code full.path = value} line each; repeatable scope instances as {@code full.path { ... }} blocks.
     */
    public String dottedDiff(Tree t, Record r, Record d) {
        StringBuilder out = new StringBuilder();
        String root = t.rootPath();
        dotted(out, root.isEmpty() ? "" : root + ".", t.root, r, d);
        return out.toString();
    }

    private void dotted(StringBuilder out, String path, Schema s, Record r, Record d) {
        for (Schema.Node n : s.nodes) {
            if (n instanceof Schema.Def def) {
                List<List<String>> rw = def.words(r);
                if (!rw.equals(def.words(d))) {
                    for (List<String> words : rw.isEmpty() ? List.of(List.of("None")) : rw) {
                        definition(out, "", path + def.name, words);
                    }
                }
            } else {
                Schema.Sub sub = (Schema.Sub) n;
                if (!sub.repeatable) {
                    dotted(out, path + sub.name + ".", sub.schema, (Record) sub.get(r), (Record) sub.get(d));
                } else if (repeatsDiffer(sub, r, d)) {
                    Record template = sub.schema.defaults();
                    List<?> list = (List<?>) sub.get(r);
                    if (list.isEmpty()) {
                        // an empty block: replaces the default list, and its instance (equal to the template) is dropped
                        out.append(path).append(sub.name).append(" {\n}\n");
                    }
                    for (Object o : list) {
                        out.append(path).append(sub.name).append(" {\n");
                        diffBody(out, "  ", sub.schema, (Record) o, template);
                        out.append("}\n");
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- lines and attributes

    /** A definition line, wrapped like libtbx {@code definition.show()}. */
    static void definition(StringBuilder out, String prefix, String name, List<String> words) {
        String line = prefix + name + " =";
        int indent = line.length();
        String pad = " ".repeat(indent);
        for (String w : words) {
            String plus = line + " " + w;
            if (plus.length() > WIDTH - 2 && line.length() > indent) {
                out.append(line).append(" \\\n");
                line = pad + " " + w;
            } else {
                line = plus;
            }
        }
        out.append(line).append('\n');
    }

    private void defAttributes(StringBuilder out, String prefix, Schema.Def d) {
        if (attributesLevel <= 0) {
            return;
        }
        boolean all = attributesLevel > 2;
        String[][] attrs = {
            {"help", d.help.isEmpty() ? null : d.help, "s"},
            {"caption", null, "s"},
            {"short_caption", d.caption.isEmpty() ? null : d.caption, "s"},
            {"optional", null, ""},
            {"type", d.philType(), ""},
            {"multiple", d.multiple ? "True" : null, ""},
            {"input_size", null, ""},
            {"style", null, "s"},
            {"expert_level", d.expertLevel > 0 ? Integer.toString(d.expertLevel) : null, ""},
        };
        attributes(out, prefix, attrs, all);
    }

    private void scopeHeader(StringBuilder out, String prefix, String name, String help, String caption, int expert,
            boolean multiple) {
        StringBuilder attrs = new StringBuilder();
        if (attributesLevel > 0) {
            boolean all = attributesLevel > 2;
            String[][] a = {
                {"style", null, "s"},
                {"help", help.isEmpty() ? null : help, "s"},
                {"caption", null, "s"},
                {"short_caption", caption.isEmpty() ? null : caption, "s"},
                {"optional", null, ""},
                {"call", null, ""},
                {"multiple", multiple ? "True" : null, ""},
                {"sequential_format", null, ""},
                {"disable_add", null, ""},
                {"disable_delete", null, ""},
                {"expert_level", expert > 0 ? Integer.toString(expert) : null, ""},
            };
            attributes(attrs, prefix, a, all);
        }
        if (attrs.length() == 0) {
            out.append(prefix).append(name).append(" {\n");
        } else {
            out.append(prefix).append(name).append('\n').append(attrs).append(prefix).append("{\n");
        }
    }

    /** libtbx {@code show_attributes}: help always (level >= 1), set attributes at 2, all at 3. */
    private void attributes(StringBuilder out, String prefix, String[][] attrs, boolean all) {
        for (String[] a : attrs) {
            String name = a[0];
            String value = a[1];
            boolean isString = a[2].equals("s");
            if (!((name.equals("help") && value != null) || (value != null && attributesLevel > 1) || all)) {
                continue;
            }
            if (value == null || !isString) {
                out.append(prefix).append("  .").append(name).append(" = ").append(value == null ? "None" : value)
                        .append('\n');
                continue;
            }
            String indent = " ".repeat(prefix.length() + 3 + name.length() + 3);
            boolean fits = (indent + value).length() < WIDTH;
            if (!Names.isPath(value) || !fits) {
                value = Names.quote(value);
                fits = (indent + value).length() < WIDTH;
            }
            if (fits) {
                out.append(prefix).append("  .").append(name).append(" = ").append(value).append('\n');
            } else {
                boolean first = true;
                for (String block : lineBreaker(value.substring(1, value.length() - 1), WIDTH - 2 - indent.length())) {
                    if (first) {
                        out.append(prefix).append("  .").append(name).append(" = \"").append(block).append("\"\n");
                        first = false;
                    } else {
                        out.append(indent).append('"').append(block).append("\"\n");
                    }
                }
            }
        }
    }

    /** libtbx {@code str_utils.line_breaker}: blocks of at most about {@code width} characters, split at spaces. */
    static List<String> lineBreaker(String s, int width) {
        List<String> out = new ArrayList<>();
        if (width <= 0 || s.isEmpty()) {
            out.add(s);
            return out;
        }
        int start = 0;
        int lastSpace = -1;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ' ') {
                lastSpace = i;
            }
            if (i - start >= width && lastSpace >= 0) {
                out.add(s.substring(start, lastSpace));
                start = lastSpace + 1;
                lastSpace = -1;
            }
        }
        if (start < s.length()) {
            out.add(s.substring(start));
        }
        return out;
    }
}

package org.bragg.params.internal;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

import org.bragg.params.ParameterException;

/**
 * Applies PHIL assignments to a mutable copy of a parameter record tree, then rebuilds the records.
 * One session per {@code Phil.parse} or {@code Phil.with} call; not thread safe.
 *
 * <p>Rules: a name is a full path or a unique component-wise suffix of one, relative to the enclosing
 * block; later assignments override earlier ones. For {@code .multiple} definitions and repeatable
 * scopes the first assignment in a session replaces the starting list and later ones add to it; an
 * unquoted {@code None} empties a multiple definition. Each assignment through a repeatable scope
 * outside a block of it, and each block of it, adds a new instance, which starts from the element
 * record's {@code defaults()}; new instances equal to those defaults or to an earlier instance are
 * dropped (as libtbx does).
 */
public final class Session implements PhilParser.Handler {

    /** Mutable mirror of one record. */
    static final class MScope {
        final Schema schema;
        final Object[] slots;
        final boolean[] touched;
        final boolean fresh;

        MScope(Schema schema, Record r, boolean fresh) {
            this.schema = schema;
            this.fresh = fresh;
            this.slots = new Object[schema.nodes.size()];
            this.touched = new boolean[slots.length];
            for (Schema.Node n : schema.nodes) {
                Object v = n.get(r);
                if (v == null) {
                    throw new IllegalArgumentException("Component " + n.component.getName() + " of "
                            + schema.type.getName() + " is null; parameter records must not hold nulls"
                            + " (use Optional, an empty array or an empty list)");
                }
                if (n instanceof Schema.Sub sub) {
                    if (sub.repeatable) {
                        List<MScope> list = new ArrayList<>();
                        for (Object o : (List<?>) v) {
                            list.add(new MScope(sub.schema, (Record) o, false));
                        }
                        slots[n.index] = list;
                    } else {
                        slots[n.index] = new MScope(sub.schema, (Record) v, false);
                    }
                } else if (((Schema.Def) n).multiple) {
                    slots[n.index] = new ArrayList<>((List<?>) v);
                } else {
                    slots[n.index] = v;
                }
            }
        }
    }

    private record Ctx(MScope inst, int depth, String path) {
    }

    private final Tree tree;
    private final MScope top;
    private final Deque<Ctx> stack = new ArrayDeque<>();
    private String source;

    /** Starts from {@code base}, a record of the tree's root type. */
    public Session(Tree tree, Record base) {
        this.tree = tree;
        this.top = new MScope(tree.root, base, false);
        reset(null);
    }

    /**
     * Sets the name of the text being read, for messages (null for command-line arguments, which
     * are then not located), and returns to the top level.
     */
    public void reset(String sourceName) {
        this.source = sourceName;
        stack.clear();
        stack.push(tree.rootName.isEmpty() ? new Ctx(top, 0, "") : new Ctx(null, 0, ""));
    }

    private String at(Word w) {
        return source == null ? "" : " (" + source + ", line " + w.line() + ")";
    }

    // ---------------------------------------------------------------- Handler

    @Override
    public void open(Word name) throws ParameterException {
        Ctx ctx = stack.peek();
        Tree.Entry e = resolve(name, ctx, true);
        MScope inst = walk(e, ctx, e.comps().length);
        stack.push(new Ctx(inst, e.comps().length, e.path()));
    }

    @Override
    public void close() {
        stack.pop();
    }

    @Override
    public void assign(Word name, List<Word> words) throws ParameterException {
        Ctx ctx = stack.peek();
        Tree.Entry e = resolve(name, ctx, false);
        MScope inst = walk(e, ctx, e.comps().length - 1);
        Schema.Def d = (Schema.Def) e.last();
        int k = d.index;
        if (d.multiple) {
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) inst.slots[k];
            if (!inst.touched[k]) {
                list.clear();
                inst.touched[k] = true;
            }
            if (words.size() == 1 && words.get(0).is("None")) {
                list.clear();
            } else {
                list.add(convert(d, e.path(), name, words));
            }
        } else {
            inst.slots[k] = convert(d, e.path(), name, words);
        }
    }

    private Object convert(Schema.Def d, String path, Word at, List<Word> words) throws ParameterException {
        try {
            return d.codec.parse(words);
        } catch (Codec.BadValue bad) {
            StringJoiner found = new StringJoiner(" ");
            for (Word w : words) {
                found.add(w.value());
            }
            String detail = bad.detail() == null ? "" : " (" + bad.detail() + ")";
            throw new ParameterException("Invalid value for " + path + ": expected " + d.codec.expected() + ", found \""
                    + found + "\"" + detail + at(at), path, null);
        }
    }

    /** Descends from the context instance through components [ctx.depth, upto) of {@code e}. */
    private MScope walk(Tree.Entry e, Ctx ctx, int upto) {
        MScope inst = ctx.inst();
        int rootDepth = tree.rootName.size();
        for (int k = ctx.depth(); k < upto; k++) {
            if (k < rootDepth) {
                inst = k == rootDepth - 1 ? top : null;
                continue;
            }
            Schema.Sub sub = (Schema.Sub) e.chain().get(k - rootDepth);
            if (sub.repeatable) {
                @SuppressWarnings("unchecked")
                List<MScope> list = (List<MScope>) inst.slots[sub.index];
                if (!inst.touched[sub.index]) {
                    list.clear();
                    inst.touched[sub.index] = true;
                }
                MScope fresh = new MScope(sub.schema, sub.schema.defaults(), true);
                list.add(fresh);
                inst = fresh;
            } else {
                inst = (MScope) inst.slots[sub.index];
            }
        }
        return inst;
    }

    // ---------------------------------------------------------------- name resolution

    private Tree.Entry resolve(Word nameWord, Ctx ctx, boolean wantScope) throws ParameterException {
        String name = nameWord.value();
        String[] want = name.split("\\.");
        List<Tree.Entry> pool = within(wantScope ? tree.scopes : tree.defs, ctx);
        Tree.Entry exact = null;
        List<Tree.Entry> hits = new ArrayList<>();
        for (Tree.Entry e : pool) {
            String[] c = e.comps();
            int rel = c.length - ctx.depth();
            if (rel < want.length) {
                continue;
            }
            if (Arrays.equals(c, c.length - want.length, c.length, want, 0, want.length)) {
                hits.add(e);
                if (rel == want.length) {
                    exact = e;
                }
            }
        }
        if (exact != null) {
            return exact;
        }
        if (hits.size() == 1) {
            return hits.get(0);
        }
        String kind = wantScope ? "scope" : "parameter";
        String in = ctx.path().isEmpty() ? "" : " in scope " + ctx.path();
        if (hits.size() > 1) {
            StringJoiner j = new StringJoiner(", ");
            for (Tree.Entry e : hits) {
                j.add(e.path());
            }
            throw new ParameterException("Ambiguous " + kind + " \"" + name + "\"" + in + at(nameWord) + " matches: " + j,
                    null, null);
        }
        // not found: is it the other kind?
        for (Tree.Entry e : within(wantScope ? tree.defs : tree.scopes, ctx)) {
            String[] c = e.comps();
            if (c.length - ctx.depth() >= want.length
                    && Arrays.equals(c, c.length - want.length, c.length, want, 0, want.length)) {
                String msg = wantScope
                        ? "\"" + name + "\"" + in + at(nameWord) + " is a parameter (" + e.path() + "), not a scope;"
                                + " write " + name + " = value"
                        : "\"" + name + "\"" + in + at(nameWord) + " is a scope (" + e.path() + "), not a parameter;"
                                + " write " + name + ".<name>=value or " + name + " { ... }";
                throw new ParameterException(msg, e.path(), null);
            }
        }
        List<String> similar = Suggest.similar(name, pool, ctx.depth(), 5);
        String msg = "Unknown " + kind + " \"" + name + "\"" + in + at(nameWord) + "."
                + (similar.isEmpty() ? "" : " Did you mean: " + String.join(", ", similar) + "?");
        throw new ParameterException(msg, null, null);
    }

    private static List<Tree.Entry> within(List<Tree.Entry> all, Ctx ctx) {
        if (ctx.path().isEmpty()) {
            return all;
        }
        String prefix = ctx.path() + ".";
        List<Tree.Entry> out = new ArrayList<>();
        for (Tree.Entry e : all) {
            if (e.path().startsWith(prefix)) {
                out.add(e);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- building

    /**
     * Rebuilds the records.
     *
     * @throws ParameterException if a record constructor rejects the values (IllegalArgumentException)
     */
    public Record build() throws ParameterException {
        return build(top, tree.rootPath());
    }

    private Record build(MScope m, String path) throws ParameterException {
        Object[] args = new Object[m.slots.length];
        for (Schema.Node n : m.schema.nodes) {
            Object v = m.slots[n.index];
            String childPath = path.isEmpty() ? n.name : path + "." + n.name;
            if (n instanceof Schema.Sub sub) {
                if (sub.repeatable) {
                    List<Record> out = new ArrayList<>();
                    Set<String> seen = new HashSet<>();
                    String template = null;
                    for (Object o : (List<?>) v) {
                        MScope child = (MScope) o;
                        Record rec = build(child, childPath);
                        String text = PhilWriter.canonical(sub.schema, rec);
                        if (child.fresh) {
                            if (template == null) {
                                template = PhilWriter.canonical(sub.schema, sub.schema.defaults());
                            }
                            if (text.equals(template) || seen.contains(text)) {
                                continue;
                            }
                        }
                        seen.add(text);
                        out.add(rec);
                    }
                    args[n.index] = List.copyOf(out);
                } else {
                    args[n.index] = build((MScope) v, childPath);
                }
            } else if (((Schema.Def) n).multiple) {
                args[n.index] = List.copyOf((List<?>) v);
            } else if (v instanceof int[] a) {
                args[n.index] = a.clone();
            } else if (v instanceof double[] a) {
                args[n.index] = a.clone();
            } else {
                args[n.index] = v;
            }
        }
        try {
            return m.schema.construct(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException) {
                String where = path.isEmpty() ? "" : " in " + path;
                throw new ParameterException("Invalid parameters" + where + ": " + cause.getMessage(), path, cause);
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }
}

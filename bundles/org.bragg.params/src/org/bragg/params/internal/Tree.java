package org.bragg.params.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bragg.params.Scope;

/**
 * A root parameter type with its optional enclosing scope name ({@link Scope}) and the index of all
 * definition and scope paths used to resolve names. Cached per class; immutable.
 */
public final class Tree {

    private static final Map<Class<?>, Tree> CACHE = new ConcurrentHashMap<>();

    /** One definition or scope path. {@code chain} holds the nodes below the root name components. */
    public record Entry(String path, String[] comps, List<Schema.Node> chain, int expertLevel) {
        /** The definition or scope node at the end of the path, or null for a component of the root name. */
        public Schema.Node last() {
            return chain.isEmpty() ? null : chain.get(chain.size() - 1);
        }
    }

    public final Schema root;
    /** Components of the {@link Scope} name, empty if none. */
    public final List<String> rootName;
    public final String rootHelp;
    public final List<Entry> defs;
    public final List<Entry> scopes;

    private Tree(Schema root, List<String> rootName, String rootHelp) {
        this.root = root;
        this.rootName = rootName;
        this.rootHelp = rootHelp;
        List<Entry> d = new ArrayList<>();
        List<Entry> s = new ArrayList<>();
        for (int k = 1; k <= rootName.size(); k++) {
            s.add(new Entry(String.join(".", rootName.subList(0, k)), rootName.subList(0, k).toArray(new String[0]),
                    List.of(), 0));
        }
        collect(root, new ArrayList<>(rootName), new ArrayList<>(), 0, d, s);
        this.defs = Collections.unmodifiableList(d);
        this.scopes = Collections.unmodifiableList(s);
    }

    private static void collect(Schema schema, List<String> comps, List<Schema.Node> chain, int expert, List<Entry> defs,
            List<Entry> scopes) {
        for (Schema.Node n : schema.nodes) {
            comps.add(n.name);
            chain.add(n);
            int level = Math.max(expert, n.expertLevel);
            Entry e = new Entry(String.join(".", comps), comps.toArray(new String[0]), List.copyOf(chain), level);
            if (n instanceof Schema.Sub sub) {
                scopes.add(e);
                collect(sub.schema, comps, chain, level, defs, scopes);
            } else {
                defs.add(e);
            }
            comps.remove(comps.size() - 1);
            chain.remove(chain.size() - 1);
        }
    }

    /**
     * The tree of a root parameter type.
     *
     * @throws IllegalArgumentException if the type is not a valid parameter record (see {@link Schema#of})
     *                                  or has no {@code defaults()}
     */
    public static Tree of(Class<?> type) {
        Tree t = CACHE.get(type);
        if (t == null) {
            Schema s = Schema.of(type);
            if (!s.hasDefaults()) {
                s.defaults(); // throws the explanatory exception
            }
            Scope sc = type.getAnnotation(Scope.class);
            List<String> name = List.of();
            if (sc != null) {
                if (!Names.isPath(sc.value())) {
                    throw new IllegalArgumentException("Invalid @Scope name \"" + sc.value() + "\" on " + type.getName());
                }
                name = List.of(sc.value().split("\\."));
            }
            t = new Tree(s, name, sc == null ? "" : sc.help());
            Tree prev = CACHE.putIfAbsent(type, t);
            if (prev != null) {
                t = prev;
            }
        }
        return t;
    }

    /** The path of the root record itself ("" without {@link Scope}). */
    public String rootPath() {
        return String.join(".", rootName);
    }
}

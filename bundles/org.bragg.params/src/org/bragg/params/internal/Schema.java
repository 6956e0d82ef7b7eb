package org.bragg.params.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.bragg.params.Param;

/**
 * The PHIL view of one parameter record type: its components as definitions ({@link Def}) and scopes
 * ({@link Sub}) in declaration order, its canonical constructor and its optional {@code defaults()}.
 * Built once per class by reflection and cached; immutable and thread safe.
 */
public final class Schema {

    private static final Map<Class<?>, Schema> CACHE = new ConcurrentHashMap<>();
    private static final ThreadLocal<Deque<Class<?>>> BUILDING = ThreadLocal.withInitial(ArrayDeque::new);

    /** The record type. */
    public final Class<? extends Record> type;
    /** Components in declaration order. */
    public final List<Node> nodes;
    private final Constructor<?> ctor;
    private final Method defaultsMethod;

    /** A record component as PHIL sees it. */
    public abstract static sealed class Node permits Def, Sub {
        /** PHIL name (one component). */
        public final String name;
        /** Position among the record components. */
        public final int index;
        public final String help;
        public final String caption;
        public final String unit;
        public final int expertLevel;
        final Method accessor;
        final RecordComponent component;

        Node(RecordComponent rc, int index, Param p) {
            this.component = rc;
            this.index = index;
            this.name = p != null && !p.name().isEmpty() ? p.name() : Names.snake(rc.getName());
            this.help = p == null ? "" : p.help();
            this.caption = p == null ? "" : p.caption();
            this.unit = p == null ? "" : p.unit();
            this.expertLevel = p == null ? 0 : p.expertLevel();
            this.accessor = rc.getAccessor();
            trySetAccessible(accessor);
        }

        /** The component value of {@code r}. */
        public Object get(Record r) {
            try {
                return accessor.invoke(r);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("Cannot read " + component + " of " + r.getClass().getName(), e);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("Accessor " + accessor + " failed", e.getCause());
            }
        }
    }

    /** A definition: a leaf value, or a {@code .multiple = True} list of leaf values. */
    public static final class Def extends Node {
        /** Converts the value (for multiple definitions: one element). */
        public final Codec codec;
        /** {@code List<X>}: each assignment adds one element. */
        public final boolean multiple;
        /** Inclusive bounds (infinite if none). */
        public final double min;
        public final double max;

        Def(RecordComponent rc, int index, Param p, Codec codec, boolean multiple) {
            super(rc, index, p);
            this.codec = codec;
            this.multiple = multiple;
            this.min = p == null ? Double.NEGATIVE_INFINITY : p.min();
            this.max = p == null ? Double.POSITIVE_INFINITY : p.max();
        }

        /** The display words of this definition's value in {@code r}: one list per element if multiple. */
        public List<List<String>> words(Record r) {
            Object v = get(r);
            if (v == null) {
                throw new IllegalArgumentException("Component " + component.getName() + " of "
                        + r.getClass().getName() + " is null; parameter records must not hold nulls"
                        + " (use Optional, an empty array or an empty list)");
            }
            if (!multiple) {
                return List.of(codec.words(v));
            }
            List<List<String>> out = new ArrayList<>();
            for (Object e : (List<?>) v) {
                out.add(codec.words(e));
            }
            return out;
        }

        /** The component's class. */
        public Class<?> javaType() {
            return component.getType();
        }

        /** The PHIL {@code .type}. */
        public String philType() {
            return codec.philType();
        }
    }

    /** A nested scope: a record component, or a {@code List} of records (repeatable scope). */
    public static final class Sub extends Node {
        public final Schema schema;
        /** {@code List<Record>}: {@code .multiple = True}. */
        public final boolean repeatable;

        Sub(RecordComponent rc, int index, Param p, Schema schema, boolean repeatable) {
            super(rc, index, p);
            this.schema = schema;
            this.repeatable = repeatable;
        }
    }

    private Schema(Class<? extends Record> type, List<Node> nodes, Constructor<?> ctor, Method defaultsMethod) {
        this.type = type;
        this.nodes = nodes;
        this.ctor = ctor;
        this.defaultsMethod = defaultsMethod;
    }

    /**
     * The schema of a parameter record type.
     *
     * @throws IllegalArgumentException if the type is not a record, a component has an unsupported type,
     *                                  names clash, bounds are inconsistent, or records nest recursively
     */
    public static Schema of(Class<?> type) {
        Schema s = CACHE.get(type);
        if (s != null) {
            return s;
        }
        Deque<Class<?>> stack = BUILDING.get();
        if (stack.contains(type)) {
            throw new IllegalArgumentException("Parameter record " + type.getName() + " contains itself");
        }
        stack.push(type);
        try {
            s = build(type);
        } finally {
            stack.pop();
        }
        Schema prev = CACHE.putIfAbsent(type, s);
        return prev != null ? prev : s;
    }

    @SuppressWarnings("unchecked")
    private static Schema build(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record; parameter types must be records");
        }
        RecordComponent[] rcs = type.getRecordComponents();
        List<Node> nodes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Class<?>[] types = new Class<?>[rcs.length];
        for (int i = 0; i < rcs.length; i++) {
            RecordComponent rc = rcs[i];
            types[i] = rc.getType();
            Node n = node(type, rc, i);
            if (!Names.isName(n.name)) {
                throw new IllegalArgumentException("Invalid PHIL name \"" + n.name + "\" for " + where(type, rc));
            }
            if (!names.add(n.name)) {
                throw new IllegalArgumentException("Duplicate PHIL name \"" + n.name + "\" in " + type.getName());
            }
            nodes.add(n);
        }
        Constructor<?> ctor;
        try {
            ctor = type.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("No canonical constructor in " + type.getName(), e);
        }
        trySetAccessible(ctor);
        Method defaults = null;
        try {
            Method m = type.getDeclaredMethod("defaults");
            if (Modifier.isStatic(m.getModifiers()) && m.getReturnType() == type) {
                trySetAccessible(m);
                defaults = m;
            }
        } catch (NoSuchMethodException e) {
            // optional for records used only as nested scopes
        }
        return new Schema((Class<? extends Record>) type, Collections.unmodifiableList(nodes), ctor, defaults);
    }

    private static String where(Class<?> type, RecordComponent rc) {
        return type.getName() + "." + rc.getName();
    }

    private static Node node(Class<?> owner, RecordComponent rc, int index) {
        Param p = rc.getAnnotation(Param.class);
        Class<?> raw = rc.getType();
        Type generic = rc.getGenericType();
        if (raw.isRecord()) {
            return new Sub(rc, index, p, of(raw), false);
        }
        boolean multiple = false;
        Type leaf = generic;
        if (raw == List.class) {
            if (!(generic instanceof ParameterizedType pt)) {
                throw new IllegalArgumentException("Raw List in " + where(owner, rc));
            }
            Type arg = pt.getActualTypeArguments()[0];
            if (arg instanceof Class<?> c && c.isRecord()) {
                Schema es = of(c);
                if (es.defaultsMethod == null) {
                    throw new IllegalArgumentException("Repeatable scope element " + c.getName() + " (" + where(owner, rc)
                            + ") must declare public static " + c.getSimpleName() + " defaults()");
                }
                return new Sub(rc, index, p, es, true);
            }
            multiple = true;
            leaf = arg;
        }
        Codecs.Limits lim = limits(owner, rc, p, leaf);
        Codec codec = Codecs.forType(leaf, lim);
        boolean badElement = multiple && (leaf instanceof ParameterizedType || leaf == java.util.OptionalInt.class
                || leaf == java.util.OptionalLong.class || leaf == java.util.OptionalDouble.class);
        if (codec == null || badElement) {
            throw new IllegalArgumentException("Unsupported parameter type " + generic.getTypeName() + " of "
                    + where(owner, rc) + "; supported: boolean, int, long, double, String, Path, enums, int[], double[],"
                    + " OptionalInt, OptionalLong, OptionalDouble, Optional<String|Path|enum>, Set<enum>,"
                    + " List<leaf>, records, List<record>");
        }
        return new Def(rc, index, p, codec, multiple);
    }

    private static Codecs.Limits limits(Class<?> owner, RecordComponent rc, Param p, Type leaf) {
        if (p == null) {
            return new Codecs.Limits(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -1, -1, false);
        }
        double min = p.min();
        double max = p.max();
        if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
            throw new IllegalArgumentException("Invalid bounds min=" + min + ", max=" + max + " on " + where(owner, rc));
        }
        boolean integer = leaf == int.class || leaf == long.class || leaf == Integer.class || leaf == Long.class
                || leaf == int[].class || leaf == java.util.OptionalInt.class || leaf == java.util.OptionalLong.class;
        if (integer && ((!Double.isInfinite(min) && min != Math.rint(min))
                || (!Double.isInfinite(max) && max != Math.rint(max)))) {
            throw new IllegalArgumentException("Non-integral bounds on integer parameter " + where(owner, rc));
        }
        int sizeMin = p.sizeMin();
        int sizeMax = p.sizeMax();
        if (p.size() >= 0) {
            sizeMin = p.size();
            sizeMax = p.size();
        }
        if (sizeMin >= 0 && sizeMax >= 0 && sizeMin > sizeMax) {
            throw new IllegalArgumentException("sizeMin > sizeMax on " + where(owner, rc));
        }
        return new Codecs.Limits(min, max, sizeMin, sizeMax, p.auto());
    }

    static void trySetAccessible(java.lang.reflect.AccessibleObject o) {
        try {
            o.setAccessible(true);
        } catch (RuntimeException e) {
            // public members of exported packages still work
        }
    }

    /** True if the type declares {@code static T defaults()}. */
    public boolean hasDefaults() {
        return defaultsMethod != null;
    }

    /**
     * Calls {@code defaults()}.
     *
     * @throws IllegalArgumentException if the type has no {@code defaults()} or it returns null or throws
     */
    public Record defaults() {
        if (defaultsMethod == null) {
            throw new IllegalArgumentException("Parameter record " + type.getName() + " must declare public static "
                    + type.getSimpleName() + " defaults()");
        }
        try {
            Record r = (Record) defaultsMethod.invoke(null);
            if (r == null) {
                throw new IllegalArgumentException(type.getName() + ".defaults() returned null");
            }
            return r;
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("Cannot call " + type.getName() + ".defaults()", e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(type.getName() + ".defaults() failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Calls the canonical constructor.
     *
     * @throws InvocationTargetException if the constructor throws (its checks)
     */
    public Record construct(Object[] args) throws InvocationTargetException {
        try {
            return (Record) ctor.newInstance(args);
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("Cannot construct " + type.getName(), e);
        }
    }
}

package org.bragg.params.internal;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.StringJoiner;

import org.bragg.params.internal.Codec.BadValue;

/** The codecs for the supported leaf types, and the factory choosing one for a Java type. */
public final class Codecs {

    private Codecs() {
    }

    /** The attributes of a definition that codecs use. */
    public record Limits(double min, double max, int sizeMin, int sizeMax, boolean auto) {
        boolean hasMin() {
            return min != Double.NEGATIVE_INFINITY;
        }

        boolean hasMax() {
            return max != Double.POSITIVE_INFINITY;
        }

        String check(double v, boolean integer) {
            if (v < min) {
                return "below the minimum " + PyFormat.bound(min, integer);
            }
            if (v > max) {
                return "above the maximum " + PyFormat.bound(max, integer);
            }
            return null;
        }

        String range(boolean integer) {
            if (hasMin() && hasMax()) {
                return " in [" + PyFormat.bound(min, integer) + ", " + PyFormat.bound(max, integer) + "]";
            }
            if (hasMin()) {
                return " >= " + PyFormat.bound(min, integer);
            }
            if (hasMax()) {
                return " <= " + PyFormat.bound(max, integer);
            }
            return "";
        }

        void typeArgs(List<String> kw, boolean integer) {
            if (hasMin()) {
                kw.add("value_min=" + PyFormat.bound(min, integer));
            }
            if (hasMax()) {
                kw.add("value_max=" + PyFormat.bound(max, integer));
            }
        }
    }

    /**
     * The codec for a definition of generic type {@code type}, or null if the type is not a supported
     * leaf. {@code List<X>} is not handled here (the caller asks for the element codec).
     */
    public static Codec forType(Type type, Limits lim) {
        if (type == boolean.class) {
            return new BoolCodec();
        }
        if (type == int.class || type == Integer.class) {
            return new IntCodec(false, false, lim);
        }
        if (type == long.class || type == Long.class) {
            return new IntCodec(true, false, lim);
        }
        if (type == double.class || type == Double.class) {
            return new DoubleCodec(false, lim);
        }
        if (type == OptionalInt.class) {
            return new IntCodec(false, true, lim);
        }
        if (type == OptionalLong.class) {
            return new IntCodec(true, true, lim);
        }
        if (type == OptionalDouble.class) {
            return new DoubleCodec(true, lim);
        }
        if (type == String.class) {
            return new StrCodec(false, false, lim.auto());
        }
        if (type == Path.class) {
            return new StrCodec(true, false, lim.auto());
        }
        if (type == int[].class) {
            return new ArrayCodec(true, lim);
        }
        if (type == double[].class) {
            return new ArrayCodec(false, lim);
        }
        if (type instanceof Class<?> c && c.isEnum()) {
            return new EnumCodec(c, false, lim.auto());
        }
        if (type instanceof ParameterizedType pt && pt.getActualTypeArguments().length == 1) {
            Type raw = pt.getRawType();
            Type arg = pt.getActualTypeArguments()[0];
            if (raw == Optional.class) {
                if (arg == String.class) {
                    return new StrCodec(false, true, lim.auto());
                }
                if (arg == Path.class) {
                    return new StrCodec(true, true, lim.auto());
                }
                if (arg instanceof Class<?> c && c.isEnum()) {
                    return new EnumCodec(c, true, lim.auto());
                }
            }
            if (raw == Set.class && arg instanceof Class<?> c && c.isEnum()) {
                return new EnumSetCodec(c);
            }
        }
        return null;
    }

    private static BadValue bad() {
        return new BadValue(null);
    }

    private static Word single(List<Word> words) throws BadValue {
        if (words.size() != 1) {
            throw bad();
        }
        return words.get(0);
    }

    private static String emptyWord(boolean auto) {
        return auto ? "Auto" : "None";
    }

    private static boolean isEmptyWord(List<Word> words) {
        return words.size() == 1 && (words.get(0).isPlain("None") || words.get(0).isPlain("Auto"));
    }

    private static String withType(String base, List<String> kw) {
        return kw.isEmpty() ? base : base + "(" + String.join(", ", kw) + ")";
    }

    /** bool: True/False; also true/false, yes/no, 1/0 on input. */
    static final class BoolCodec implements Codec {
        @Override
        public Object parse(List<Word> words) throws BadValue {
            Word w = single(words);
            if (w.quoted()) {
                throw bad();
            }
            switch (w.value().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "yes", "1":
                    return Boolean.TRUE;
                case "false", "no", "0":
                    return Boolean.FALSE;
                default:
                    throw bad();
            }
        }

        @Override
        public List<String> words(Object value) {
            return List.of((Boolean) value ? "True" : "False");
        }

        @Override
        public String philType() {
            return "bool";
        }

        @Override
        public String expected() {
            return "True or False";
        }
    }

    /** int / long, optionally OptionalInt / OptionalLong (None or Auto when empty). */
    static final class IntCodec implements Codec {
        private final boolean isLong;
        private final boolean optional;
        private final Limits lim;

        IntCodec(boolean isLong, boolean optional, Limits lim) {
            this.isLong = isLong;
            this.optional = optional;
            this.lim = lim;
        }

        @Override
        public Object parse(List<Word> words) throws BadValue {
            if (optional && isEmptyWord(words)) {
                return isLong ? OptionalLong.empty() : OptionalInt.empty();
            }
            Word w = single(words);
            Long v = w.quoted() ? null : PyFormat.parseLong(w.value());
            if (v == null || (!isLong && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE))) {
                throw bad();
            }
            String why = lim.check(v, true);
            if (why != null) {
                throw new BadValue(why);
            }
            if (isLong) {
                return optional ? OptionalLong.of(v) : (Object) v;
            }
            return optional ? OptionalInt.of(v.intValue()) : (Object) v.intValue();
        }

        @Override
        public List<String> words(Object value) {
            if (value instanceof OptionalInt o) {
                return List.of(o.isPresent() ? Integer.toString(o.getAsInt()) : emptyWord(lim.auto()));
            }
            if (value instanceof OptionalLong o) {
                return List.of(o.isPresent() ? Long.toString(o.getAsLong()) : emptyWord(lim.auto()));
            }
            return List.of(value.toString());
        }

        @Override
        public String philType() {
            List<String> kw = new ArrayList<>();
            lim.typeArgs(kw, true);
            if (optional) {
                kw.add("allow_none=True");
            }
            return withType("int", kw);
        }

        @Override
        public String expected() {
            return "an integer" + lim.range(true) + (optional ? ", or " + emptyWord(lim.auto()) : "");
        }
    }

    /** double, optionally OptionalDouble. Written with Python %.10g. */
    static final class DoubleCodec implements Codec {
        private final boolean optional;
        private final Limits lim;

        DoubleCodec(boolean optional, Limits lim) {
            this.optional = optional;
            this.lim = lim;
        }

        @Override
        public Object parse(List<Word> words) throws BadValue {
            if (optional && isEmptyWord(words)) {
                return OptionalDouble.empty();
            }
            Word w = single(words);
            Double v = w.quoted() ? null : PyFormat.parseDouble(w.value());
            if (v == null) {
                throw bad();
            }
            String why = lim.check(v, false);
            if (why != null) {
                throw new BadValue(why);
            }
            return optional ? OptionalDouble.of(v) : (Object) v;
        }

        @Override
        public List<String> words(Object value) {
            if (value instanceof OptionalDouble o) {
                return List.of(o.isPresent() ? PyFormat.g10(o.getAsDouble()) : emptyWord(lim.auto()));
            }
            return List.of(PyFormat.g10((Double) value));
        }

        @Override
        public String philType() {
            List<String> kw = new ArrayList<>();
            lim.typeArgs(kw, false);
            if (optional) {
                kw.add("allow_none=True");
            }
            return withType("float", kw);
        }

        @Override
        public String expected() {
            return "a number" + lim.range(false) + (optional ? ", or " + emptyWord(lim.auto()) : "");
        }
    }

    /** str / path, optionally Optional; written in double quotes. Several words are joined by one space. */
    static final class StrCodec implements Codec {
        private final boolean path;
        private final boolean optional;
        private final boolean auto;

        StrCodec(boolean path, boolean optional, boolean auto) {
            this.path = path;
            this.optional = optional;
            this.auto = auto;
        }

        @Override
        public Object parse(List<Word> words) throws BadValue {
            if (isEmptyWord(words)) {
                if (optional) {
                    return Optional.empty();
                }
                if (words.get(0).isPlain("None")) {
                    throw new BadValue("this parameter cannot be None; quote it to mean the text None");
                }
            }
            StringJoiner j = new StringJoiner(" ");
            for (Word w : words) {
                j.add(w.value());
            }
            Object v = j.toString();
            if (path) {
                try {
                    v = Path.of((String) v);
                } catch (InvalidPathException e) {
                    throw new BadValue(e.getReason());
                }
            }
            return optional ? Optional.of(v) : v;
        }

        @Override
        public List<String> words(Object value) {
            if (value instanceof Optional<?> o) {
                return List.of(o.isPresent() ? Names.quote(o.get().toString()) : emptyWord(auto));
            }
            return List.of(Names.quote(value.toString()));
        }

        @Override
        public String philType() {
            return path ? "path" : "str";
        }

        @Override
        public String expected() {
            return (path ? "a path" : "a string") + (optional ? ", or " + emptyWord(auto) : "");
        }
    }

    /** int[] / double[]: ints, floats; space- or comma-separated; an empty array is None. */
    static final class ArrayCodec implements Codec {
        private final boolean integer;
        private final Limits lim;

        ArrayCodec(boolean integer, Limits lim) {
            this.integer = integer;
            this.lim = lim;
        }

        @Override
        public Object parse(List<Word> words) throws BadValue {
            if (words.size() == 1 && words.get(0).isPlain("None")) {
                return integer ? new int[0] : new double[0];
            }
            List<String> items = new ArrayList<>();
            for (Word w : words) {
                if (w.quoted()) {
                    throw bad();
                }
                for (String part : w.value().split(",", -1)) {
                    if (part.isEmpty()) {
                        if (w.value().equals(",")) {
                            continue;
                        }
                        throw bad();
                    }
                    items.add(part);
                }
            }
            int n = items.size();
            if ((lim.sizeMin() >= 0 && n < lim.sizeMin()) || (lim.sizeMax() >= 0 && n > lim.sizeMax())) {
                throw new BadValue(n + (n == 1 ? " value" : " values"));
            }
            int[] iv = integer ? new int[n] : null;
            double[] dv = integer ? null : new double[n];
            for (int k = 0; k < n; k++) {
                String it = items.get(k);
                double v;
                if (integer) {
                    Long l = PyFormat.parseLong(it);
                    if (l == null || l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
                        throw bad();
                    }
                    iv[k] = l.intValue();
                    v = l;
                } else {
                    Double d = PyFormat.parseDouble(it);
                    if (d == null) {
                        throw bad();
                    }
                    dv[k] = d;
                    v = d;
                }
                String why = lim.check(v, integer);
                if (why != null) {
                    throw new BadValue("element " + it + " is " + why);
                }
            }
            return integer ? iv : dv;
        }

        @Override
        public List<String> words(Object value) {
            List<String> out = new ArrayList<>();
            if (value instanceof int[] a) {
                for (int v : a) {
                    out.add(Integer.toString(v));
                }
            } else {
                for (double v : (double[]) value) {
                    out.add(PyFormat.g10(v));
                }
            }
            return out.isEmpty() ? List.of("None") : out;
        }

        @Override
        public String philType() {
            List<String> kw = new ArrayList<>();
            if (lim.sizeMin() == lim.sizeMax()) {
                if (lim.sizeMin() >= 0) {
                    kw.add("size=" + lim.sizeMin());
                }
            } else {
                if (lim.sizeMin() >= 0) {
                    kw.add("size_min=" + lim.sizeMin());
                }
                if (lim.sizeMax() >= 0) {
                    kw.add("size_max=" + lim.sizeMax());
                }
            }
            lim.typeArgs(kw, integer);
            return withType(integer ? "ints" : "floats", kw);
        }

        @Override
        public String expected() {
            String what = integer ? "integers" : "numbers";
            String count;
            if (lim.sizeMin() >= 0 && lim.sizeMin() == lim.sizeMax()) {
                count = lim.sizeMin() + " " + what;
            } else if (lim.sizeMin() >= 0 && lim.sizeMax() >= 0) {
                count = lim.sizeMin() + " to " + lim.sizeMax() + " " + what;
            } else if (lim.sizeMin() >= 0) {
                count = "at least " + lim.sizeMin() + " " + what;
            } else if (lim.sizeMax() >= 0) {
                count = "at most " + lim.sizeMax() + " " + what;
            } else {
                count = what;
            }
            String range = lim.range(integer);
            return count + " separated by spaces or commas" + (range.isEmpty() ? "" : ", each" + range) + ", or None";
        }
    }

    /** choice: enum constants written lowercase; the selected one starred ({@code *a b c}). */
    static final class EnumCodec implements Codec {
        private final Class<?> type;
        private final Enum<?>[] constants;
        private final boolean optional;
        private final boolean auto;

        EnumCodec(Class<?> type, boolean optional, boolean auto) {
            this.type = type;
            this.constants = (Enum<?>[]) type.getEnumConstants();
            this.optional = optional;
            this.auto = auto;
        }

        Enum<?> lookup(String word) {
            for (Enum<?> e : constants) {
                if (Names.choice(e).equals(word)) {
                    return e;
                }
            }
            // DIALS scripts spell switch-like choices as Python booleans (True/False): accept any case
            // when that is unambiguous
            Enum<?> found = null;
            for (Enum<?> e : constants) {
                if (Names.choice(e).equalsIgnoreCase(word)) {
                    if (found != null) {
                        return null;
                    }
                    found = e;
                }
            }
            return found;
        }

        @Override
        public Object parse(List<Word> words) throws BadValue {
            if (isEmptyWord(words) && lookup(words.get(0).value()) == null) {
                if (optional) {
                    return Optional.empty();
                }
                throw bad();
            }
            Enum<?> selected = null;
            int stars = 0;
            for (Word w : words) {
                String v = w.value();
                boolean star = !w.quoted() && v.startsWith("*");
                Enum<?> e = lookup(star ? v.substring(1) : v);
                if (e == null) {
                    throw bad();
                }
                if (star) {
                    stars++;
                    selected = e;
                }
            }
            if (stars > 1) {
                throw new BadValue("more than one choice selected");
            }
            if (stars == 0) {
                if (words.size() == 1) {
                    selected = lookup(words.get(0).value());
                } else if (optional) {
                    return Optional.empty();
                } else {
                    throw new BadValue("no choice selected with *");
                }
            }
            return optional ? Optional.of(selected) : selected;
        }

        @Override
        public List<String> words(Object value) {
            Object sel = value instanceof Optional<?> o ? o.orElse(null) : value;
            List<String> out = new ArrayList<>();
            for (Enum<?> e : constants) {
                out.add((e == sel ? "*" : "") + Names.choice(e));
            }
            return out;
        }

        @Override
        public String philType() {
            return "choice";
        }

        @Override
        public String expected() {
            return "one of " + String.join(", ", choices()) + (optional ? ", or " + emptyWord(auto) : "");
        }

        @Override
        public List<String> choices() {
            List<String> out = new ArrayList<>();
            for (Enum<?> e : constants) {
                out.add(Names.choice(e));
            }
            return out;
        }

        @Override
        public String toString() {
            return type.getName();
        }
    }

    /** choice(multi=True) as {@code Set<E>}: {@code *a *b c} or {@code a+b}. */
    static final class EnumSetCodec implements Codec {
        private final EnumCodec one;
        @SuppressWarnings("rawtypes")
        private final Class type;

        EnumSetCodec(Class<?> type) {
            this.type = type;
            this.one = new EnumCodec(type, false, false);
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Object parse(List<Word> words) throws BadValue {
            EnumSet set = EnumSet.noneOf(type);
            if (words.size() == 1 && words.get(0).isPlain("None") && one.lookup(words.get(0).value()) == null) {
                return Collections.unmodifiableSet(set);
            }
            if (words.size() == 1 && !words.get(0).quoted()) {
                String v = words.get(0).value();
                String body = v.startsWith("*") ? v.substring(1) : v;
                for (String part : body.split("\\+", -1)) {
                    Enum<?> e = one.lookup(part);
                    if (e == null) {
                        throw bad();
                    }
                    set.add(e);
                }
                return Collections.unmodifiableSet(set);
            }
            for (Word w : words) {
                String v = w.value();
                boolean star = !w.quoted() && v.startsWith("*");
                Enum<?> e = one.lookup(star ? v.substring(1) : v);
                if (e == null) {
                    throw bad();
                }
                if (star) {
                    set.add(e);
                }
            }
            return Collections.unmodifiableSet(set);
        }

        @Override
        public List<String> words(Object value) {
            Set<?> sel = (Set<?>) value;
            List<String> out = new ArrayList<>();
            for (String c : one.choices()) {
                out.add((sel.contains(one.lookup(c)) ? "*" : "") + c);
            }
            return out;
        }

        @Override
        public String philType() {
            return "choice(multi=True)";
        }

        @Override
        public String expected() {
            return "any of " + String.join(", ", one.choices()) + " (starred, or joined with +)";
        }

        @Override
        public List<String> choices() {
            return one.choices();
        }
    }
}

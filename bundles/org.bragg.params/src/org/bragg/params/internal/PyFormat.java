package org.bragg.params.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * Number formatting and parsing compatible with Python, as libtbx PHIL uses it: floats are written
 * with {@code "%.10g"}, and read with Python {@code float()} syntax.
 */
public final class PyFormat {

    private static final MathContext TEN = new MathContext(10, RoundingMode.HALF_EVEN);
    private static final Pattern FLOAT = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INT = Pattern.compile("[+-]?\\d+");

    private PyFormat() {
    }

    /** Python {@code "%.10g" % v}: 10 significant digits, trailing zeros removed, exponent form outside 1e-4..1e10. */
    public static String g10(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0" : "0";
        }
        BigDecimal bd = new BigDecimal(v).round(TEN);
        int exp = bd.precision() - bd.scale() - 1;
        String sign = bd.signum() < 0 ? "-" : "";
        if (exp < -4 || exp >= 10) {
            String digits = bd.unscaledValue().abs().toString();
            int end = digits.length();
            while (end > 1 && digits.charAt(end - 1) == '0') {
                end--;
            }
            digits = digits.substring(0, end);
            String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            int a = Math.abs(exp);
            return sign + mant + "e" + (exp < 0 ? "-" : "+") + (a < 10 ? "0" + a : Integer.toString(a));
        }
        String s = bd.abs().toPlainString();
        if (s.indexOf('.') >= 0) {
            int end = s.length();
            while (s.charAt(end - 1) == '0') {
                end--;
            }
            if (s.charAt(end - 1) == '.') {
                end--;
            }
            s = s.substring(0, end);
        }
        return sign + s;
    }

    /** Parses Python float syntax ({@code 1}, {@code -2.5}, {@code 1e-3}, {@code inf}, {@code nan}); null if invalid. */
    public static Double parseDouble(String s) {
        String t = s.trim();
        String l = t.toLowerCase(java.util.Locale.ROOT);
        String body = l.startsWith("+") || l.startsWith("-") ? l.substring(1) : l;
        if (body.equals("inf") || body.equals("infinity")) {
            return l.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (body.equals("nan")) {
            return Double.NaN;
        }
        if (!FLOAT.matcher(t).matches()) {
            return null;
        }
        return Double.parseDouble(t);
    }

    /**
     * Parses an integer; accepts integral float syntax too ({@code 3.0}, {@code 1e3}) as libtbx does.
     * Returns null if the text is not an integer or does not fit in a long.
     */
    public static Long parseLong(String s) {
        String t = s.trim();
        if (INT.matcher(t).matches()) {
            try {
                return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (FLOAT.matcher(t).matches()) {
            BigDecimal bd = new BigDecimal(t);
            try {
                return bd.longValueExact();
            } catch (ArithmeticException e) {
                return null;
            }
        }
        return null;
    }

    /** Formats a bound for a type string or message: integer form for integer types, %.10g otherwise. */
    public static String bound(double v, boolean integer) {
        return integer ? Long.toString((long) v) : g10(v);
    }
}

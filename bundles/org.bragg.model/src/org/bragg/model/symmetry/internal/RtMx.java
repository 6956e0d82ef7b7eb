package org.bragg.model.symmetry.internal;

import java.util.Arrays;

/**
 * Exact rational affine transformation (R, t): x' = R·x + t, with R a 3×3 matrix and t a
 * 3-vector, all elements sharing one positive common denominator.
 *
 * <p><b>Layout:</b> {@code num[0..8]} are the numerators of R in row-major order,
 * {@code num[9..11]} the numerators of t; every element equals {@code num[i] / den}. Instances
 * are immutable and always reduced (the gcd of all numerators and {@code den} is 1), so
 * {@link #equals(Object)} is exact equality of the rational matrices.
 *
 * <p>Used for change-of-basis operators (whose rotation parts are rational) and for exact
 * products/inverses of symmetry operators. Numerators are {@code long}; values met in
 * crystallography stay many orders of magnitude below overflow, which is checked.
 */
public final class RtMx {

    private final long[] num;
    private final long den;

    private RtMx(long[] num, long den) {
        this.num = num;
        this.den = den;
    }

    /**
     * Creates and reduces a matrix.
     *
     * @param num12 numerators (not modified): 9 rotation elements row-major, then 3 translation
     * @param den common denominator, non-zero (a negative value flips all signs)
     * @return the reduced matrix
     */
    public static RtMx of(long[] num12, long den) {
        if (num12.length != 12) {
            throw new IllegalArgumentException("expected 12 numerators, found " + num12.length);
        }
        if (den == 0) {
            throw new IllegalArgumentException("zero denominator");
        }
        long[] n = num12.clone();
        if (den < 0) {
            den = -den;
            for (int i = 0; i < 12; i++) {
                n[i] = -n[i];
            }
        }
        long g = den;
        for (long v : n) {
            g = gcd(g, v);
        }
        if (g > 1) {
            for (int i = 0; i < 12; i++) {
                n[i] /= g;
            }
            den /= g;
        }
        return new RtMx(n, den);
    }

    /**
     * Creates a matrix from an integer rotation and a translation with denominator
     * {@code tDen}.
     */
    public static RtMx of(int[] rot9, int[] tran3, int tDen) {
        long[] n = new long[12];
        for (int i = 0; i < 9; i++) {
            n[i] = (long) rot9[i] * tDen;
        }
        for (int i = 0; i < 3; i++) {
            n[9 + i] = tran3[i];
        }
        return of(n, tDen);
    }

    /** The identity (I, 0). */
    public static RtMx identity() {
        return new RtMx(new long[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0}, 1);
    }

    /** Common denominator (positive). */
    public long den() {
        return den;
    }

    /** Numerator of rotation element (i, j), i, j in 0..2. */
    public long rotNum(int i, int j) {
        return num[3 * i + j];
    }

    /** Numerator of translation element i, i in 0..2. */
    public long tranNum(int i) {
        return num[9 + i];
    }

    /** Copy of the 12 numerators (rotation row-major, then translation). */
    public long[] numerators() {
        return num.clone();
    }

    /** Rotation element (i, j) as a double. */
    public double rot(int i, int j) {
        return (double) num[3 * i + j] / den;
    }

    /** Translation element i as a double. */
    public double tran(int i) {
        return (double) num[9 + i] / den;
    }

    /** Rotation part as a row-major double[9]. */
    public double[] rotAsDouble() {
        double[] r = new double[9];
        for (int i = 0; i < 9; i++) {
            r[i] = (double) num[i] / den;
        }
        return r;
    }

    /** True if every rotation element is an integer. */
    public boolean isRotationIntegral() {
        for (int i = 0; i < 9; i++) {
            if (num[i] % den != 0) {
                return false;
            }
        }
        return true;
    }

    /** True if the translation is zero. */
    public boolean isTranslationZero() {
        return num[9] == 0 && num[10] == 0 && num[11] == 0;
    }

    /** True if this is (I, 0). */
    public boolean isIdentity() {
        return equals(identity());
    }

    /** The rotation part with zero translation. */
    public RtMx rotationPart() {
        long[] n = num.clone();
        n[9] = n[10] = n[11] = 0;
        return of(n, den);
    }

    /**
     * This rotation part combined with the translation {@code t3/tDen} (replacing the
     * current translation).
     */
    public RtMx withTranslation(long[] t3, long tDen) {
        long[] n = new long[12];
        for (int i = 0; i < 9; i++) {
            n[i] = mul(num[i], tDen);
        }
        for (int i = 0; i < 3; i++) {
            n[9 + i] = mul(t3[i], den);
        }
        return of(n, mul(den, tDen));
    }

    /**
     * Product this·o: the transformation that applies {@code o} first, then {@code this}.
     */
    public RtMx multiply(RtMx o) {
        long[] n = new long[12];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                long s = 0;
                for (int k = 0; k < 3; k++) {
                    s = Math.addExact(s, mul(num[3 * i + k], o.num[3 * k + j]));
                }
                n[3 * i + j] = s;
            }
            long s = mul(num[9 + i], o.den);
            for (int k = 0; k < 3; k++) {
                s = Math.addExact(s, mul(num[3 * i + k], o.num[9 + k]));
            }
            n[9 + i] = s;
        }
        return of(n, mul(den, o.den));
    }

    /** Determinant of the rotation part as {numerator, denominator} (denominator positive). */
    public long[] determinant() {
        long d = det3(num);
        long dd = mul(mul(den, den), den);
        long g = gcd(dd, d);
        return new long[] {d / g, dd / g};
    }

    /**
     * Exact inverse.
     *
     * @throws IllegalArgumentException if the rotation part is singular
     */
    public RtMx inverse() {
        long d = det3(num);
        if (d == 0) {
            throw new IllegalArgumentException("singular matrix cannot be inverted: " + this);
        }
        long[] adj = adjugate(num);
        // R = N/den, R^-1 = den*adj(N)/det(N); t' = -R^-1 t = -adj(N)*tn/det(N)
        long[] n = new long[12];
        for (int i = 0; i < 9; i++) {
            n[i] = mul(adj[i], den);
        }
        for (int i = 0; i < 3; i++) {
            long s = 0;
            for (int k = 0; k < 3; k++) {
                s = Math.addExact(s, mul(adj[3 * i + k], num[9 + k]));
            }
            n[9 + i] = -s;
        }
        return of(n, d);
    }

    /**
     * Reduces the translation modulo 1 into [0, 1).
     */
    public RtMx translationModOne() {
        long[] n = num.clone();
        for (int i = 9; i < 12; i++) {
            n[i] = Math.floorMod(n[i], den);
        }
        return of(n, den);
    }

    /** Transposed rotation part, zero translation. */
    public RtMx transposedRotation() {
        long[] n = new long[12];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                n[3 * i + j] = num[3 * j + i];
            }
        }
        return of(n, den);
    }

    /**
     * Formats as a triplet like cctbx {@code as_xyz()}: each row as a sum of terms
     * {@code coefficient*letter} followed by the translation, e.g. {@code "1/2*x+1/2*y,-x,z+1/4"}.
     *
     * @param letters the three letters (e.g. {@code "xyz"}, {@code "abc"}, {@code "hkl"})
     * @param transpose format the transposed rotation (row i built from column i)
     * @param withTranslation append translation terms
     */
    public String format(String letters, boolean transpose, boolean withTranslation) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            if (i > 0) {
                sb.append(',');
            }
            int start = sb.length();
            for (int j = 0; j < 3; j++) {
                long v = transpose ? num[3 * j + i] : num[3 * i + j];
                if (v == 0) {
                    continue;
                }
                appendTerm(sb, start, v, den, letters.charAt(j));
            }
            if (withTranslation && num[9 + i] != 0) {
                appendTerm(sb, start, num[9 + i], den, '\0');
            }
            if (sb.length() == start) {
                sb.append('0');
            }
        }
        return sb.toString();
    }

    private static void appendTerm(StringBuilder sb, int start, long v, long den, char letter) {
        long g = gcd(den, v);
        long p = v / g;
        long q = den / g;
        if (p < 0) {
            sb.append('-');
            p = -p;
        } else if (sb.length() > start) {
            sb.append('+');
        }
        if (letter == '\0') {
            sb.append(p);
            if (q != 1) {
                sb.append('/').append(q);
            }
            return;
        }
        if (p == 1 && q == 1) {
            sb.append(letter);
            return;
        }
        sb.append(p);
        if (q != 1) {
            sb.append('/').append(q);
        }
        sb.append('*').append(letter);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtMx other && den == other.den && Arrays.equals(num, other.num);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(num) + Long.hashCode(den);
    }

    @Override
    public String toString() {
        return format("xyz", false, true);
    }

    // ---------------------------------------------------------------------------- helpers

    static long det3(long[] m) {
        long a = mul(m[0], Math.subtractExact(mul(m[4], m[8]), mul(m[5], m[7])));
        long b = mul(m[1], Math.subtractExact(mul(m[3], m[8]), mul(m[5], m[6])));
        long c = mul(m[2], Math.subtractExact(mul(m[3], m[7]), mul(m[4], m[6])));
        return Math.addExact(Math.subtractExact(a, b), c);
    }

    static long[] adjugate(long[] m) {
        return new long[] {
            mul(m[4], m[8]) - mul(m[5], m[7]), mul(m[2], m[7]) - mul(m[1], m[8]),
            mul(m[1], m[5]) - mul(m[2], m[4]),
            mul(m[5], m[6]) - mul(m[3], m[8]), mul(m[0], m[8]) - mul(m[2], m[6]),
            mul(m[2], m[3]) - mul(m[0], m[5]),
            mul(m[3], m[7]) - mul(m[4], m[6]), mul(m[1], m[6]) - mul(m[0], m[7]),
            mul(m[0], m[4]) - mul(m[1], m[3])};
    }

    private static long mul(long a, long b) {
        return Math.multiplyExact(a, b);
    }

    /** Greatest common divisor of |a| and |b| (gcd(0, 0) = 0). */
    public static long gcd(long a, long b) {
        a = Math.abs(a);
        b = Math.abs(b);
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}

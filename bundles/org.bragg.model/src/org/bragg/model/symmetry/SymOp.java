package org.bragg.model.symmetry;

import java.util.Arrays;

import org.bragg.model.symmetry.internal.RtMx;
import org.bragg.model.symmetry.internal.TripletParser;

/**
 * A crystallographic symmetry operator (R, t) acting on fractional coordinates as
 * x' = R·x + t, like cctbx {@code sgtbx::rt_mx} and gemmi {@code Op}.
 *
 * <p><b>Representation.</b> R is an integer 3×3 matrix (row-major, det ±1 for a symmetry
 * operator); t is stored as integer numerators over the fixed denominator
 * {@link #T_DEN} = 24, which represents every translation met in the 230 space groups and
 * their usual settings (including the 1/8 origin shifts of e.g. F d -3 m). A translation is
 * kept exactly as given; {@link #wrapped()} reduces it into [0, 1) as group members are
 * stored.
 *
 * <p><b>Reciprocal space.</b> Miller indices are row vectors: the operator maps h to
 * h' = h·R ({@link #applyToHkl}), and the structure factors are related by
 * F(h·R) = F(h)·exp(−2πi h·t), i.e. the phase shift of the equivalent is
 * {@link #phaseShift} = −2π h·t (radians), as in gemmi {@code Op::phase_shift}.
 *
 * <p>Instances are immutable and thread-safe. {@link #equals} compares R and t exactly
 * (no reduction modulo 1).
 *
 * @since 0.1
 */
public final class SymOp {

    /** Denominator of the translation numerators (24, as in gemmi). */
    public static final int T_DEN = 24;

    private static final SymOp IDENTITY = new SymOp(new int[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new int[3]);

    final int[] r;
    final int[] t;

    private SymOp(int[] r, int[] t) {
        this.r = r;
        this.t = t;
    }

    /** The identity operator x,y,z. */
    public static SymOp identity() {
        return IDENTITY;
    }

    /**
     * Creates an operator.
     *
     * @param rot row-major integer rotation, length 9 (not modified)
     * @param tran24 translation numerators over {@link #T_DEN}, length 3 (not modified)
     * @return the operator
     * @throws IllegalArgumentException on wrong lengths or a singular rotation
     */
    public static SymOp of(int[] rot, int[] tran24) {
        if (rot.length != 9 || tran24.length != 3) {
            throw new IllegalArgumentException("rotation needs 9 and translation 3 elements");
        }
        int[] r = rot.clone();
        if (det(r) == 0) {
            throw new IllegalArgumentException("singular rotation matrix " + Arrays.toString(rot));
        }
        return new SymOp(r, tran24.clone());
    }

    /**
     * Parses the xyz form, e.g. {@code "-y,x-y,z+1/3"}, {@code "x+1/2,-y,1/2-z"} or MTZ-style
     * {@code "-X+1/2,Y,-Z"}.
     *
     * @param xyz the operator; letters x, y, z (any case); blanks ignored
     * @return the operator (translation not wrapped)
     * @throws IllegalArgumentException if the text is not a triplet in x, y, z, the rotation
     *         is not an integer matrix, the translation is not a multiple of 1/24, or the
     *         rotation is singular; callers parsing user files should wrap it with the file
     *         and field names
     */
    public static SymOp parse(String xyz) {
        TripletParser.Parsed p = TripletParser.parse(xyz);
        if (p.family() != 'x') {
            throw new IllegalArgumentException("symmetry operator must be written in x,y,z: '" + xyz + "'");
        }
        try {
            return fromRtMx(p.matrix());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ": '" + xyz + "'", e);
        }
    }

    /**
     * Converts an exact rational matrix; package-private bridge for
     * {@link ChangeOfBasisOp} and {@link SpaceGroup}.
     */
    static SymOp fromRtMx(RtMx m) {
        long den = m.den();
        if (!m.isRotationIntegral()) {
            throw new IllegalArgumentException("rotation part is not an integer matrix");
        }
        int[] r = new int[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                r[3 * i + j] = Math.toIntExact(m.rotNum(i, j) / den);
            }
        }
        int[] t = new int[3];
        for (int i = 0; i < 3; i++) {
            long v = m.tranNum(i) * T_DEN;
            if (v % den != 0) {
                throw new IllegalArgumentException("translation is not a multiple of 1/" + T_DEN);
            }
            t[i] = Math.toIntExact(v / den);
        }
        if (det(r) == 0) {
            throw new IllegalArgumentException("singular rotation matrix");
        }
        return new SymOp(r, t);
    }

    /** This operator as an exact rational matrix. */
    RtMx toRtMx() {
        return RtMx.of(r, t, T_DEN);
    }

    /** Rotation element (i, j), i, j in 0..2. */
    public int rotation(int i, int j) {
        return r[3 * i + j];
    }

    /** Copy of the rotation, row-major int[9]. */
    public int[] rotation() {
        return r.clone();
    }

    /** Translation numerator i (over {@link #T_DEN}). */
    public int translationNumerator(int i) {
        return t[i];
    }

    /** Copy of the translation numerators over {@link #T_DEN}, int[3]. */
    public int[] translation24() {
        return t.clone();
    }

    /** Translation as fractions of the cell edges, double[3]. */
    public double[] translation() {
        return new double[] {t[0] / (double) T_DEN, t[1] / (double) T_DEN, t[2] / (double) T_DEN};
    }

    /** True if this is x,y,z exactly. */
    public boolean isIdentity() {
        return equals(IDENTITY);
    }

    /** True if the rotation part is the identity (a pure translation). */
    public boolean isPureTranslation() {
        return r[0] == 1 && r[4] == 1 && r[8] == 1 && r[1] == 0 && r[2] == 0 && r[3] == 0
                && r[5] == 0 && r[6] == 0 && r[7] == 0;
    }

    /** Determinant of the rotation part (±1 for a symmetry operator). */
    public int determinant() {
        return det(r);
    }

    /**
     * Rotation-part type after Grosse-Kunstleve (1999), Acta Cryst. A55, 383, Table 1:
     * 1, 2, 3, 4, 6 for proper rotations, −1, −2 (mirror), −3, −4, −6 for improper ones, and 0
     * if the matrix is not a crystallographic rotation.
     */
    public int rotationType() {
        int d = det(r);
        int tr = r[0] + r[4] + r[8];
        if (d == 1) {
            switch (tr) {
                case -1: return 2;
                case 0: return 3;
                case 1: return 4;
                case 2: return 6;
                case 3: return 1;
                default: return 0;
            }
        } else if (d == -1) {
            switch (tr) {
                case -3: return -1;
                case -2: return -6;
                case -1: return -4;
                case 0: return -3;
                case 1: return -2;
                default: return 0;
            }
        }
        return 0;
    }

    /**
     * Composition this·o: the operator that applies {@code o} first and then {@code this}
     * (x → R₁(R₂x + t₂) + t₁). The translation is not wrapped.
     */
    public SymOp multiply(SymOp o) {
        int[] rr = new int[9];
        int[] tt = new int[3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                rr[3 * i + j] = r[3 * i] * o.r[j] + r[3 * i + 1] * o.r[3 + j] + r[3 * i + 2] * o.r[6 + j];
            }
            tt[i] = r[3 * i] * o.t[0] + r[3 * i + 1] * o.t[1] + r[3 * i + 2] * o.t[2] + t[i];
        }
        return new SymOp(rr, tt);
    }

    /** Composition this·o with the translation wrapped into [0, 1). */
    SymOp multiplyWrapped(SymOp o) {
        SymOp p = multiply(o);
        for (int i = 0; i < 3; i++) {
            p.t[i] = Math.floorMod(p.t[i], T_DEN);
        }
        return p;
    }

    /**
     * The inverse operator (R⁻¹, −R⁻¹t).
     *
     * @throws IllegalStateException if R is not unimodular (det ≠ ±1), so R⁻¹ is not integral
     */
    public SymOp inverse() {
        int d = det(r);
        if (d != 1 && d != -1) {
            throw new IllegalStateException("rotation with determinant " + d + " has no integer inverse: " + this);
        }
        int[] ri = {
            (r[4] * r[8] - r[5] * r[7]) * d, (r[2] * r[7] - r[1] * r[8]) * d, (r[1] * r[5] - r[2] * r[4]) * d,
            (r[5] * r[6] - r[3] * r[8]) * d, (r[0] * r[8] - r[2] * r[6]) * d, (r[2] * r[3] - r[0] * r[5]) * d,
            (r[3] * r[7] - r[4] * r[6]) * d, (r[1] * r[6] - r[0] * r[7]) * d, (r[0] * r[4] - r[1] * r[3]) * d};
        int[] ti = new int[3];
        for (int i = 0; i < 3; i++) {
            ti[i] = -(ri[3 * i] * t[0] + ri[3 * i + 1] * t[1] + ri[3 * i + 2] * t[2]);
        }
        return new SymOp(ri, ti);
    }

    /** This operator with the translation reduced into [0, 1) (numerators in 0..23). */
    public SymOp wrapped() {
        if (t[0] >= 0 && t[0] < T_DEN && t[1] >= 0 && t[1] < T_DEN && t[2] >= 0 && t[2] < T_DEN) {
            return this;
        }
        return new SymOp(r, new int[] {Math.floorMod(t[0], T_DEN), Math.floorMod(t[1], T_DEN),
            Math.floorMod(t[2], T_DEN)});
    }

    /** This operator with translation numerators (over 24) added. */
    public SymOp translated(int[] dt24) {
        return new SymOp(r, new int[] {t[0] + dt24[0], t[1] + dt24[1], t[2] + dt24[2]});
    }

    /** The operator (−R, t). */
    public SymOp negatedRotation() {
        int[] rr = new int[9];
        for (int i = 0; i < 9; i++) {
            rr[i] = -r[i];
        }
        return new SymOp(rr, t.clone());
    }

    /** The operator (R, 0). */
    public SymOp rotationPart() {
        return new SymOp(r, new int[3]);
    }

    /**
     * Applies the operator to a Miller index as a row vector: h' = h·R
     * (h'ⱼ = Σᵢ hᵢ Rᵢⱼ), the convention of cctbx and gemmi.
     *
     * @return new int[3] {h', k', l'}
     */
    public int[] applyToHkl(int h, int k, int l) {
        return new int[] {
            h * r[0] + k * r[3] + l * r[6],
            h * r[1] + k * r[4] + l * r[7],
            h * r[2] + k * r[5] + l * r[8]};
    }

    /**
     * Allocation-free variant of {@link #applyToHkl(int, int, int)}: reads
     * {@code in[inOff..inOff+2]}, writes {@code out[outOff..outOff+2]}; the arrays may be the
     * same (in-place).
     */
    public void applyToHkl(int[] in, int inOff, int[] out, int outOff) {
        int h = in[inOff];
        int k = in[inOff + 1];
        int l = in[inOff + 2];
        out[outOff] = h * r[0] + k * r[3] + l * r[6];
        out[outOff + 1] = h * r[1] + k * r[4] + l * r[7];
        out[outOff + 2] = h * r[2] + k * r[5] + l * r[8];
    }

    /**
     * Applies the operator to fractional coordinates: x' = R·x + t.
     *
     * @param xyz fractional coordinates, double[3] (not modified)
     * @return new double[3]
     */
    public double[] applyToFractional(double[] xyz) {
        double[] o = new double[3];
        for (int i = 0; i < 3; i++) {
            o[i] = r[3 * i] * xyz[0] + r[3 * i + 1] * xyz[1] + r[3 * i + 2] * xyz[2] + t[i] / (double) T_DEN;
        }
        return o;
    }

    /**
     * h·t in units of 1/{@link #T_DEN} of a cycle (exact; not reduced).
     */
    public int hklDotTranslation24(int h, int k, int l) {
        return h * t[0] + k * t[1] + l * t[2];
    }

    /**
     * Phase shift of the symmetry-equivalent reflection h·R relative to h, in radians:
     * −2π h·t, so that F(h·R) = F(h)·exp(i·phaseShift). Same sign convention as gemmi
     * {@code Op::phase_shift} and the cctbx {@code sym_equiv_index} phase relation
     * φ(hR) = φ(h) − 2π h·t.
     */
    public double phaseShift(int h, int k, int l) {
        return -2.0 * Math.PI * hklDotTranslation24(h, k, l) / T_DEN;
    }

    /**
     * Formats in the xyz form of cctbx {@code as_xyz()} / gemmi {@code triplet()}, e.g.
     * {@code "-y,x-y,z+1/3"} or {@code "x+1/2,y,-z+1/4"}.
     */
    public String toXyz() {
        StringBuilder sb = new StringBuilder(24);
        for (int i = 0; i < 3; i++) {
            if (i > 0) {
                sb.append(',');
            }
            int start = sb.length();
            for (int j = 0; j < 3; j++) {
                int v = r[3 * i + j];
                if (v == 0) {
                    continue;
                }
                if (v < 0) {
                    sb.append('-');
                } else if (sb.length() > start) {
                    sb.append('+');
                }
                if (Math.abs(v) != 1) {
                    sb.append(Math.abs(v)).append('*');
                }
                sb.append((char) ('x' + j));
            }
            int tn = t[i];
            if (tn != 0) {
                if (tn < 0) {
                    sb.append('-');
                    tn = -tn;
                } else if (sb.length() > start) {
                    sb.append('+');
                }
                int g = (int) RtMx.gcd(tn, T_DEN);
                sb.append(tn / g);
                if (T_DEN / g != 1) {
                    sb.append('/').append(T_DEN / g);
                }
            }
            if (sb.length() == start) {
                sb.append('0');
            }
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SymOp s && Arrays.equals(r, s.r) && Arrays.equals(t, s.t);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(r) + Arrays.hashCode(t);
    }

    /** Same as {@link #toXyz()}. */
    @Override
    public String toString() {
        return toXyz();
    }

    static int det(int[] m) {
        return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6])
                + m[2] * (m[3] * m[7] - m[4] * m[6]);
    }
}

package org.bragg.model.symmetry;

import org.bragg.model.symmetry.internal.RtMx;
import org.bragg.model.symmetry.internal.TripletParser;

/**
 * A change-of-basis operator with the semantics of cctbx {@code sgtbx::change_of_basis_op}
 * (Grosse-Kunstleve 1999, Acta Cryst. A55, 383): a pair of exact rational affine matrices
 * c and c⁻¹.
 *
 * <p><b>Conventions</b> (all checked against cctbx in the tests):
 * <ul>
 * <li><b>c</b> maps fractional coordinates of the old setting to the new one: x' = c(x)
 * ({@link #c()}, printed by {@link #toXyz()}).</li>
 * <li><b>The abc form</b> (what DIALS prints, e.g. {@code "-a,b,-c"}, {@code "b,c,a"},
 * {@code "a+b,-a+b,c"}, {@code "1/2*a+1/2*b,..."}) expresses the <i>new</i> basis vectors in
 * terms of the old: (a′, b′, c′) = (a, b, c)·P with P = c⁻¹.r (the transpose of the
 * coefficient rows), and an optional origin shift as translation of c⁻¹.</li>
 * <li><b>Miller indices</b> transform as h′ = h·P, i.e. h′ = M·h with M the coefficient
 * rows of the abc form: {@code "a+b,-a+b,c"} maps (h,k,l) to (h+k, −h+k, l). This is DIALS
 * {@code reindex} / cctbx {@code cb_op.apply(miller_index)}.</li>
 * <li><b>Unit cells</b>: G′ = Pᵀ·G·P (metric tensors), cctbx {@code unit_cell.change_basis}.</li>
 * <li><b>Space groups</b>: every operator s becomes c·s·c⁻¹
 * (cctbx {@code space_group.change_basis}).</li>
 * <li><b>Crystal setting matrix</b> A = U·B (columns a*, b*, c* in the lab frame):
 * A′ = A·c.rᵀ, as dxtbx {@code Crystal::change_basis}; the real-space vectors transform as
 * (a′, b′, c′) = (a, b, c)·P.</li>
 * <li><b>Composition</b>: {@code x.multiply(y)} is cctbx {@code x * y}: apply y first, then
 * x.</li>
 * </ul>
 *
 * <p>Text forms accepted by {@link #parse}: abc ({@code "a,b,c"}, {@code "-a,b,-c"},
 * {@code "a,b,c+1/4"}), hkl ({@code "-h,k,-l"}, read exactly like abc) and xyz
 * ({@code "x,y,z+1/4"}, taken as c itself), all with rational coefficients such as
 * {@code 1/2*a} or {@code a/2}. {@link #toString()} prints the shorter of the abc and
 * xyz forms (abc on a tie), as cctbx {@code str(cb_op)} does, e.g. {@code "-a,b,-c"},
 * {@code "a+b,-a+b,c"} but {@code "x+y,-x+y,z"} for {@code 1/2*a+1/2*b,-1/2*a+1/2*b,c}.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ChangeOfBasisOp {

    private static final ChangeOfBasisOp IDENTITY = new ChangeOfBasisOp(RtMx.identity(), RtMx.identity());

    private final RtMx c;
    private final RtMx cInv;

    private ChangeOfBasisOp(RtMx c, RtMx cInv) {
        this.c = c;
        this.cInv = cInv;
    }

    /** The identity {@code a,b,c}. */
    public static ChangeOfBasisOp identity() {
        return IDENTITY;
    }

    /**
     * Parses an operator in abc, hkl or xyz form (see the class comment).
     *
     * @param symbol e.g. {@code "-a,b,-c"}, {@code "b,c,a"}, {@code "1/2*a+1/2*b,-1/2*a+1/2*b,c"},
     *        {@code "h+k,-h+k,l"}, {@code "x,y,z+1/4"}
     * @return the operator
     * @throws IllegalArgumentException on a syntax error, a singular matrix, or a
     *         translation in the hkl form
     */
    public static ChangeOfBasisOp parse(String symbol) {
        TripletParser.Parsed p = TripletParser.parse(symbol.trim());
        RtMx m = p.matrix();
        try {
            if (p.family() == 'x') {
                return new ChangeOfBasisOp(m, m.inverse());
            }
            if (p.family() == 'h' && !m.isTranslationZero()) {
                throw new IllegalArgumentException("an hkl change-of-basis operator cannot have a translation");
            }
            long[] t = {m.tranNum(0), m.tranNum(1), m.tranNum(2)};
            RtMx inv = m.transposedRotation().withTranslation(t, m.den());
            return new ChangeOfBasisOp(inv.inverse(), inv);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ": '" + symbol + "'", e);
        }
    }

    /**
     * Creates an operator from its coordinate matrix c (x' = c(x)).
     *
     * @param c exact rational matrix
     * @throws IllegalArgumentException if c is singular
     */
    static ChangeOfBasisOp fromC(RtMx c) {
        return new ChangeOfBasisOp(c, c.inverse());
    }

    /**
     * Creates an operator from an integer basis matrix P whose columns are the new basis
     * vectors in terms of the old: (a′, b′, c′) = (a, b, c)·P.
     *
     * @param p row-major int[9] (not modified)
     * @throws IllegalArgumentException if P is singular
     */
    public static ChangeOfBasisOp fromBasisMatrix(int[] p) {
        RtMx inv = RtMx.of(p, new int[3], 1);
        return new ChangeOfBasisOp(inv.inverse(), inv);
    }

    /**
     * Creates an operator from a rational basis matrix P = pNum/pDen (see
     * {@link #fromBasisMatrix(int[])}).
     */
    public static ChangeOfBasisOp fromBasisMatrix(int[] pNum, int pDen) {
        long[] n = new long[12];
        for (int i = 0; i < 9; i++) {
            n[i] = pNum[i];
        }
        RtMx inv = RtMx.of(n, pDen);
        return new ChangeOfBasisOp(inv.inverse(), inv);
    }

    /** The coordinate transformation c (old fractional coordinates to new). */
    RtMx c() {
        return c;
    }

    /** The inverse transformation c⁻¹. */
    RtMx cInv() {
        return cInv;
    }

    /**
     * Matrix c as row-major double[12]: rotation (9 elements) then translation (3); maps old
     * fractional coordinates to new ones.
     */
    public double[] cAsDouble() {
        double[] o = new double[12];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                o[3 * i + j] = c.rot(i, j);
            }
            o[9 + i] = c.tran(i);
        }
        return o;
    }

    /**
     * Basis matrix P = c⁻¹.r as row-major double[9]: columns are the new basis vectors in
     * terms of the old ones.
     */
    public double[] basisMatrix() {
        return cInv.rotAsDouble();
    }

    /**
     * Basis matrix P as integers.
     *
     * @return row-major int[9]
     * @throws IllegalStateException if P is not an integer matrix
     */
    public int[] basisMatrixInt() {
        if (!cInv.isRotationIntegral()) {
            throw new IllegalStateException("basis matrix of " + this + " is not integral");
        }
        int[] p = new int[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                p[3 * i + j] = Math.toIntExact(cInv.rotNum(i, j) / cInv.den());
            }
        }
        return p;
    }

    /** The inverse operator (c and c⁻¹ swapped). */
    public ChangeOfBasisOp inverse() {
        return new ChangeOfBasisOp(cInv, c);
    }

    /**
     * Composition with cctbx {@code operator*} semantics: {@code this.multiply(other)}
     * applies {@code other} first, then {@code this} (c = c_this·c_other).
     */
    public ChangeOfBasisOp multiply(ChangeOfBasisOp other) {
        return new ChangeOfBasisOp(c.multiply(other.c), other.cInv.multiply(cInv));
    }

    /** Composition that applies {@code this} first and then {@code next}. */
    public ChangeOfBasisOp then(ChangeOfBasisOp next) {
        return next.multiply(this);
    }

    /** True for {@code a,b,c}. */
    public boolean isIdentity() {
        return c.isIdentity();
    }

    /** True if the origin shift is zero (c has no translation). */
    public boolean isTranslationZero() {
        return c.isTranslationZero();
    }

    /**
     * Determinant of P = c⁻¹.r, the volume ratio new/old (e.g. 2 for P→C, 1/2 for C→P).
     */
    public double determinant() {
        long[] d = cInv.determinant();
        return (double) d[0] / d[1];
    }

    /**
     * Applies the operator to a Miller index: h′ = h·P (DIALS reindex semantics).
     *
     * @return new int[3]
     * @throws IllegalArgumentException if the result is not integral (the index does not
     *         exist in the new lattice)
     */
    public int[] apply(int h, int k, int l) {
        int[] out = new int[3];
        if (!apply(h, k, l, out, 0)) {
            throw new IllegalArgumentException("(" + h + "," + k + "," + l + ") under " + this
                    + " gives a non-integral index");
        }
        return out;
    }

    /**
     * Allocation-free Miller index transformation h′ = h·P.
     *
     * @param out receives h′ at {@code out[off..off+2]} (unchanged if not integral)
     * @return false if h′ is not integral
     */
    public boolean apply(int h, int k, int l, int[] out, int off) {
        long d = cInv.den();
        long a = h * cInv.rotNum(0, 0) + k * cInv.rotNum(1, 0) + l * cInv.rotNum(2, 0);
        long b = h * cInv.rotNum(0, 1) + k * cInv.rotNum(1, 1) + l * cInv.rotNum(2, 1);
        long e = h * cInv.rotNum(0, 2) + k * cInv.rotNum(1, 2) + l * cInv.rotNum(2, 2);
        if (a % d != 0 || b % d != 0 || e % d != 0) {
            return false;
        }
        out[off] = (int) (a / d);
        out[off + 1] = (int) (b / d);
        out[off + 2] = (int) (e / d);
        return true;
    }

    /**
     * Bulk Miller index transformation.
     *
     * @param hkl packed int[3n] (not modified)
     * @param out packed int[3n], may be {@code hkl} itself
     * @return number of indices that were not integral (left unchanged in {@code out} when
     *         {@code out != hkl}, or copied through)
     */
    public int apply(int[] hkl, int[] out) {
        int bad = 0;
        for (int i = 0; i + 2 < hkl.length; i += 3) {
            if (!apply(hkl[i], hkl[i + 1], hkl[i + 2], out, i)) {
                bad++;
                if (out != hkl) {
                    out[i] = hkl[i];
                    out[i + 1] = hkl[i + 1];
                    out[i + 2] = hkl[i + 2];
                }
            }
        }
        return bad;
    }

    /** Real-valued Miller index transformation h′ = h·P (double[3]). */
    public double[] applyDouble(double h, double k, double l) {
        double[] p = cInv.rotAsDouble();
        return new double[] {
            h * p[0] + k * p[3] + l * p[6], h * p[1] + k * p[4] + l * p[7], h * p[2] + k * p[5] + l * p[8]};
    }

    /** Transforms fractional coordinates: x′ = c(x). */
    public double[] applyToFractional(double[] xyz) {
        double[] o = new double[3];
        for (int i = 0; i < 3; i++) {
            o[i] = c.rot(i, 0) * xyz[0] + c.rot(i, 1) * xyz[1] + c.rot(i, 2) * xyz[2] + c.tran(i);
        }
        return o;
    }

    /**
     * Transforms a symmetry operator: s′ = c·s·c⁻¹.
     *
     * @throws IllegalArgumentException if the result is not integral / not a multiple of 1/24
     */
    public SymOp apply(SymOp s) {
        return SymOp.fromRtMx(c.multiply(s.toRtMx()).multiply(cInv));
    }

    /** Unit cell in the new basis (same as {@link UnitCell#changeBasis}). */
    public UnitCell apply(UnitCell cell) {
        return cell.changeBasis(this);
    }

    /** Space group in the new basis (same as {@link SpaceGroup#changeBasis}). */
    public SpaceGroup apply(SpaceGroup group) {
        return group.changeBasis(this);
    }

    /**
     * Transforms a crystal setting matrix A = U·B (row-major double[9], columns a*, b*, c*
     * in the lab frame, Å⁻¹): A′ = A·c.rᵀ, exactly as dxtbx {@code Crystal::change_basis}.
     * The origin shift is irrelevant here.
     *
     * @param a row-major double[9] (not modified)
     * @return new row-major double[9]
     */
    public double[] applyToAMatrix(double[] a) {
        double[] r = c.rotAsDouble();
        double[] o = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                // (A * R^T)_ij = sum_k A_ik R_jk
                o[3 * i + j] = a[3 * i] * r[3 * j] + a[3 * i + 1] * r[3 * j + 1] + a[3 * i + 2] * r[3 * j + 2];
            }
        }
        return o;
    }

    /**
     * Transforms real-space basis vectors: given rows a, b, c (row-major double[9], e.g.
     * dxtbx {@code real_space_a/b/c} in Å), returns rows a′, b′, c′ with
     * (a′, b′, c′) = (a, b, c)·P.
     */
    public double[] applyToRealSpaceVectors(double[] rowsAbc) {
        double[] p = cInv.rotAsDouble();
        double[] o = new double[9];
        for (int n = 0; n < 3; n++) {
            for (int x = 0; x < 3; x++) {
                o[3 * n + x] = p[n] * rowsAbc[x] + p[3 + n] * rowsAbc[3 + x] + p[6 + n] * rowsAbc[6 + x];
            }
        }
        return o;
    }

    /** cctbx {@code as_xyz()}: the matrix c, e.g. {@code "1/2*x+1/2*y,-1/2*x+1/2*y,z"}. */
    public String toXyz() {
        return c.format("xyz", false, true);
    }

    /** cctbx {@code as_abc()}: the new basis in terms of the old, e.g. {@code "a+b,-a+b,c"}. */
    public String toAbc() {
        return cInv.format("abc", true, true);
    }

    /**
     * cctbx {@code as_hkl()}: the index transformation, e.g. {@code "h+k,-h+k,l"}.
     *
     * @throws IllegalStateException if the operator has an origin shift
     */
    public String toHkl() {
        if (!cInv.isTranslationZero()) {
            throw new IllegalStateException("hkl form undefined for an operator with an origin shift: " + this);
        }
        return cInv.format("hkl", true, false);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChangeOfBasisOp other && c.equals(other.c);
    }

    @Override
    public int hashCode() {
        return c.hashCode();
    }

    /** The shorter of {@link #toAbc()} and {@link #toXyz()}, abc on a tie (cctbx {@code str()}). */
    @Override
    public String toString() {
        String abc = toAbc();
        String xyz = toXyz();
        return xyz.length() < abc.length() ? xyz : abc;
    }
}

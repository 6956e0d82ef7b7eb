package org.bragg.model.symmetry;

import java.util.Arrays;
import java.util.Locale;

import org.bragg.model.symmetry.internal.KrivyGruber;

/**
 * An immutable unit cell: edge lengths a, b, c in Å and angles α, β, γ in degrees, with the
 * derived metric tensors, volume, reciprocal cell and the orthogonalization/B matrices of
 * cctbx {@code uctbx::unit_cell}.
 *
 * <p><b>Matrices</b> are row-major {@code double[9]}.
 * <ul>
 * <li>Metric tensor G = [a·a a·b a·c; …] (Å²), reciprocal metric G* = G⁻¹ (Å⁻²).</li>
 * <li>Orthogonalization matrix O (fractional → Cartesian Å) in the cctbx/PDB convention:
 * a along x, b in the x-y plane, c* along z (upper triangular).</li>
 * <li>Fractionalization matrix F = O⁻¹.</li>
 * <li>B = Fᵀ (lower triangular, Å⁻¹), the dxtbx/cctbx B matrix: its columns are a*, b*, c*
 * in that Cartesian frame, and for a crystal A = U·B (r = R·U·B·h in the DIALS lab frame,
 * Busing &amp; Levy 1967 with the cctbx orthogonalization). dxtbx's crystal A equals
 * the inverse of the matrix whose rows are real_space_a, b, c.</li>
 * </ul>
 *
 * <p>Construct with {@link #of}, {@link #fromMetricTensor}, {@link #fromBMatrix} or
 * {@link #fromRealSpaceVectors}. Niggli reduction follows Křivý &amp; Gruber (1976), Acta
 * Cryst. A32, 297, with the ε-comparisons of Grosse-Kunstleve, Sauter &amp; Adams (2004),
 * Acta Cryst. A60, 1, exactly as cctbx {@code niggli_reduction} (relative ε = 1e-5).
 *
 * @since 0.1
 */
public final class UnitCell {

    private final double a, b, c, alpha, beta, gamma;
    private final double[] g;       // metric tensor, 9
    private final double[] gStar;   // reciprocal metric tensor, 9
    private final double volume;
    private final double[] orth;    // 9
    private final double[] frac;    // 9

    private UnitCell(double a, double b, double c, double alpha, double beta, double gamma) {
        if (!(a > 0 && b > 0 && c > 0) || !Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(c)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "cell lengths must be positive and finite, found %g %g %g", a, b, c));
        }
        if (!(alpha > 0 && alpha < 180 && beta > 0 && beta < 180 && gamma > 0 && gamma < 180)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "cell angles must be in (0, 180) degrees, found %g %g %g", alpha, beta, gamma));
        }
        this.a = a;
        this.b = b;
        this.c = c;
        this.alpha = alpha;
        this.beta = beta;
        this.gamma = gamma;
        double ca = cosDeg(alpha), cb = cosDeg(beta), cg = cosDeg(gamma);
        double sg = sinDeg(gamma);
        double d = 1 - ca * ca - cb * cb - cg * cg + 2 * ca * cb * cg;
        if (!(d > 0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "cell angles %g %g %g do not define a cell with positive volume", alpha, beta, gamma));
        }
        volume = a * b * c * Math.sqrt(d);
        g = new double[] {a * a, a * b * cg, a * c * cb, a * b * cg, b * b, b * c * ca, a * c * cb, b * c * ca, c * c};
        gStar = Mat.inverse(g);
        orth = new double[] {
            a, b * cg, c * cb,
            0, b * sg, c * (ca - cb * cg) / sg,
            0, 0, volume / (a * b * sg)};
        frac = Mat.inverse(orth);
        frac[3] = frac[6] = frac[7] = 0; // exactly upper triangular
    }

    /**
     * Creates a cell from its parameters.
     *
     * @param a edge a in Å, &gt; 0
     * @param b edge b in Å, &gt; 0
     * @param c edge c in Å, &gt; 0
     * @param alpha angle between b and c in degrees, in (0, 180)
     * @param beta angle between a and c in degrees
     * @param gamma angle between a and b in degrees
     * @throws IllegalArgumentException if a value is out of range or the volume is not positive
     */
    public static UnitCell of(double a, double b, double c, double alpha, double beta, double gamma) {
        return new UnitCell(a, b, c, alpha, beta, gamma);
    }

    /**
     * Creates a cell from {a, b, c, α, β, γ} (Å, degrees).
     */
    public static UnitCell of(double[] params) {
        if (params.length != 6) {
            throw new IllegalArgumentException("expected 6 cell parameters, found " + params.length);
        }
        return new UnitCell(params[0], params[1], params[2], params[3], params[4], params[5]);
    }

    /**
     * Creates a cell from the six independent metric-tensor elements in the cctbx
     * {@code sym_mat3} order (a·a, b·b, c·c, a·b, a·c, b·c), Å².
     */
    public static UnitCell fromMetricTensor(double gaa, double gbb, double gcc, double gab, double gac, double gbc) {
        if (!(gaa > 0 && gbb > 0 && gcc > 0)) {
            throw new IllegalArgumentException("metric tensor diagonal must be positive");
        }
        double la = Math.sqrt(gaa), lb = Math.sqrt(gbb), lc = Math.sqrt(gcc);
        return new UnitCell(la, lb, lc, acosDeg(gbc / (lb * lc)), acosDeg(gac / (la * lc)), acosDeg(gab / (la * lb)));
    }

    /**
     * Creates a cell from a full metric tensor G (row-major double[9], Å², symmetric; the
     * upper triangle is used).
     */
    public static UnitCell fromMetricTensor(double[] g9) {
        if (g9.length != 9) {
            throw new IllegalArgumentException("expected a 3x3 metric tensor (9 elements), found " + g9.length);
        }
        return fromMetricTensor(g9[0], g9[4], g9[8], g9[1], g9[2], g9[5]);
    }

    /**
     * Creates a cell from a matrix whose columns are the reciprocal basis vectors a*, b*, c*
     * in any Cartesian frame (Å⁻¹): a B matrix or a crystal setting matrix A = U·B. Uses
     * G* = Bᵀ·B and G = G*⁻¹, so any rotation U drops out.
     *
     * @param bMatrix row-major double[9] (not modified)
     */
    public static UnitCell fromBMatrix(double[] bMatrix) {
        if (bMatrix.length != 9) {
            throw new IllegalArgumentException("expected a 3x3 matrix (9 elements), found " + bMatrix.length);
        }
        double[] gs = Mat.mulTransposeLeft(bMatrix, bMatrix);
        return fromMetricTensor(Mat.inverse(gs));
    }

    /**
     * Creates a cell from real-space basis vectors given as the rows of a matrix (row-major
     * double[9], Å), e.g. dxtbx {@code real_space_a}, {@code real_space_b},
     * {@code real_space_c}.
     */
    public static UnitCell fromRealSpaceVectors(double[] rowsAbc) {
        if (rowsAbc.length != 9) {
            throw new IllegalArgumentException("expected 3 vectors (9 elements), found " + rowsAbc.length);
        }
        double[] gm = Mat.mulTransposeRight(rowsAbc, rowsAbc);
        return fromMetricTensor(gm);
    }

    /** Edge a in Å. */
    public double a() {
        return a;
    }

    /** Edge b in Å. */
    public double b() {
        return b;
    }

    /** Edge c in Å. */
    public double c() {
        return c;
    }

    /** Angle α (between b and c) in degrees. */
    public double alpha() {
        return alpha;
    }

    /** Angle β (between a and c) in degrees. */
    public double beta() {
        return beta;
    }

    /** Angle γ (between a and b) in degrees. */
    public double gamma() {
        return gamma;
    }

    /** {a, b, c, α, β, γ} in Å and degrees (new array). */
    public double[] parameters() {
        return new double[] {a, b, c, alpha, beta, gamma};
    }

    /** Cell volume in Å³. */
    public double volume() {
        return volume;
    }

    /** Metric tensor G, row-major double[9] in Å² (copy). */
    public double[] metricTensor() {
        return g.clone();
    }

    /** Reciprocal metric tensor G* = G⁻¹, row-major double[9] in Å⁻² (copy). */
    public double[] reciprocalMetricTensor() {
        return gStar.clone();
    }

    /**
     * The reciprocal cell: a*, b*, c* in Å⁻¹ and α*, β*, γ* in degrees (cctbx
     * {@code unit_cell.reciprocal()}).
     */
    public UnitCell reciprocal() {
        return fromMetricTensor(gStar);
    }

    /**
     * Orthogonalization matrix O (fractional → Cartesian Å, cctbx convention: a along x,
     * b in x-y), row-major double[9] (copy).
     */
    public double[] orthogonalizationMatrix() {
        return orth.clone();
    }

    /** Fractionalization matrix F = O⁻¹ (Cartesian Å → fractional), row-major double[9] (copy). */
    public double[] fractionalizationMatrix() {
        return frac.clone();
    }

    /**
     * The B matrix of cctbx/dxtbx: B = Fᵀ, row-major double[9] in Å⁻¹, lower triangular.
     * Its columns are a*, b*, c*; with A = U·B the reciprocal-lattice vector of h is
     * A·h (Å⁻¹).
     */
    public double[] bMatrix() {
        return Mat.transpose(frac);
    }

    /**
     * Squared reciprocal-lattice vector length 1/d² = h·G*·hᵀ in Å⁻².
     */
    public double dStarSq(double h, double k, double l) {
        double[] s = gStar;
        return h * h * s[0] + k * k * s[4] + l * l * s[8]
                + 2 * (h * k * s[1] + h * l * s[2] + k * l * s[5]);
    }

    /**
     * Resolution d of reflection (h, k, l) in Å (infinite for 0,0,0).
     */
    public double dSpacing(int h, int k, int l) {
        return 1.0 / Math.sqrt(dStarSq(h, k, l));
    }

    /**
     * Bulk d-spacings.
     *
     * @param hkl packed int[3n] (not modified)
     * @param out double[n] receiving d in Å; may be null
     * @return {@code out} or a new array
     */
    public double[] dSpacings(int[] hkl, double[] out) {
        int n = hkl.length / 3;
        if (out == null) {
            out = new double[n];
        }
        for (int i = 0; i < n; i++) {
            out[i] = 1.0 / Math.sqrt(dStarSq(hkl[3 * i], hkl[3 * i + 1], hkl[3 * i + 2]));
        }
        return out;
    }

    /**
     * Bragg angle 2θ in radians for wavelength λ (Å); NaN if the reflection is beyond
     * 2/λ.
     */
    public double twoTheta(int h, int k, int l, double wavelength) {
        double s = wavelength * Math.sqrt(dStarSq(h, k, l)) / 2;
        return s > 1 ? Double.NaN : 2 * Math.asin(s);
    }

    /**
     * cctbx {@code unit_cell.is_similar_to}: for each edge |min/max − 1| ≤
     * {@code relLengthTol}, and for each angle |Δ| ≤ {@code absAngleTolDeg} (degrees).
     * Typical DIALS values are 0.01 and 1°.
     */
    public boolean isSimilarTo(UnitCell other, double relLengthTol, double absAngleTolDeg) {
        double[] p1 = parameters();
        double[] p2 = other.parameters();
        for (int i = 0; i < 3; i++) {
            if (Math.abs(Math.min(p1[i], p2[i]) / Math.max(p1[i], p2[i]) - 1) > relLengthTol) {
                return false;
            }
        }
        for (int i = 3; i < 6; i++) {
            if (Math.abs(p1[i] - p2[i]) > absAngleTolDeg) {
                return false;
            }
        }
        return true;
    }

    /**
     * The same lattice in a new basis: G′ = Pᵀ·G·P with P the basis matrix of
     * {@code cbOp} (cctbx {@code unit_cell.change_basis}).
     */
    public UnitCell changeBasis(ChangeOfBasisOp cbOp) {
        double[] p = cbOp.basisMatrix();
        double[] gp = Mat.mul(Mat.mulTransposeLeft(p, g), p);
        return fromMetricTensor(gp);
    }

    /**
     * Niggli reduction (Křivý &amp; Gruber 1976, with the relative ε = 1e-5 of
     * Grosse-Kunstleve, Sauter &amp; Adams 2004), identical to cctbx
     * {@code unit_cell.niggli_reduction()} including the choice of change of basis.
     *
     * @throws IllegalStateException if the iteration limit (1000) is exceeded, which only
     *         happens for degenerate cells
     */
    public ReducedCell niggliReduction() {
        return niggliReduction(1e-5, 1000);
    }

    /**
     * Niggli reduction with explicit tolerance: ε = relativeEpsilon·V^(1/3).
     *
     * @param relativeEpsilon relative tolerance (cctbx default 1e-5)
     * @param iterationLimit maximum number of basis changes (cctbx default 1000)
     */
    public ReducedCell niggliReduction(double relativeEpsilon, int iterationLimit) {
        KrivyGruber kg = new KrivyGruber(g, Math.cbrt(volume) * relativeEpsilon, iterationLimit);
        double[] s = kg.reducedSymMat3();
        UnitCell reduced = fromMetricTensor(s[0], s[1], s[2], s[3], s[4], s[5]);
        return new ReducedCell(reduced, kg.basisMatrix(), kg.iterations());
    }

    /** Shortcut for {@code niggliReduction().cell()}. */
    public UnitCell niggliCell() {
        return niggliReduction().cell();
    }

    /** Shortcut for {@code niggliReduction().cbOp()} (cctbx {@code change_of_basis_op_to_niggli_cell}). */
    public ChangeOfBasisOp changeOfBasisOpToNiggliCell() {
        return niggliReduction().cbOp();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnitCell u && Arrays.equals(parameters(), u.parameters());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(parameters());
    }

    /** Formats like cctbx: {@code (a, b, c, alpha, beta, gamma)}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "(%.6g, %.6g, %.6g, %.6g, %.6g, %.6g)", a, b, c, alpha, beta, gamma);
    }

    // ------------------------------------------------------------------ helpers

    private static double cosDeg(double deg) {
        if (deg == 90) {
            return 0;
        }
        if (deg == 60) {
            return 0.5;
        }
        if (deg == 120) {
            return -0.5;
        }
        return Math.cos(Math.toRadians(deg));
    }

    private static double sinDeg(double deg) {
        if (deg == 90) {
            return 1;
        }
        return Math.sin(Math.toRadians(deg));
    }

    private static double acosDeg(double x) {
        if (x > 1) {
            x = 1;
        } else if (x < -1) {
            x = -1;
        }
        return Math.toDegrees(Math.acos(x));
    }

    /** Tiny 3×3 row-major helpers (kept private to this package's API class). */
    static final class Mat {
        private Mat() {
        }

        static double[] mul(double[] x, double[] y) {
            double[] o = new double[9];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    o[3 * i + j] = x[3 * i] * y[j] + x[3 * i + 1] * y[3 + j] + x[3 * i + 2] * y[6 + j];
                }
            }
            return o;
        }

        /** xᵀ·y. */
        static double[] mulTransposeLeft(double[] x, double[] y) {
            double[] o = new double[9];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    o[3 * i + j] = x[i] * y[j] + x[3 + i] * y[3 + j] + x[6 + i] * y[6 + j];
                }
            }
            return o;
        }

        /** x·yᵀ. */
        static double[] mulTransposeRight(double[] x, double[] y) {
            double[] o = new double[9];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    o[3 * i + j] = x[3 * i] * y[3 * j] + x[3 * i + 1] * y[3 * j + 1] + x[3 * i + 2] * y[3 * j + 2];
                }
            }
            return o;
        }

        static double[] transpose(double[] x) {
            return new double[] {x[0], x[3], x[6], x[1], x[4], x[7], x[2], x[5], x[8]};
        }

        static double[] inverse(double[] m) {
            double det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6])
                    + m[2] * (m[3] * m[7] - m[4] * m[6]);
            if (det == 0 || !Double.isFinite(det)) {
                throw new IllegalArgumentException("singular 3x3 matrix");
            }
            double id = 1.0 / det;
            return new double[] {
                (m[4] * m[8] - m[5] * m[7]) * id, (m[2] * m[7] - m[1] * m[8]) * id, (m[1] * m[5] - m[2] * m[4]) * id,
                (m[5] * m[6] - m[3] * m[8]) * id, (m[0] * m[8] - m[2] * m[6]) * id, (m[2] * m[3] - m[0] * m[5]) * id,
                (m[3] * m[7] - m[4] * m[6]) * id, (m[1] * m[6] - m[0] * m[7]) * id, (m[0] * m[4] - m[1] * m[3]) * id};
        }
    }
}

package org.bragg.model.symmetry.internal;

/**
 * Niggli reduction by the algorithm of Křivý &amp; Gruber (1976), Acta Cryst. A32, 297–298,
 * with the floating-point tolerance scheme of Grosse-Kunstleve, Sauter &amp; Adams (2004),
 * Acta Cryst. A60, 1–6 (every comparison x &lt; y is evaluated as x &lt; y − ε).
 *
 * <p>Works on the Gruber parameters A = a·a, B = b·b, C = c·c, ξ = 2b·c, η = 2a·c,
 * ζ = 2a·b (Å²) and accumulates the integer basis matrix P = M₁·M₂·…, whose columns are the
 * reduced basis vectors in terms of the input ones. The transformation matrices and the sign
 * choices of steps A3/A4 are those of the paper (as implemented in cctbx), so the resulting P
 * is the same as cctbx's {@code r_inv()} even when the reduced cell has extra symmetry.
 *
 * <p>One instance performs one reduction in its constructor; not thread-safe while running.
 */
public final class KrivyGruber {

    private double ga, gb, gc, xi, eta, zeta;
    private final double eps;
    private final int limit;
    private final int[] p = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    private int iterations;

    /**
     * Runs the reduction.
     *
     * @param g metric tensor, row-major double[9] (Å²), not modified
     * @param epsilon absolute tolerance ε in Å² (cctbx: 1e-5·V^(1/3))
     * @param iterationLimit maximum number of basis changes
     * @throws IllegalStateException if the limit is exceeded
     */
    public KrivyGruber(double[] g, double epsilon, int iterationLimit) {
        ga = g[0];
        gb = g[4];
        gc = g[8];
        xi = 2 * g[5];
        eta = 2 * g[2];
        zeta = 2 * g[1];
        eps = epsilon;
        limit = iterationLimit;
        while (step()) {
            // iterate
        }
    }

    /** Reduced metric as cctbx sym_mat3 (a·a, b·b, c·c, a·b, a·c, b·c). */
    public double[] reducedSymMat3() {
        return new double[] {ga, gb, gc, zeta / 2, eta / 2, xi / 2};
    }

    /** Accumulated basis matrix P, row-major int[9] (copy). */
    public int[] basisMatrix() {
        return p.clone();
    }

    /** Number of basis changes applied. */
    public int iterations() {
        return iterations;
    }

    private boolean lt(double x, double y) {
        return x < y - eps;
    }

    private boolean gt(double x, double y) {
        return lt(y, x);
    }

    private boolean eq(double x, double y) {
        return !(lt(x, y) || lt(y, x));
    }

    private boolean step() {
        // A1
        if (gt(ga, gb) || (eq(ga, gb) && gt(Math.abs(xi), Math.abs(eta)))) {
            update(0, -1, 0, -1, 0, 0, 0, 0, -1);
            double t = ga;
            ga = gb;
            gb = t;
            t = xi;
            xi = eta;
            eta = t;
        }
        // A2
        if (gt(gb, gc) || (eq(gb, gc) && gt(Math.abs(eta), Math.abs(zeta)))) {
            update(-1, 0, 0, 0, 0, -1, 0, -1, 0);
            double t = gb;
            gb = gc;
            gc = t;
            t = eta;
            eta = zeta;
            zeta = t;
            return true;
        }
        // A3 / A4: make the signs of xi, eta, zeta all + or all -
        int nZero = 0;
        int nPos = 0;
        for (double v : new double[] {xi, eta, zeta}) {
            if (lt(0, v)) {
                nPos++;
            } else if (!lt(v, 0)) {
                nZero++;
            }
        }
        if (nPos == 3 || (nZero == 0 && nPos == 1)) {
            int i = lt(xi, 0) ? -1 : 1;
            int j = lt(eta, 0) ? -1 : 1;
            int k = lt(zeta, 0) ? -1 : 1;
            update(i, 0, 0, 0, j, 0, 0, 0, k);
            xi = Math.abs(xi);
            eta = Math.abs(eta);
            zeta = Math.abs(zeta);
        } else {
            int[] f = {1, 1, 1};
            int z = -1;
            double[] v = {xi, eta, zeta};
            for (int n = 0; n < 3; n++) {
                if (gt(v[n], 0)) {
                    f[n] = -1;
                } else if (!lt(v[n], 0)) {
                    z = n;
                }
            }
            if (f[0] * f[1] * f[2] < 0) {
                if (z < 0) {
                    throw new IllegalStateException("Krivy-Gruber step A4: no zero parameter to flip");
                }
                f[z] = -1;
            }
            update(f[0], 0, 0, 0, f[1], 0, 0, 0, f[2]);
            xi = -Math.abs(xi);
            eta = -Math.abs(eta);
            zeta = -Math.abs(zeta);
        }
        // A5
        if (gt(Math.abs(xi), gb) || (eq(xi, gb) && lt(eta + eta, zeta)) || (eq(xi, -gb) && lt(zeta, 0))) {
            if (xi > 0) {
                update(1, 0, 0, 0, 1, -1, 0, 0, 1);
                gc += gb - xi;
                xi -= gb + gb;
                eta -= zeta;
            } else {
                update(1, 0, 0, 0, 1, 1, 0, 0, 1);
                gc += gb + xi;
                xi += gb + gb;
                eta += zeta;
            }
            return true;
        }
        // A6
        if (gt(Math.abs(eta), ga) || (eq(eta, ga) && lt(xi + xi, zeta)) || (eq(eta, -ga) && lt(zeta, 0))) {
            if (eta > 0) {
                update(1, 0, -1, 0, 1, 0, 0, 0, 1);
                gc += ga - eta;
                xi -= zeta;
                eta -= ga + ga;
            } else {
                update(1, 0, 1, 0, 1, 0, 0, 0, 1);
                gc += ga + eta;
                xi += zeta;
                eta += ga + ga;
            }
            return true;
        }
        // A7
        if (gt(Math.abs(zeta), ga) || (eq(zeta, ga) && lt(xi + xi, eta)) || (eq(zeta, -ga) && lt(eta, 0))) {
            if (zeta > 0) {
                update(1, -1, 0, 0, 1, 0, 0, 0, 1);
                gb += ga - zeta;
                xi -= eta;
                zeta -= ga + ga;
            } else {
                update(1, 1, 0, 0, 1, 0, 0, 0, 1);
                gb += ga + zeta;
                xi += eta;
                zeta += ga + ga;
            }
            return true;
        }
        // A8
        double s = xi + eta + zeta + ga + gb;
        if (lt(s, 0) || (eq(s, 0) && gt(ga + ga + eta + eta + zeta, 0))) {
            update(1, 0, 1, 0, 1, 1, 0, 0, 1);
            gc += s;
            xi += gb + gb + zeta;
            eta += ga + ga + zeta;
            return true;
        }
        return false;
    }

    /** P = P·M for the row-major matrix M given element by element. */
    private void update(int... m) {
        if (iterations == limit) {
            throw new IllegalStateException("Krivy-Gruber iteration limit exceeded (limit=" + limit + ")");
        }
        int[] o = new int[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                o[3 * i + j] = p[3 * i] * m[j] + p[3 * i + 1] * m[3 + j] + p[3 * i + 2] * m[6 + j];
            }
        }
        System.arraycopy(o, 0, p, 0, 9);
        iterations++;
    }
}

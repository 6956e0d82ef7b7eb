package org.bragg.refinement.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Unit-cell restraints {@code tie_to_target} (DIALS {@code SingleUnitCellTie}): residuals pᵢ − targetᵢ for
 * the cell parameters a, b, c (Å), α, β, γ (degrees) with weights 1/σᵢ², gradients through dB/dp. A σ of 0
 * removes a restraint; parameters fixed by the lattice symmetry (all-zero gradient) are dropped; when two
 * lengths are constrained equal only the stronger restraint is kept.
 */
public final class CellRestraints {
	private final UnitCellParam param;
	private final int offset;
	private final double[] target;
	private final double[] weight; // 0 = no restraint

	public CellRestraints(UnitCellParam param, int offset, double[] target, double[] sigma) {
		this.param = param;
		this.offset = offset;
		this.target = target.clone();
		double[] s = sigma.clone();
		param.compose(0);
		double[][] g = gradients();
		double[] cell = cell(param.state);
		int[][] pairs = { { 0, 1 }, { 0, 2 }, { 1, 2 } };
		for (int[] pr : pairs) {
			int i = pr[0], j = pr[1];
			if (Math.abs(cell[i] - cell[j]) < 1e-10 && maxDiff(g[i], g[j]) < 1e-10) {
				double strong = Math.min(s[i], s[j]), weak = Math.max(s[i], s[j]);
				if (strong == 0) strong = weak;
				s[i] = strong;
				s[j] = 0;
			}
		}
		weight = new double[6];
		for (int i = 0; i < 6; i++) {
			boolean any = false;
			for (double v : g[i]) any |= Math.abs(v) > 1e-10;
			weight[i] = any && s[i] > 0 ? 1 / (s[i] * s[i]) : 0;
		}
	}

	private static double maxDiff(double[] a, double[] b) {
		double m = 0;
		for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
		return m;
	}

	public int numResiduals() {
		int n = 0;
		for (double w : weight) if (w > 0) n++;
		return n;
	}

	/** Cell {a, b, c, α, β, γ} (Å, degrees) of a B matrix. */
	static double[] cell(double[] b) {
		double[] gs = V.mm(RayMath.transpose(b), b);
		double[] g = RayMath.inverse(gs);
		double a = Math.sqrt(g[0]), bb = Math.sqrt(g[4]), c = Math.sqrt(g[8]);
		return new double[] { a, bb, c, Math.toDegrees(Math.acos(g[5] / (bb * c))), Math.toDegrees(Math.acos(g[2] / (a * c))),
				Math.toDegrees(Math.acos(g[1] / (a * bb))) };
	}

	/** d(cell_i)/dp_k for the free parameters of the unit-cell parameterisation (static). */
	double[][] gradients() {
		double[] b = param.state;
		int nf = param.numFree();
		double[][] out = new double[6][nf];
		double[] gs = V.mm(RayMath.transpose(b), b);
		double[] g = RayMath.inverse(gs);
		double a = Math.sqrt(g[0]), bb = Math.sqrt(g[4]), c = Math.sqrt(g[8]);
		for (int q = 0; q < param.nDeriv; q++) {
			int k = param.derivIndex[q];
			double[] db = param.deriv[q];
			double[] dgs = V.add9(V.mm(RayMath.transpose(db), b), V.mm(RayMath.transpose(b), db));
			double[] dg = V.scale(V.mm(V.mm(g, dgs), g), -1);
			double da = dg[0] / (2 * a), dbb = dg[4] / (2 * bb), dc = dg[8] / (2 * c);
			out[0][k] = da;
			out[1][k] = dbb;
			out[2][k] = dc;
			out[3][k] = dAngle(g[5], bb, c, dg[5], dbb, dc);
			out[4][k] = dAngle(g[2], a, c, dg[2], da, dc);
			out[5][k] = dAngle(g[1], a, bb, dg[1], da, dbb);
		}
		return out;
	}

	private static double dAngle(double gij, double x, double y, double dgij, double dx, double dy) {
		double cos = gij / (x * y);
		double dcos = dgij / (x * y) - gij * (dx * y + x * dy) / (x * x * y * y);
		return Math.toDegrees(-dcos / Math.sqrt(Math.max(1e-300, 1 - cos * cos)));
	}

	/** Appends residuals, weights and Jacobian rows (p columns, at this parameterisation's offset). */
	public void append(List<double[]> rows, List<Double> resid, List<Double> w, int p) {
		param.compose(0);
		double[] cell = cell(param.state);
		double[][] g = gradients();
		for (int i = 0; i < 6; i++) {
			if (weight[i] == 0) continue;
			double[] row = new double[p];
			System.arraycopy(g[i], 0, row, offset, g[i].length);
			rows.add(row);
			resid.add(cell[i] - target[i]);
			w.add(weight[i]);
		}
	}

	static List<CellRestraints> none() { return new ArrayList<>(); }
}

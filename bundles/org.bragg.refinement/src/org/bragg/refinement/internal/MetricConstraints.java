package org.bragg.refinement.internal;

import java.util.ArrayList;
import java.util.List;

import org.bragg.model.symmetry.SpaceGroup;
import org.bragg.model.symmetry.SymOp;

/**
 * Symmetry constraints on the reciprocal metric tensor G* (cctbx {@code tensor_rank_2_constraints} with
 * {@code reciprocal_space=True}): for every rotation R of the space group, R·G*·Rᵀ = G*. The six
 * elements are in cctbx {@code sym_mat3} order (g00, g11, g22, g01, g02, g12). The constraint equations
 * are brought to reduced row echelon form; the independent parameters are the non-pivot columns (so
 * tetragonal lattices keep g11, g22; hexagonal g22, g01; cubic g22 — as cctbx), and
 * {@link #enlarge} reconstructs all six elements from them. Immutable and thread-safe.
 */
public final class MetricConstraints {
	private static final int[][] IDX = { { 0, 0 }, { 1, 1 }, { 2, 2 }, { 0, 1 }, { 0, 2 }, { 1, 2 } };

	private final int[] independent;
	/** 6 × k matrix: g = C·p */
	private final double[][] c;

	public MetricConstraints(SpaceGroup sg) {
		List<double[]> rows = new ArrayList<>();
		for (SymOp op : sg.symOps()) {
			int[] r = op.rotation();
			// coefficients of (R G Rᵀ − G)_{ab} in terms of the 6 independent symmetric elements
			for (int[] ab : IDX) {
				double[] row = new double[6];
				int a = ab[0], b = ab[1];
				for (int i = 0; i < 3; i++)
					for (int j = 0; j < 3; j++) {
						double coef = r[3 * a + i] * r[3 * b + j];
						if (coef == 0) continue;
						row[symIndex(i, j)] += coef;
					}
				row[symIndex(a, b)] -= 1;
				boolean nz = false;
				for (double v : row) nz |= v != 0;
				if (nz) rows.add(row);
			}
		}
		// reduced row echelon form with leftmost pivots
		double[][] m = rows.toArray(new double[0][]);
		int nr = m.length;
		boolean[] pivotCol = new boolean[6];
		int[] pivotRowOfCol = new int[6];
		java.util.Arrays.fill(pivotRowOfCol, -1);
		int row = 0;
		for (int col = 0; col < 6 && row < nr; col++) {
			int best = -1;
			double bestAbs = 1e-9;
			for (int i = row; i < nr; i++) if (Math.abs(m[i][col]) > bestAbs) {
				bestAbs = Math.abs(m[i][col]);
				best = i;
			}
			if (best < 0) continue;
			double[] t = m[row];
			m[row] = m[best];
			m[best] = t;
			double p = m[row][col];
			for (int j = 0; j < 6; j++) m[row][j] /= p;
			for (int i = 0; i < nr; i++) {
				if (i == row || m[i][col] == 0) continue;
				double f = m[i][col];
				for (int j = 0; j < 6; j++) m[i][j] -= f * m[row][j];
			}
			pivotCol[col] = true;
			pivotRowOfCol[col] = row;
			row++;
		}
		List<Integer> ind = new ArrayList<>();
		for (int col = 0; col < 6; col++) if (!pivotCol[col]) ind.add(col);
		independent = ind.stream().mapToInt(Integer::intValue).toArray();
		c = new double[6][independent.length];
		for (int k = 0; k < independent.length; k++) c[independent[k]][k] = 1;
		for (int col = 0; col < 6; col++) {
			if (!pivotCol[col]) continue;
			double[] pr = m[pivotRowOfCol[col]];
			for (int k = 0; k < independent.length; k++) c[col][k] = -pr[independent[k]];
		}
	}

	private static int symIndex(int i, int j) {
		if (i == j) return i;
		int a = Math.min(i, j), b = Math.max(i, j);
		return a == 0 ? (b == 1 ? 3 : 4) : 5;
	}

	/** @return the sym_mat3 indices of the independent parameters */
	public int[] independentIndices() { return independent.clone(); }

	public int numIndependent() { return independent.length; }

	/** @return independent parameters of a full sym_mat3 */
	public double[] reduce(double[] g6) {
		double[] p = new double[independent.length];
		for (int k = 0; k < p.length; k++) p[k] = g6[independent[k]];
		return p;
	}

	/** @return all six sym_mat3 elements from the independent parameters */
	public double[] enlarge(double[] p) {
		double[] g = new double[6];
		for (int i = 0; i < 6; i++)
			for (int k = 0; k < p.length; k++) g[i] += c[i][k] * p[k];
		return g;
	}

	/** @return dg_i/dp_k, 6 × k (copy) */
	public double[][] jacobian() {
		double[][] o = new double[6][];
		for (int i = 0; i < 6; i++) o[i] = c[i].clone();
		return o;
	}
}

package org.bragg.indexing.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bragg.model.Crystal;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Mat3;
import org.bragg.model.Panel;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionTable;

/**
 * Scores one candidate crystal model by how well it predicts the spots it indexes, without
 * refinement ({@code basis_vector_combinations.evaluation=fast}; the default {@code refine} runs the
 * geometry refiner as DIALS {@code ModelEvaluation} does and uses this class only for the counts).
 *
 * <p>The indexed spots are predicted with the candidate as found (rotation: φ from the Ewald
 * condition; stills: ΔΨ), residuals outside Tukey's fences (Q1 − 3·IQR, Q3 + 3·IQR, as DIALS's
 * evaluation doubles the default multiplier) are dropped, and the RMSDs of x, y (mm) and φ (rad) over
 * the remaining spots are returned, so that a more accurate basis scores better. A least-squares A
 * (A = Σ r·hᵀ·(Σ h·hᵀ)⁻¹ over the kept spots) is returned as well.
 */
public final class CandidateEvaluator {
	private CandidateEvaluator() {}

	/**
	 * @param crystal the candidate as given (returned unchanged, as DIALS reports it)
	 * @param rmsds x, y (mm) and φ (rad)
	 * @param nIndexed spots indexed by the candidate
	 * @param fractionIndexed nIndexed / spots within the resolution limit
	 * @param likelihood 1 − √(rmsd_x² + rmsd_y²)
	 * @param fitted the least-squares model
	 */
	public record Score(Crystal crystal, double[] rmsds, int nIndexed, double fractionIndexed, double likelihood, Crystal fitted) {}

	/**
	 * @param experiments the experiments the table's {@code id} refers to (models other than the crystal are used for prediction)
	 * @param table reflections within the resolution limit, with {@code id} (−1 = unindexed),
	 *        {@code miller_index}, {@code rlp}, {@code xyzobs.mm.value} and {@code panel}
	 * @return the score, or null if too few spots are indexed to fit
	 */
	public static Score evaluate(Crystal crystal, ExperimentList experiments, ReflectionTable table) {
		int n = table.size();
		int[] id = table.get(Columns.ID);
		List<Integer> rows = new ArrayList<>();
		for (int i = 0; i < n; i++) if (id[i] >= 0) rows.add(i);
		if (rows.size() < 6) return null;
		int[] idx = rows.stream().mapToInt(Integer::intValue).toArray();
		Mat3 a0 = crystal.a();
		double[] res = residuals(a0, experiments, table, idx);
		boolean[] keep = tukey(res, idx.length, 3.0, anyRotation(experiments));
		int[] inl = select(idx, keep);
		if (inl.length < 6) return null;
		Mat3 a2 = fitA(table, inl);
		if (a2 == null) return null;
		double[] res2 = residuals(a0, experiments, table, inl);
		double[] rmsd = new double[3];
		int m = inl.length, count = 0;
		for (int i = 0; i < m; i++) {
			if (Double.isNaN(res2[3 * i])) continue;
			count++;
			for (int c = 0; c < 3; c++) rmsd[c] += res2[3 * i + c] * res2[3 * i + c];
		}
		if (count == 0) return null;
		for (int c = 0; c < 3; c++) rmsd[c] = Math.sqrt(rmsd[c] / count);
		double xy = Math.sqrt(rmsd[0] * rmsd[0] + rmsd[1] * rmsd[1]);
		Crystal fitted;
		try {
			fitted = crystal.withA(a2);
		} catch (RuntimeException e) {
			return null;
		}
		return new Score(crystal, rmsd, idx.length, (double) idx.length / n, 1 - xy, fitted);
	}

	static boolean anyRotation(ExperimentList el) {
		for (Experiment e : el) if (!e.isStill()) return true;
		return false;
	}

	/** Least-squares A from rlps and Miller indices of the given rows; null if singular. */
	public static Mat3 fitA(ReflectionTable t, int[] rows) {
		double[] rlp = t.get(Columns.RLP);
		int[] hkl = t.get(Columns.MILLER_INDEX);
		double[] rh = new double[9], hh = new double[9];
		for (int i : rows) {
			for (int r = 0; r < 3; r++)
				for (int c = 0; c < 3; c++) {
					rh[3 * r + c] += rlp[3 * i + r] * hkl[3 * i + c];
					hh[3 * r + c] += (double) hkl[3 * i + r] * hkl[3 * i + c];
				}
		}
		try {
			return Mat3.of(rh).times(Mat3.of(hh).inverse());
		} catch (IllegalStateException e) {
			return null;
		}
	}

	/** Residuals (calc − obs) x, y (mm) and φ (rad) per row; NaN where no prediction exists. */
	static double[] residuals(Mat3 a, ExperimentList experiments, ReflectionTable t, int[] rows) {
		int[] id = t.get(Columns.ID);
		int[] hkl = t.get(Columns.MILLER_INDEX);
		long[] panel = t.get(Columns.PANEL);
		double[] obs = t.get(Columns.XYZOBS_MM_VALUE);
		double[] out = new double[3 * rows.length];
		double[] p = new double[3];
		double[] am = a.toArray();
		SpotPrediction.Geometry[] geo = new SpotPrediction.Geometry[experiments.size()];
		for (int k = 0; k < rows.length; k++) {
			int i = rows[k];
			SpotPrediction.Geometry g = geo[id[i]];
			if (g == null) g = geo[id[i]] = new SpotPrediction.Geometry(experiments.get(id[i]));
			if (!g.predict(am, hkl[3 * i], hkl[3 * i + 1], hkl[3 * i + 2], obs[3 * i + 2], (int) panel[i], p, 0)) {
				out[3 * k] = out[3 * k + 1] = out[3 * k + 2] = Double.NaN;
				continue;
			}
			out[3 * k] = p[0] - obs[3 * i];
			out[3 * k + 1] = p[1] - obs[3 * i + 1];
			out[3 * k + 2] = g.isStill() ? 0 : p[2] - obs[3 * i + 2];
		}
		return out;
	}

	/** Tukey fences on each residual component (NaN rows rejected). */
	static boolean[] tukey(double[] res, int n, double iqrMultiplier, boolean usePhi) {
		boolean[] keep = new boolean[n];
		Arrays.fill(keep, true);
		for (int c = 0; c < (usePhi ? 3 : 2); c++) {
			double[] v = new double[n];
			int m = 0;
			for (int i = 0; i < n; i++) if (!Double.isNaN(res[3 * i + c])) v[m++] = res[3 * i + c];
			if (m < 4) continue;
			double[] s = Arrays.copyOf(v, m);
			Arrays.sort(s);
			double q1 = quantile(s, 0.25), q3 = quantile(s, 0.75), iqr = q3 - q1;
			double lo = q1 - iqrMultiplier * iqr, hi = q3 + iqrMultiplier * iqr;
			for (int i = 0; i < n; i++) {
				double x = res[3 * i + c];
				if (Double.isNaN(x) || x < lo || x > hi) keep[i] = false;
			}
		}
		return keep;
	}

	/** Linear-interpolation quantile of sorted data (numpy default). */
	static double quantile(double[] sorted, double q) {
		double pos = q * (sorted.length - 1);
		int lo = (int) Math.floor(pos);
		int hi = Math.min(lo + 1, sorted.length - 1);
		return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
	}

	static int[] select(int[] idx, boolean[] keep) {
		int c = 0;
		for (boolean b : keep) if (b) c++;
		int[] out = new int[c];
		for (int i = 0, k = 0; i < idx.length; i++) if (keep[i]) out[k++] = idx[i];
		return out;
	}

	/** @return the U matrix A·B⁻¹ of a crystal */
	public static Mat3 uMatrix(Crystal c) {
		Mat3 b = Mat3.of(org.bragg.model.symmetry.UnitCell.of(c.unitCellParameters()).bMatrix());
		return c.a().times(b.inverse());
	}

}

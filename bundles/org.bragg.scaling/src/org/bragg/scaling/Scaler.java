package org.bragg.scaling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.bragg.export.mtz.ScaledIntensities;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Scan;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionFlag;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.model.symmetry.SpaceGroup;
import org.bragg.model.symmetry.UnitCell;
import org.ejml.simple.SimpleMatrix;

/**
 * Scales one rotation sweep with the scale and decay terms of DIALS's physical model (Beilsten-Edmands et
 * al. 2020, Acta Cryst. D76, 385–399): inverse scale g(φ, d) = C(φ)·exp(B(φ)/2d²), with C and B smooth
 * functions of the rotation angle φ built from parameters at regular φ intervals with Gaussian weights
 * (w_j = exp(−(φ − φ_j)²/2σ²), σ = ½ spacing). Refined by Gauss–Newton (normal equations solved with EJML)
 * on Φ = Σ w_hl (I_hl − g_hl⟨I_h⟩)² + λ Σ B_j², ⟨I_h⟩ = Σ w g I / Σ w g²; then the basic error model
 * σ'² = a²(σ² + (bI)²) is fitted so that the normalised deviations δ_hl = √((n−1)/n)(I/g − ⟨I_h⟩)/(σ'/g)
 * have unit variance in 10 equal-count bins of ⟨I_h⟩ (groups with n ≥ 2), and
 * observations with |z| &gt; zmax against the weighted mean of the other observations are rejected.
 * Intensities: profile-fitted (reflections without a profile fit are excluded) if present, else summation,
 * with lp applied and qe divided out; partiality ≥ 0.4 and I/σ ≥ −5.
 *
 * <p>Not implemented (see the class {@code ScalingParameters}): the absorption surface, the prf/sum
 * combination search, multi-sweep scaling.
 *
 * @since 0.1
 */
public final class Scaler {
	private Scaler() {}

	/** Result of scaling. {@code scale}/{@code decay} are the parameter values at {@code scalePhi}/{@code decayPhi} (degrees). @since 0.1 */
	public record Result(ExperimentList experiments, ReflectionTable reflections, double errorA, double errorB, double[] scalePhi, double[] scale,
			double[] decayPhi, double[] decay, int nOutliers, int nUsed, Observations observations) {}

	/** Auto parameter intervals (scale°, decay°) of DIALS for an oscillation range in degrees. */
	public static double[] autoIntervals(double rangeDeg) {
		if (rangeDeg < 5) return new double[] { 1, 1.5 };
		if (rangeDeg < 10) return new double[] { 2, 3 };
		if (rangeDeg < 25) return new double[] { 4, 5 };
		if (rangeDeg < 90) return new double[] { 8, 10 };
		return new double[] { 15, 20 };
	}

	/**
	 * Scales {@code table} (integrated reflections of a single rotation experiment).
	 * @throws IllegalArgumentException if there is not exactly one experiment with a scan and crystal, or no usable intensities
	 */
	public static Result scale(ExperimentList experiments, ReflectionTable table, ScalingParameters p, Consumer<String> log) {
		if (experiments.size() != 1) throw new IllegalArgumentException("scaling supports one sweep at present, found " + experiments.size() + " experiments");
		Experiment e = experiments.get(0);
		Scan scan = e.scan();
		if (scan == null || e.crystal() == null) throw new IllegalArgumentException("scaling needs a rotation scan and a crystal model");
		ReflectionTable t = table;
		ScaledIntensities si;
		{
			// choose intensities as export does for unscaled data (prf else sum, lp/qe applied, g = 1)
			ReflectionTable copy = t.select(allRows(t.size()));
			copy.remove(ScaledIntensities.INTENSITY_SCALE_VALUE.name());
			copy.remove(Columns.INVERSE_SCALE_FACTOR.name());
			int nc = combinePartials(copy);
			if (nc > 0) log.accept("Combined " + nc + " partial reflections with other partial reflections");
			si = ScaledIntensities.select(copy);
		}
		if (si.size() == 0) throw new IllegalArgumentException("no reflections with usable intensities to scale");
		SpaceGroup sg = SpaceGroup.fromHall(e.crystal().spaceGroupHall());
		UnitCell cell = UnitCell.of(e.crystal().unitCellParameters());
		int[] all = t.get(Columns.MILLER_INDEX);
		int[] hkl = new int[3 * si.size()];
		for (int k = 0; k < si.size(); k++) System.arraycopy(all, 3 * si.rows()[k], hkl, 3 * k, 3);
		Observations obs = new Observations(sg, cell, hkl, si.intensity(), si.variance(), si.rows());
		int n = obs.size();
		double[] xyz = t.has(Columns.XYZOBS_PX_VALUE) ? t.get(Columns.XYZOBS_PX_VALUE) : t.get(Columns.XYZCAL_PX);
		double[] phi = new double[n], inv2d2 = new double[n];
		for (int k = 0; k < n; k++) {
			phi[k] = scan.angleFromArrayIndex(xyz[3 * obs.sourceRow[k] + 2]);
			inv2d2[k] = obs.dStarSq[k] / 2;
		}
		double[] range = scan.oscillationRange();
		double[] auto = autoIntervals(Math.abs(range[1] - range[0]));
		double si0 = p.scaleInterval() > 0 ? p.scaleInterval() : auto[0], di0 = p.decayInterval() > 0 ? p.decayInterval() : auto[1];
		double[] sPhi = positions(range, si0), bPhi = positions(range, di0);
		double[][] ws = weights(phi, sPhi), wb = weights(phi, bPhi);
		int ns = sPhi.length, nb = bPhi.length, np = ns + nb;
		double[] c = new double[ns], b = new double[nb];
		Arrays.fill(c, 1.0);
		double[] var = obs.variance.clone();
		boolean[] out = new boolean[n];
		double ea = 1, eb = 0;
		double[] g = new double[n];
		int[] grpOf = new int[n];
		for (int gi = 0; gi < obs.numGroups(); gi++) for (int j = obs.groupStart[gi]; j < obs.groupStart[gi + 1]; j++) grpOf[j] = gi;
		SimpleMatrix cov = null;
		log.accept(String.format("Scaling %d reflections: scale term %d parameters (%.1f° apart), decay term %d parameters (%.1f° apart)", n, ns, si0, nb, di0));
		for (int cycle = 0; cycle < p.nCycles(); cycle++) {
			for (int it = 0; it < 15; it++) {
				model(c, b, ws, wb, inv2d2, g);
				double[] mean = groupMeans(obs, g, var, out);
				SimpleMatrix A = new SimpleMatrix(np, np), rhs = new SimpleMatrix(np, 1);
				double[] d = new double[np];
				double phiBefore = 0;
				for (int k = 0; k < n; k++) {
					int grp = grpOf[k];
					if (out[k] || Double.isNaN(mean[grp]) || obs.groupStart[grp + 1] - obs.groupStart[grp] < 2) continue;
					double w = 1 / var[k], m = mean[grp], r = obs.intensity[k] - g[k] * m;
					phiBefore += w * r * r;
					double ex = g[k] / sumOf(ws[k], c);
					for (int j = 0; j < ns; j++) d[j] = ws[k][j] * ex * m;
					for (int j = 0; j < nb; j++) d[ns + j] = g[k] * wb[k][j] * inv2d2[k] * m;
					for (int i = 0; i < np; i++) {
						if (d[i] == 0) continue;
						rhs.set(i, 0, rhs.get(i, 0) + w * d[i] * r);
						for (int j = 0; j < np; j++) A.set(i, j, A.get(i, j) + w * d[i] * d[j]);
					}
				}
				for (int j = 0; j < nb; j++) {
					A.set(ns + j, ns + j, A.get(ns + j, ns + j) + p.decayRestraint());
					rhs.set(ns + j, 0, rhs.get(ns + j, 0) - p.decayRestraint() * b[j]);
				}
				// fix the overall scale: restrain the mean scale parameter to 1
				for (int i = 0; i < ns; i++) for (int j = 0; j < ns; j++) A.set(i, j, A.get(i, j) + 1e3 / (ns * ns));
				double meanC = Arrays.stream(c).average().orElse(1);
				for (int i = 0; i < ns; i++) rhs.set(i, 0, rhs.get(i, 0) - 1e3 / ns * (meanC - 1));
				SimpleMatrix delta = A.solve(rhs);
				cov = A.invert();
				double maxShift = 0;
				for (int j = 0; j < ns; j++) { c[j] += delta.get(j, 0); maxShift = Math.max(maxShift, Math.abs(delta.get(j, 0))); }
				for (int j = 0; j < nb; j++) { b[j] += delta.get(ns + j, 0); maxShift = Math.max(maxShift, Math.abs(delta.get(ns + j, 0)) / 10); }
				if (maxShift < 1e-5) break;
			}
			model(c, b, ws, wb, inv2d2, g);
			if (p.errorModel()) {
				double[] ab = fitErrorModel(obs, g, out);
				ea = ab[0]; eb = ab[1];
				for (int k = 0; k < n; k++) var[k] = ea * ea * (obs.variance[k] + eb * eb * obs.intensity[k] * obs.intensity[k]);
				log.accept(String.format("Cycle %d: error model a = %.5f, b = %.5f", cycle + 1, ea, eb));
			}
			int nOut = rejectOutliers(obs, g, var, out, p.outlierZmax());
			log.accept(String.format("Cycle %d: %d outliers (|z| > %.1f)", cycle + 1, nOut, p.outlierZmax()));
		}
		model(c, b, ws, wb, inv2d2, g);
		// output table
		ReflectionTable r = t.select(allRows(t.size()));
		double[] isf = new double[t.size()], isfVar = new double[t.size()], iv = new double[t.size()], vv = new double[t.size()];
		Arrays.fill(isf, 1.0);
		long[] flags = r.has(Columns.FLAGS) ? r.get(Columns.FLAGS).clone() : new long[t.size()];
		for (int row = 0; row < flags.length; row++) flags[row] = (flags[row] & ~ReflectionFlag.SCALED.mask()) | ReflectionFlag.EXCLUDED_FOR_SCALING.mask();
		int nOutliers = 0;
		double[] d = new double[np];
		for (int k = 0; k < n; k++) {
			int row = obs.sourceRow[k];
			isf[row] = g[k];
			double ex = g[k] / sumOf(ws[k], c);
			for (int j = 0; j < ns; j++) d[j] = ws[k][j] * ex;
			for (int j = 0; j < nb; j++) d[ns + j] = g[k] * wb[k][j] * inv2d2[k];
			double v = 0;
			if (cov != null) for (int i = 0; i < np; i++) for (int j = 0; j < np; j++) v += d[i] * cov.get(i, j) * d[j];
			isfVar[row] = Math.max(v, 0);
			iv[row] = obs.intensity[k];
			vv[row] = var[k];
			flags[row] &= ~ReflectionFlag.EXCLUDED_FOR_SCALING.mask();
			flags[row] |= ReflectionFlag.SCALED.mask();
			if (out[k]) { flags[row] |= ReflectionFlag.OUTLIER_IN_SCALING.mask(); nOutliers++; }
		}
		r.put(Columns.INVERSE_SCALE_FACTOR, isf);
		r.put(ScaledIntensities.INVERSE_SCALE_FACTOR_VARIANCE, isfVar);
		r.put(ScaledIntensities.INTENSITY_SCALE_VALUE, iv);
		r.put(ScaledIntensities.INTENSITY_SCALE_VARIANCE, vv);
		r.put(Columns.FLAGS, flags);
		Map<String, Object> model = new LinkedHashMap<>();
		model.put("__id__", "physical");
		Map<String, Object> cfg = new LinkedHashMap<>();
		cfg.put("corrections", List.of("scale", "decay"));
		cfg.put("scale_rot_interval", si0);
		cfg.put("decay_rot_interval", di0);
		model.put("configuration_parameters", cfg);
		model.put("scale", Map.of("n_parameters", ns, "parameters", toList(c), "est_standard_devs", toList(sd(cov, 0, ns))));
		model.put("decay", Map.of("n_parameters", nb, "parameters", toList(b), "est_standard_devs", toList(sd(cov, ns, nb))));
		model.put("error_model", Map.of("__id__", "basic", "parameters", List.of(ea, eb)));
		ExperimentList el = experiments.with(0, e.withScalingModel(model));
		return new Result(el, r, ea, eb, sPhi, c, bPhi, b, nOutliers, n, obs);
	}

	/**
	 * Sums partial reflections sharing a {@code partial_id} (intensities, variances and partialities of prf and
	 * sum) into the first row of each set and removes the others (id set to −1), as DIALS's
	 * {@code combine_partial_reflections}. Returns the number of rows merged away.
	 */
	static int combinePartials(ReflectionTable t) {
		if (!t.has("partial_id")) return 0;
		Object raw = t.getRaw("partial_id");
		long[] pid;
		if (raw instanceof int[] a) { pid = new long[a.length]; for (int i = 0; i < a.length; i++) pid[i] = a[i]; }
		else if (raw instanceof long[] a) pid = a;
		else if (raw instanceof double[] a) { pid = new long[a.length]; for (int i = 0; i < a.length; i++) pid[i] = (long) a[i]; }
		else return 0;
		int[] id = t.has(Columns.ID) ? t.get(Columns.ID) : null;
		if (id == null) { id = new int[t.size()]; t.put(Columns.ID, id); }
		java.util.Map<Long, Integer> first = new java.util.HashMap<>();
		int merged = 0;
		double[][] cols = new double[5][];
		String[] names = { "intensity.prf.value", "intensity.prf.variance", "intensity.sum.value", "intensity.sum.variance", "partiality" };
		for (int c = 0; c < 5; c++) cols[c] = t.has(names[c]) && t.getRaw(names[c]) instanceof double[] d ? d : null;
		for (int r = 0; r < pid.length; r++) {
			if (id[r] < 0) continue;
			Integer f = first.putIfAbsent(pid[r], r);
			if (f == null) continue;
			for (double[] col : cols) if (col != null) col[f] += col[r];
			id[r] = -1;
			merged++;
		}
		return merged;
	}

	private static double[] sd(SimpleMatrix cov, int off, int len) {
		double[] s = new double[len];
		if (cov != null) for (int i = 0; i < len; i++) s[i] = Math.sqrt(Math.max(0, cov.get(off + i, off + i)));
		return s;
	}

	private static List<Double> toList(double[] a) { List<Double> l = new ArrayList<>(); for (double v : a) l.add(v); return l; }

	private static int[] allRows(int n) { int[] r = new int[n]; for (int i = 0; i < n; i++) r[i] = i; return r; }

	private static double sumOf(double[] w, double[] c) { double s = 0; for (int j = 0; j < w.length; j++) s += w[j] * c[j]; return s; }

	static double[] positions(double[] range, double interval) {
		double lo = Math.min(range[0], range[1]), hi = Math.max(range[0], range[1]);
		int n = Math.max(2, (int) Math.round((hi - lo) / interval) + 1);
		double[] p = new double[n];
		for (int j = 0; j < n; j++) p[j] = lo + (hi - lo) * j / (n - 1);
		return p;
	}

	/** Normalised Gaussian smoothing weights, one row per observation. */
	static double[][] weights(double[] phi, double[] pos) {
		double sigma = 0.5 * (pos.length > 1 ? pos[1] - pos[0] : 1);
		double[][] w = new double[phi.length][pos.length];
		for (int k = 0; k < phi.length; k++) {
			double s = 0;
			for (int j = 0; j < pos.length; j++) { double u = (phi[k] - pos[j]) / sigma; w[k][j] = Math.exp(-0.5 * u * u); s += w[k][j]; }
			for (int j = 0; j < pos.length; j++) w[k][j] /= s;
		}
		return w;
	}

	private static void model(double[] c, double[] b, double[][] ws, double[][] wb, double[] inv2d2, double[] g) {
		for (int k = 0; k < g.length; k++) g[k] = sumOf(ws[k], c) * Math.exp(sumOf(wb[k], b) * inv2d2[k]);
	}

	private static double[] groupMeans(Observations o, double[] g, double[] var, boolean[] out) {
		double[] m = new double[o.numGroups()];
		for (int gi = 0; gi < m.length; gi++) {
			double num = 0, den = 0;
			for (int k = o.groupStart[gi]; k < o.groupStart[gi + 1]; k++) {
				if (out[k]) continue;
				double w = 1 / var[k];
				num += w * g[k] * o.intensity[k];
				den += w * g[k] * g[k];
			}
			m[gi] = den > 0 ? num / den : Double.NaN;
		}
		return m;
	}

	/** Basic error model: a, b such that the normalised deviations have unit variance in 10 bins of ⟨I⟩. */
	static double[] fitErrorModel(Observations o, double[] g, boolean[] out) {
		List<double[]> pts = new ArrayList<>(); // {Ih, I/g, sigma/g, n}
		for (int gi = 0; gi < o.numGroups(); gi++) {
			int a = o.groupStart[gi], e = o.groupStart[gi + 1];
			int n = 0;
			double num = 0, den = 0;
			for (int k = a; k < e; k++) if (!out[k]) { n++; double w = g[k] * g[k] / o.variance[k]; num += w * o.intensity[k] / g[k]; den += w; }
			if (n < 2) continue;
			double mean = num / den;
			for (int k = a; k < e; k++) if (!out[k]) pts.add(new double[] { mean, o.intensity[k] / g[k], Math.sqrt(o.variance[k]) / g[k], n, o.intensity[k] });
		}
		if (pts.size() < 100) return new double[] { 1, 0 };
		pts.sort((x, y) -> Double.compare(x[0], y[0]));
		int nBins = 10;
		double bestB = 0, bestA = 1, best = Double.POSITIVE_INFINITY;
		for (int ib = 0; ib <= 200; ib++) {
			double bb = 0.0005 * ib;
			double[] v = new double[nBins];
			for (int bin = 0; bin < nBins; bin++) {
				int from = bin * pts.size() / nBins, to = (bin + 1) * pts.size() / nBins;
				double s = 0;
				for (int j = from; j < to; j++) {
					double[] q = pts.get(j);
					double sig2 = q[2] * q[2] + bb * bb * q[1] * q[1];
					double dlt = (q[3] - 1) / q[3] * (q[1] - q[0]) * (q[1] - q[0]) / sig2;
					s += dlt;
				}
				v[bin] = s / (to - from);
			}
			double sv = 0, sv2 = 0;
			for (double x : v) { sv += x; sv2 += x * x; }
			double u = sv / sv2; // 1/a²
			double cost = 0;
			for (double x : v) cost += (x * u - 1) * (x * u - 1);
			if (cost < best) { best = cost; bestB = bb; bestA = Math.sqrt(1 / u); }
		}
		return new double[] { bestA, bestB };
	}

	/** Marks observations whose normalised deviation from the weighted mean of the others exceeds zmax; returns the count. */
	static int rejectOutliers(Observations o, double[] g, double[] var, boolean[] out, double zmax) {
		int count = 0;
		for (int gi = 0; gi < o.numGroups(); gi++) {
			int a = o.groupStart[gi], e = o.groupStart[gi + 1];
			while (true) {
				double sumN = 0, sumD = 0;
				int n = 0;
				for (int k = a; k < e; k++) if (!out[k]) { double w = 1 / var[k]; sumN += w * g[k] * o.intensity[k]; sumD += w * g[k] * g[k]; n++; }
				if (n < 2) break;
				int worst = -1;
				double worstZ = zmax;
				for (int k = a; k < e; k++) {
					if (out[k]) continue;
					double w = 1 / var[k];
					double num = sumN - w * g[k] * o.intensity[k], den = sumD - w * g[k] * g[k];
					if (den <= 0) continue;
					double mo = num / den, z = Math.abs(o.intensity[k] - g[k] * mo) / Math.sqrt(var[k] + g[k] * g[k] / den);
					if (z > worstZ) { worstZ = z; worst = k; }
				}
				if (worst < 0) break;
				out[worst] = true;
				count++;
			}
		}
		return count;
	}
}

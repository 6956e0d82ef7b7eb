package org.bragg.refinement.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.bragg.refinement.RefinementParameters;

/**
 * Centroid outlier rejection as DIALS's {@code CentroidOutlier} subclasses: the predicted observations are
 * split into jobs (per experiment, optionally per panel, and for scans into equal φ blocks close to
 * {@code block_width}); a job with fewer than {@code minimum_number_of_reflections} is rejected entirely;
 * otherwise {@code mcd} rejects squared robust Mahalanobis distances of (X, Y, φ) residuals above the
 * χ²_p quantile at {@code threshold_probability}, {@code tukey} rejects residuals outside
 * [Q1 − k·IQR, Q3 + k·IQR] in any dimension, and {@code sauter_poon} rejects the tail of the positional
 * residual distribution beyond the Rayleigh fit to its lowest 40% (Sauter &amp; Poon 2010, J. Appl. Cryst.
 * 43, 611). Jobs run in parallel with per-job seeds, so results are deterministic.
 */
public final class Outliers {
	private Outliers() {}

	/** Inputs per reflection. */
	public static final class Data {
		public int n;
		public int[] id, panel;
		public double[] phiObs;
		public double[][] resid; // [dim][n]
		/** for sauter_poon: observed and calculated px and pixel size */
		public double[] obsPx, calcPx;
		public double[] pxSize;
	}

	/** A job and its result, for the log table. */
	public record Job(int exp, int panel, double phiStartDeg, double phiEndDeg, int[] rows, int nOut) {}

	/**
	 * @param algorithm mcd, tukey or sauter_poon
	 * @param blockWidthDeg block width per experiment in degrees (null entries: no split)
	 * @return outlier flags
	 */
	public static boolean[] detect(Data d, RefinementParameters.OutlierAlgorithm algorithm, RefinementParameters.Outlier opt, double[] blockWidthDeg,
			long seed, List<Job> jobsOut) {
		List<int[]> jobs = new ArrayList<>();
		List<int[]> meta = new ArrayList<>();
		List<double[]> ranges = new ArrayList<>();
		int nexp = 0;
		for (int i = 0; i < d.n; i++) nexp = Math.max(nexp, d.id[i] + 1);
		List<int[]> byExp = new ArrayList<>();
		if (opt.separateExperiments()) {
			for (int e = 0; e < nexp; e++) {
				final int ee = e;
				byExp.add(IntStream.range(0, d.n).filter(i -> d.id[i] == ee).toArray());
			}
		} else byExp.add(IntStream.range(0, d.n).toArray());
		for (int[] ej : byExp) {
			List<int[]> byPanel = new ArrayList<>();
			if (opt.separatePanels()) {
				int np = 0;
				for (int i : ej) np = Math.max(np, d.panel[i] + 1);
				for (int p = 0; p < np; p++) {
					final int pp = p;
					byPanel.add(Arrays.stream(ej).filter(i -> d.panel[i] == pp).toArray());
				}
			} else byPanel.add(ej);
			for (int[] job : byPanel) {
				int exp = job.length > 0 ? d.id[job[0]] : 0;
				int pan = opt.separatePanels() && job.length > 0 ? d.panel[job[0]] : -1;
				Double bw = blockWidthDeg == null || blockWidthDeg.length == 0 ? null : (Double) blockWidthDeg[Math.min(exp, blockWidthDeg.length - 1)];
				if (job.length == 0 || bw == null || Double.isNaN(bw)) {
					jobs.add(job);
					meta.add(new int[] { exp, pan });
					ranges.add(new double[] { 0, 0 });
					continue;
				}
				double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
				for (int i : job) {
					lo = Math.min(lo, d.phiObs[i]);
					hi = Math.max(hi, d.phiObs[i]);
				}
				double range = hi - lo;
				if (range == 0) {
					jobs.add(job);
					meta.add(new int[] { exp, pan });
					ranges.add(new double[] { 0, 0 });
					continue;
				}
				int nblocks = Math.max(1, (int) Math.round(Math.toDegrees(range) / bw));
				double width = range / nblocks;
				double blockEnd = 0;
				for (int b = 0; b < nblocks - 1; b++) {
					double bs = b * width;
					blockEnd = (b + 1) * width;
					final double a0 = lo + bs, a1 = lo + blockEnd;
					jobs.add(Arrays.stream(job).filter(i -> d.phiObs[i] >= a0 && d.phiObs[i] < a1).toArray());
					meta.add(new int[] { exp, pan });
					ranges.add(new double[] { Math.toDegrees(a0), Math.toDegrees(a1) });
				}
				final double a0 = lo + blockEnd;
				jobs.add(Arrays.stream(job).filter(i -> d.phiObs[i] >= a0).toArray());
				meta.add(new int[] { exp, pan });
				ranges.add(new double[] { Math.toDegrees(a0), Math.toDegrees(hi) });
			}
		}
		boolean[][] results = new boolean[jobs.size()][];
		IntStream.range(0, jobs.size()).parallel().forEach(j -> results[j] = runJob(d, jobs.get(j), algorithm, opt, seed + 7919L * j));
		boolean[] out = new boolean[d.n];
		for (int j = 0; j < jobs.size(); j++) {
			int[] job = jobs.get(j);
			int nout = 0;
			for (int k = 0; k < job.length; k++) if (results[j][k]) {
				out[job[k]] = true;
				nout++;
			}
			if (jobsOut != null) jobsOut.add(new Job(meta.get(j)[0], meta.get(j)[1], ranges.get(j)[0], ranges.get(j)[1], job, nout));
		}
		return out;
	}

	private static boolean[] runJob(Data d, int[] job, RefinementParameters.OutlierAlgorithm alg, RefinementParameters.Outlier opt, long seed) {
		int m = job.length;
		boolean[] out = new boolean[m];
		if (m < opt.minimumNumberOfReflections()) {
			Arrays.fill(out, true);
			return out;
		}
		int p = d.resid.length;
		double[][] cols = new double[p][m];
		for (int j = 0; j < p; j++)
			for (int k = 0; k < m; k++) cols[j][k] = d.resid[j][job[k]];
		switch (alg) {
			case MCD -> {
				RefinementParameters.Mcd o = opt.mcd();
				FastMcd mcd = new FastMcd(cols, o.alpha(), o.maxNGroups(), o.minGroupSize(), o.nTrials(), o.k1(), o.k2(), o.k3(), new Random(seed));
				double[][] ts = mcd.correctedTandS();
				double[] d2 = FastMcd.mahaDistSq(cols, ts[0], ts[1]);
				double cut = Stats.qchisq(o.thresholdProbability(), p);
				for (int k = 0; k < m; k++) out[k] = d2[k] > cut;
			}
			case TUKEY -> {
				double mult = opt.tukey().iqrMultiplier();
				for (double[] c : cols) {
					double[] f = Stats.fiveNumber(c);
					double cut = mult * (f[3] - f[1]);
					for (int k = 0; k < m; k++) if (c[k] > f[3] + cut || c[k] < f[1] - cut) out[k] = true;
				}
			}
			case SAUTER_POON -> sauterPoon(d, job, out);
			default -> throw new IllegalArgumentException("outlier algorithm " + alg);
		}
		return out;
	}

	/** Sauter &amp; Poon (2010) outlier rejection on positional residuals (mm from px × pixel size). */
	static void sauterPoon(Data d, int[] job, boolean[] out) {
		int m = job.length;
		double[] dr = new double[m];
		for (int k = 0; k < m; k++) {
			int i = job[k];
			double dx = (d.obsPx[3 * i] - d.calcPx[3 * i]) * d.pxSize[0];
			double dy = (d.obsPx[3 * i + 1] - d.calcPx[3 * i + 1]) * d.pxSize[1];
			dr[k] = Math.hypot(dx, dy);
		}
		Integer[] order = new Integer[m];
		for (int k = 0; k < m; k++) order[k] = k;
		Arrays.sort(order, (a, b) -> Double.compare(dr[a], dr[b]));
		double[] sorted = new double[m], x = new double[m];
		for (int k = 0; k < m; k++) {
			sorted[k] = dr[order[k]];
			x[k] = (double) k / m;
		}
		int limit = (int) (0.4 * m);
		if (limit < 4) return;
		// fit the Rayleigh CDF 1 − exp(−r²/2σ²) to the lowest 40% (least absolute deviations, golden section)
		double med = sorted[m / 2];
		double sigma0 = Math.max(med / Math.sqrt(2 * Math.log(2)), 1e-9);
		double a = sigma0 * 0.05, b = sigma0 * 20;
		double gr = (Math.sqrt(5) - 1) / 2;
		for (int it = 0; it < 200; it++) {
			double c1 = b - gr * (b - a), c2 = a + gr * (b - a);
			if (lad(sorted, x, limit, c1) < lad(sorted, x, limit, c2)) b = c2;
			else a = c1;
		}
		double sigma = 0.5 * (a + b);
		double sd = Math.sqrt((4 - Math.PI) / 2 * sigma * sigma);
		int radiusOutlierIndex = m;
		outer: for (int i = 0; i < 500; i++) {
			double mx = i / 500.0;
			double my = 1 - Math.exp(-mx * mx / (2 * sigma * sigma));
			for (int j = 1; j < m; j++) {
				double ux = sorted[j], uy = x[j], lx = sorted[j - 1], ly = x[j - 1];
				if (my >= ly && my < uy) {
					if (sd <= ux - mx && lx - mx > 0) {
						radiusOutlierIndex = j - 1;
						break outer;
					}
					break;
				}
			}
		}
		for (int k = radiusOutlierIndex; k < m; k++) out[order[k]] = true;
	}

	private static double lad(double[] xs, double[] ys, int n, double sigma) {
		double s = 0;
		for (int i = 0; i < n; i++) s += Math.abs(1 - Math.exp(-xs[i] * xs[i] / (2 * sigma * sigma)) - ys[i]);
		return s;
	}
}

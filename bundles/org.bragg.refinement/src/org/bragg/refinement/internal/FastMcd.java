package org.bragg.refinement.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * FAST-MCD robust location and scatter (Rousseeuw &amp; van Driessen 1999, Technometrics 41, 212), as DIALS's
 * {@code FastMCD}: random initial (p+1)-subsets, concentration steps, subgroup splitting for large data,
 * and the consistency and finite-sample corrections of Pison et al. (2002). Data are p columns (p = 2 or
 * 3) of n observations. Deterministic for a given {@link Random}.
 */
public final class FastMcd {
	private final double[][] data; // [p][n]
	private final int p, n, h;
	private final double alpha;
	private final int maxNGroups, minGroupSize, nTrials, k1, k2, k3;
	private final Random random;
	private double[] tRaw;
	private double[] sRaw;

	public FastMcd(double[][] data, double alpha, int maxNGroups, int minGroupSize, int nTrials, int k1, int k2, int k3, Random random) {
		this.data = data;
		this.p = data.length;
		this.n = data[0].length;
		if (n <= p) throw new IllegalArgumentException("FastMCD needs more observations than dimensions");
		this.alpha = alpha;
		int n2 = (n + p + 1) / 2;
		this.h = (int) Math.floor(2 * n2 - n + 2 * (n - n2) * alpha);
		this.maxNGroups = maxNGroups;
		this.minGroupSize = minGroupSize;
		this.nTrials = nTrials;
		this.k1 = k1;
		this.k2 = k2;
		this.k3 = k3;
		this.random = random;
		if (n < 2 * minGroupSize) smallDataset();
		else largeDataset();
	}

	/** @return {T (p), S (p×p row-major)} corrected for consistency and finite sample size */
	public double[][] correctedTandS() {
		double fac = Stats.mcdConsistency(p, (double) h / n) * finiteSample(p, n, alpha);
		double[] s = sRaw.clone();
		for (int i = 0; i < s.length; i++) s[i] *= fac;
		return new double[][] { tRaw.clone(), s };
	}

	static double finiteSample(int p, int n, double alpha) {
		double fp500, fp875;
		if (p > 2) {
			double[][] c500 = { { -1.42764571687802, 1.26263336932151, 2 }, { -1.06141115981725, 1.28907991440387, 3 } };
			double[][] c875 = { { -0.455179464070565, 1.11192541278794, 2 }, { -0.294241208320834, 1.09649329149811, 3 } };
			double[] k500 = solve2(c500, p), k875 = solve2(c875, p);
			fp500 = 1 - Math.exp(k500[0]) / Math.pow(n, k500[1]);
			fp875 = 1 - Math.exp(k875[0]) / Math.pow(n, k875[1]);
		} else if (p == 2) {
			fp500 = 1 - Math.exp(0.673292623522027) / Math.pow(n, 0.691365864961895);
			fp875 = 1 - Math.exp(0.446537815635445) / Math.pow(n, 1.06690782995919);
		} else {
			fp500 = 1 - Math.exp(0.262024211897096) / Math.pow(n, 0.604756680630497);
			fp875 = 1 - Math.exp(-0.351584646688712) / Math.pow(n, 1.01646567502486);
		}
		double fa = alpha <= 0.875 ? fp500 + (fp875 - fp500) / 0.375 * (alpha - 0.5) : fp875 + (1 - fp875) / 0.125 * (alpha - 0.875);
		return 1 / fa;
	}

	private static double[] solve2(double[][] c, int p) {
		double y0 = Math.log(-c[0][0] / Math.pow(p, c[0][1])), y1 = Math.log(-c[1][0] / Math.pow(p, c[1][1]));
		double a0 = -Math.log(c[0][2] * p * p), a1 = -Math.log(c[1][2] * p * p);
		// [1 a0; 1 a1]·k = y
		double k1 = (y0 - y1) / (a0 - a1);
		double k0 = y0 - a0 * k1;
		return new double[] { k0, k1 };
	}

	private record Trial(double det, double[] t, double[] s) {}

	/** mean and sample covariance of the rows idx[0..m) */
	private double[][] meansAndCov(double[][] d, int[] idx, int m) {
		double[] t = new double[p];
		for (int j = 0; j < p; j++) {
			double s = 0;
			for (int i = 0; i < m; i++) s += d[j][idx[i]];
			t[j] = s / m;
		}
		double[] s = new double[p * p];
		for (int a = 0; a < p; a++)
			for (int b = a; b < p; b++) {
				double acc = 0;
				for (int i = 0; i < m; i++) acc += (d[a][idx[i]] - t[a]) * (d[b][idx[i]] - t[b]);
				s[a * p + b] = s[b * p + a] = acc / (m - 1);
			}
		return new double[][] { t, s };
	}

	static double det(double[] s, int p) {
		if (p == 2) return s[0] * s[3] - s[1] * s[2];
		if (p == 3) return s[0] * (s[4] * s[8] - s[5] * s[7]) - s[1] * (s[3] * s[8] - s[5] * s[6]) + s[2] * (s[3] * s[7] - s[4] * s[6]);
		return s[0];
	}

	static double[] inv(double[] s, int p) {
		if (p == 3) return RayMath.inverse(s);
		if (p == 2) {
			double d = det(s, 2);
			return new double[] { s[3] / d, -s[1] / d, -s[2] / d, s[0] / d };
		}
		return new double[] { 1 / s[0] };
	}

	/** Squared Mahalanobis distances of all rows of d from T with respect to S. */
	public static double[] mahaDistSq(double[][] d, double[] t, double[] s) {
		int p = d.length, n = d[0].length;
		double[] si = inv(s, p);
		double[] out = new double[n];
		double[] x = new double[p];
		for (int i = 0; i < n; i++) {
			for (int j = 0; j < p; j++) x[j] = d[j][i] - t[j];
			double acc = 0;
			for (int a = 0; a < p; a++) {
				double r = 0;
				for (int b = 0; b < p; b++) r += si[a * p + b] * x[b];
				acc += x[a] * r;
			}
			out[i] = acc;
		}
		return out;
	}

	/** The h rows of d (subset) nearest T, S (ties at the h-th distance broken by row order). */
	private int[] concentration(double[][] d, int h, double[] t, double[] s) {
		double[] d2 = mahaDistSq(d, t, s);
		double thr = kth(d2.clone(), h - 1);
		int[] out = new int[h];
		int k = 0;
		for (int i = 0; i < d2.length && k < h; i++) if (d2[i] < thr) out[k++] = i;
		for (int i = 0; i < d2.length && k < h; i++) if (d2[i] == thr) out[k++] = i;
		return out;
	}

	/** The k-th smallest value (0-based) of a (reordered in place), quickselect. */
	static double kth(double[] a, int k) {
		int lo = 0, hi = a.length - 1;
		while (hi > lo) {
			double pivot = a[(lo + hi) >>> 1];
			int i = lo, j = hi;
			while (i <= j) {
				while (a[i] < pivot) i++;
				while (a[j] > pivot) j--;
				if (i <= j) {
					double x = a[i];
					a[i] = a[j];
					a[j] = x;
					i++;
					j--;
				}
			}
			if (k <= j) hi = j;
			else if (k >= i) lo = i;
			else return a[k];
		}
		return a[k];
	}

	private int[] permutation(int m) {
		int[] a = new int[m];
		for (int i = 0; i < m; i++) a[i] = i;
		for (int i = m - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			int t = a[i];
			a[i] = a[j];
			a[j] = t;
		}
		return a;
	}

	private Trial initialAndSteps(double[][] d, int hh, int steps) {
		int m = d[0].length;
		int[] perm = permutation(m);
		double[][] ts;
		int size = p + 1;
		do {
			ts = meansAndCov(d, perm, Math.min(size, m));
			size++;
		} while (!(det(ts[1], p) > 0) && size <= m);
		int[] hset = concentration(d, hh, ts[0], ts[1]);
		ts = meansAndCov(d, hset, hh);
		for (int j = 0; j < steps; j++) {
			hset = concentration(d, hh, ts[0], ts[1]);
			ts = meansAndCov(d, hset, hh);
		}
		return new Trial(det(ts[1], p), ts[0], ts[1]);
	}

	private Trial refine(double[][] d, int hh, Trial start, int maxSteps, boolean stopIfUnchanged) {
		double detCur = start.det;
		double[] t = start.t, s = start.s;
		double detNew = detCur;
		for (int j = 0; j < maxSteps; j++) {
			int[] hset = concentration(d, hh, t, s);
			double[][] ts = meansAndCov(d, hset, hh);
			detNew = det(ts[1], p);
			if (stopIfUnchanged && detNew == detCur) {
				t = ts[0];
				s = ts[1];
				break;
			}
			detCur = detNew;
			t = ts[0];
			s = ts[1];
		}
		return new Trial(detNew, t, s);
	}

	private void smallDataset() {
		List<Trial> trials = new ArrayList<>();
		for (int i = 0; i < nTrials; i++) trials.add(initialAndSteps(data, h, k1));
		trials.sort(Comparator.comparingDouble(Trial::det));
		List<Trial> best = new ArrayList<>();
		for (int i = 0; i < Math.min(10, trials.size()); i++) best.add(refine(data, h, trials.get(i), k3, true));
		best.sort(Comparator.comparingDouble(Trial::det));
		tRaw = best.get(0).t;
		sRaw = best.get(0).s;
	}

	private static double[][] rows(double[][] d, int[] idx) {
		double[][] o = new double[d.length][idx.length];
		for (int j = 0; j < d.length; j++)
			for (int i = 0; i < idx.length; i++) o[j][i] = d[j][idx[i]];
		return o;
	}

	private void largeDataset() {
		int ngroups = n / minGroupSize;
		int sampleSize;
		if (ngroups < maxNGroups) sampleSize = n;
		else {
			ngroups = maxNGroups;
			sampleSize = minGroupSize * maxNGroups;
		}
		int[] perm = permutation(n);
		int[] sel = Arrays.copyOf(perm, sampleSize);
		Arrays.sort(sel);
		double[][] sampled = rows(data, sel);
		int[] p2 = permutation(sampleSize);
		int bs = sampleSize / ngroups, rem = sampleSize % ngroups;
		List<double[][]> groups = new ArrayList<>();
		int start = 0;
		for (int g = 0; g < ngroups; g++) {
			int size = bs + (g >= ngroups - rem ? 1 : 0);
			groups.add(rows(sampled, Arrays.copyOfRange(p2, start, start + size)));
			start += size;
		}
		int trialsPerGroup = nTrials / ngroups;
		double hFrac = (double) h / n;
		List<Trial> trials = new ArrayList<>();
		for (double[][] g : groups) {
			int hSub = (int) (g[0].length * hFrac);
			List<Trial> gt = new ArrayList<>();
			for (int i = 0; i < trialsPerGroup; i++) gt.add(initialAndSteps(g, hSub, k1));
			gt.sort(Comparator.comparingDouble(Trial::det));
			trials.addAll(gt.subList(0, Math.min(10, gt.size())));
		}
		int hMrgd = (int) (sampleSize * hFrac);
		List<Trial> merged = new ArrayList<>();
		for (Trial t : trials) merged.add(refine(sampled, hMrgd, t, k2, false));
		merged.sort(Comparator.comparingDouble(Trial::det));
		long size = (long) n * p;
		int k4 = size <= 100000 ? k3 : size <= 200000 ? 10 : size <= 300000 ? 9 : size <= 400000 ? 8 : size <= 500000 ? 7
				: size <= 600000 ? 6 : size <= 700000 ? 5 : size <= 800000 ? 4 : size <= 900000 ? 3 : size <= 1000000 ? 2 : 1;
		int nReps = n > 5000 ? 1 : 10;
		List<Trial> best = new ArrayList<>();
		for (int i = 0; i < Math.min(nReps, merged.size()); i++) best.add(refine(data, h, merged.get(i), k4, true));
		best.sort(Comparator.comparingDouble(Trial::det));
		tRaw = best.get(0).t;
		sRaw = best.get(0).s;
	}
}

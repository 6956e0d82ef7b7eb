package org.bragg.scaling;

import java.util.Arrays;

import org.bragg.model.symmetry.SpaceGroup;

/**
 * French–Wilson estimation of amplitudes from merged intensities (French &amp; Wilson 1978, Acta Cryst.
 * A34, 517–525), as {@code dials.merge} applies it (DIALS 3.12 via cctbx {@code french_wilson}).
 *
 * <p>Prior: Wilson distribution with Σ = ⟨I⟩(d), acentric p(J) = exp(−J/Σ)/Σ, centric
 * p(J) = exp(−J/2Σ)/√(2πΣJ); Σ(d) is a robust mean intensity in resolution bins (standardised median,
 * no ε factor) interpolated in d*³, as DIALS does it (see {@link #meanIntensity}). Likelihood I_obs ~ N(J, σ²). The posterior moments E(J), E(F)
 * and σ(F) = √(E(J) − E(F)²) are integrated numerically (written as integrals over F = √J, Simpson's
 * rule on 2001 points over [0, √(max(μ,0) + 12σ)]) instead of the published look-up tables.
 * Reflections with h = I/σ − σ/Σ (acentric) or I/σ − σ/2Σ (centric) below −4, or I/σ below −3.7, are
 * rejected (NaN). Falls back to a flat prior (Σ = ∞) when fewer than {@code MIN_REFLECTIONS} intensities are given.
 *
 * @since 0.1
 */
public final class FrenchWilson {
	private FrenchWilson() {}

	/** Minimum number of intensities for the Wilson prior. */
	public static final int MIN_REFLECTIONS = 200;

	/** Amplitudes F, σ(F) (NaN where rejected or input is NaN) and the number rejected. @since 0.1 */
	public record Result(double[] f, double[] sigF, int nRejected) {}

	/**
	 * Applies French–Wilson to intensities.
	 * @param hkl     asymmetric-unit indices, 3 per reflection
	 * @param dStarSq 1/d² per reflection (Å⁻²)
	 * @param i       merged intensities (NaN = absent)
	 * @param sigI    their σ
	 * @param sg      space group (centric flags and ε)
	 */
	public static Result apply(int[] hkl, double[] dStarSq, double[] i, double[] sigI, SpaceGroup sg) {
		int n = i.length;
		int[] eps = new int[n];
		boolean[] cen = new boolean[n];
		int nValid = 0;
		for (int k = 0; k < n; k++) {
			eps[k] = sg.epsilon(hkl[3 * k], hkl[3 * k + 1], hkl[3 * k + 2]);
			cen[k] = sg.isCentric(hkl[3 * k], hkl[3 * k + 1], hkl[3 * k + 2]);
			if (!Double.isNaN(i[k])) nValid++;
		}
		double[] sigma = meanIntensity(dStarSq, i, eps, nValid);
		double[] f = new double[n], sf = new double[n];
		int rej = 0;
		for (int k = 0; k < n; k++) {
			if (Double.isNaN(i[k]) || !(sigI[k] > 0)) { f[k] = sf[k] = Double.NaN; continue; }
			double S = sigma == null ? Double.POSITIVE_INFINITY : sigma[k];
			double s = sigI[k];
			if (S == 0) { f[k] = sf[k] = Double.NaN; rej++; continue; }
			double mu = cen[k] ? i[k] - s * s / (2 * Math.abs(S)) : i[k] - s * s / Math.abs(S);
			double h = mu / s;
			if (h < -4.0 || i[k] / s < -3.7) { f[k] = sf[k] = Double.NaN; rej++; continue; }
			double[] m = posterior(mu, s, cen[k]);
			f[k] = m[0];
			sf[k] = m[1];
		}
		return new Result(f, sf, rej);
	}

	/** E(F), σ(F) for the truncated posterior in F ∝ F^a·exp(−(F² − μ)²/2σ²), a = 1 acentric, 0 centric. */
	static double[] posterior(double mu, double s, boolean centric) {
		double fmax = Math.sqrt(Math.max(mu, 0) + 12 * s);
		int m = 2000;
		double hstep = fmax / m;
		double z0 = 0, z1 = 0, z2 = 0;
		// log-scale to avoid underflow: subtract the max exponent
		double maxExp = Double.NEGATIVE_INFINITY;
		for (int j = 0; j <= m; j++) {
			double F = j * hstep, e = -(F * F - mu) * (F * F - mu) / (2 * s * s);
			maxExp = Math.max(maxExp, e);
		}
		for (int j = 0; j <= m; j++) {
			double F = j * hstep;
			double w = (j == 0 || j == m) ? 1 : (j % 2 == 1 ? 4 : 2);
			double p = Math.exp(-(F * F - mu) * (F * F - mu) / (2 * s * s) - maxExp) * (centric ? 1 : F);
			z0 += w * p; z1 += w * p * F; z2 += w * p * F * F;
		}
		double ef = z1 / z0, ej = z2 / z0;
		return new double[] { ef, Math.sqrt(Math.max(0, ej - ef * ef)) };
	}

	/**
	 * Expected intensity at each reflection, as {@code dials.algorithms.merging.french_wilson} (DIALS 3.12):
	 * the valid reflections sorted by d*³ are split into n = N / max(N/60, 20) bins of equal count, each bin's
	 * expected intensity is the standardised median (median / ln 2), interpolated linearly in d*³ between bin
	 * centres (midpoints of the bin edges) and held at the end values beyond. Null if there are too few data.
	 */
	static double[] meanIntensity(double[] dStarSq, double[] i, int[] eps, int nValid) {
		if (nValid < MIN_REFLECTIONS) return null;
		double[] x = new double[nValid];
		Integer[] order = new Integer[nValid];
		int c = 0;
		for (int k = 0; k < i.length; k++) if (!Double.isNaN(i[k])) order[c++] = k;
		Arrays.sort(order, (a, b) -> Double.compare(dStarSq[a], dStarSq[b]));
		for (int k = 0; k < nValid; k++) x[k] = Math.pow(dStarSq[order[k]], 1.5);
		int perBin = Math.max(nValid / 60, 20);
		int nb = Math.max(1, nValid / perBin);
		double[] edges = new double[nb + 1];
		for (int b = 0; b <= nb; b++) {
			double pos = (double) b * nValid / nb; // np.interp over index 0..n-1 of sorted x
			if (pos >= nValid - 1) edges[b] = x[nValid - 1];
			else { int j = (int) Math.floor(pos); edges[b] = x[j] + (pos - j) * (x[j + 1] - x[j]); }
		}
		// scipy binned_statistic: bin b holds edges[b] <= v < edges[b+1], the last bin closed
		java.util.List<java.util.List<Double>> vals = new java.util.ArrayList<>();
		for (int b = 0; b < nb; b++) vals.add(new java.util.ArrayList<>());
		for (int k = 0; k < nValid; k++) {
			int b = Arrays.binarySearch(edges, x[k]);
			if (b >= 0) { while (b + 1 < edges.length && edges[b + 1] == x[k]) b++; }
			else b = -b - 2;
			b = Math.min(Math.max(b, 0), nb - 1);
			vals.get(b).add(i[order[k]]);
		}
		double[] mean = new double[nb], centre = new double[nb];
		for (int b = 0; b < nb; b++) {
			double[] v = vals.get(b).stream().mapToDouble(Double::doubleValue).sorted().toArray();
			double med = v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
			mean[b] = med / Math.log(2);
			centre[b] = 0.5 * (edges[b] + edges[b + 1]);
		}
		double[] out = new double[i.length];
		for (int k = 0; k < i.length; k++) {
			if (Double.isNaN(i[k])) continue;
			double v = Math.pow(dStarSq[k], 1.5);
			if (v <= centre[0]) out[k] = mean[0];
			else if (v >= centre[nb - 1]) out[k] = mean[nb - 1];
			else {
				int b = Arrays.binarySearch(centre, v);
				if (b >= 0) { out[k] = mean[b]; continue; }
				b = -b - 2;
				double t = (v - centre[b]) / (centre[b + 1] - centre[b]);
				out[k] = mean[b] + t * (mean[b + 1] - mean[b]);
			}
		}
		return out;
	}
}

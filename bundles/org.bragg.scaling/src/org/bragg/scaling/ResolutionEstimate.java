package org.bragg.scaling;

import java.util.ArrayList;
import java.util.List;

/**
 * Resolution limit from CC½ as {@code dials.estimate_resolution} / {@code dials.scale} (DIALS 3.12
 * {@code resolution_analysis.resolution_cc_half}): a curve y = ½(1 − tanh((s − s₀)/r)) in s = 1/d² is
 * least-squares fitted to the shells' CC½ (shells whose CC½ is significant) and the limit is the d where
 * the fitted curve equals {@code limit} (default 0.3). If the curve stays above the limit over the data,
 * the data's d_min is returned.
 *
 * @since 0.1
 */
public final class ResolutionEstimate {
	private ResolutionEstimate() {}

	/** The fitted parameters and the estimated limit (Å). @since 0.1 */
	public record Fit(double s0, double r, double dMin) {}

	/** Fits CC½ of {@code stats}' shells and returns the d (Å) where the fit crosses {@code limit}. */
	public static Fit ccHalf(MergingStatistics stats, double limit) {
		List<double[]> pts = new ArrayList<>();
		for (MergingStatistics.Shell s : stats.shells()) {
			if (s.ccHalfN() < 3) continue;
			double sc = 0.5 * (1 / (s.dMax() * s.dMax()) + 1 / (s.dMin() * s.dMin()));
			pts.add(new double[] { sc, s.ccHalfSignificant() ? s.ccHalf() : Math.min(s.ccHalf(), 0) });
		}
		double dataDMin = stats.overall().dMin();
		if (pts.size() < 3) return new Fit(Double.NaN, Double.NaN, dataDMin);
		double xMax = pts.stream().mapToDouble(p -> p[0]).max().orElse(1);
		// grid search then Gauss-Newton refinement of (s0, r)
		double bestS0 = xMax, bestR = xMax / 10, best = Double.POSITIVE_INFINITY;
		for (int i = 1; i <= 60; i++) for (int j = 1; j <= 40; j++) {
			double s0 = xMax * i / 30.0, r = xMax * j / 100.0;
			double ss = sse(pts, s0, r);
			if (ss < best) { best = ss; bestS0 = s0; bestR = r; }
		}
		double s0 = bestS0, r = bestR;
		for (int it = 0; it < 50; it++) {
			double a11 = 0, a12 = 0, a22 = 0, b1 = 0, b2 = 0;
			for (double[] p : pts) {
				double u = (p[0] - s0) / r, th = Math.tanh(u), sech2 = 1 - th * th;
				double y = 0.5 * (1 - th), res = p[1] - y;
				double j1 = 0.5 * sech2 / r, j2 = 0.5 * sech2 * u / r;
				a11 += j1 * j1; a12 += j1 * j2; a22 += j2 * j2; b1 += j1 * res; b2 += j2 * res;
			}
			double det = a11 * a22 - a12 * a12;
			if (Math.abs(det) < 1e-30) break;
			double d1 = (a22 * b1 - a12 * b2) / det, d2 = (a11 * b2 - a12 * b1) / det;
			double ns0 = s0 + d1, nr = Math.max(r + d2, 1e-6);
			if (sse(pts, ns0, nr) > sse(pts, s0, r)) break;
			s0 = ns0; r = nr;
		}
		double sLim = s0 + r * atanh(1 - 2 * limit);
		double sDataMax = 1 / (dataDMin * dataDMin);
		double d = sLim >= sDataMax || sLim <= 0 ? dataDMin : 1 / Math.sqrt(sLim);
		return new Fit(s0, r, d);
	}

	private static double atanh(double x) { return 0.5 * Math.log((1 + x) / (1 - x)); }

	private static double sse(List<double[]> pts, double s0, double r) {
		double s = 0;
		for (double[] p : pts) { double y = 0.5 * (1 - Math.tanh((p[0] - s0) / r)); s += (p[1] - y) * (p[1] - y); }
		return s;
	}
}

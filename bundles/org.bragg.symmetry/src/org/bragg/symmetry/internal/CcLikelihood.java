package org.bragg.symmetry.internal;

/**
 * Probabilities of an observed correlation coefficient with and without a symmetry element
 * (Evans 2011, Acta Cryst. D67, 282–292, appendix A1; DIALS {@code ScoreCorrelationCoefficient}).
 * p(CC|S) is a Cauchy density centred on the expected CC with width σ(CC), truncated to [−1, 1];
 * p(CC|¬S) = ∫₀¹ p(CC|μ)·(1−μ^k)^(1/k) dμ / ∫₀¹ (1−μ^k)^(1/k) dμ with k = 2, integrated by
 * composite Simpson's rule on 2000 intervals.
 *
 * @since 0.1
 */
public final class CcLikelihood {
	private CcLikelihood() {}

	private static final int N = 2000;
	private static final double K = 2;

	/** Cauchy(loc, scale) density truncated to [−1, 1], at x. */
	public static double truncatedCauchy(double x, double loc, double scale) {
		double pdf = 1 / (Math.PI * scale * (1 + sq((x - loc) / scale)));
		double cdfB = 0.5 + Math.atan((1 - loc) / scale) / Math.PI;
		double cdfA = 0.5 + Math.atan((-1 - loc) / scale) / Math.PI;
		return pdf / (cdfB - cdfA);
	}

	/** p(CC|S). */
	public static double pGivenS(double cc, double sigma, double expected) {
		return truncatedCauchy(cc, expected, sigma);
	}

	/** p(CC|¬S). */
	public static double pGivenNotS(double cc, double sigma) {
		double h = 1.0 / N, num = 0, den = 0;
		for (int i = 0; i <= N; i++) {
			double mu = i * h;
			double w = (i == 0 || i == N) ? 1 : (i % 2 == 1 ? 4 : 2);
			double prior = Math.pow(Math.max(0, 1 - Math.pow(mu, K)), 1 / K);
			num += w * truncatedCauchy(cc, mu, sigma) * prior;
			den += w * prior;
		}
		return num / den;
	}

	private static double sq(double x) { return x * x; }
}

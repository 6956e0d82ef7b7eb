package org.bragg.symmetry.internal;

/**
 * Probabilities of an observed correlation coefficient with and without a symmetry element
 * (Evans 2011, Acta Cryst. D67, 282–292, appendix A1; DIALS {@code ScoreCorrelationCoefficient}).
 * p(CC|S) is a Cauchy density centred on the expected CC with width σ(CC), truncated to [−1, 1];
 * p(CC|¬S) = ∫₀¹ p(CC|μ)·(1−μ^k)^(1/k) dμ / ∫₀¹ (1−μ^k)^(1/k) dμ with k = 2, integrated by
 * composite Simpson's rule on 2000 intervals.
 *
 * <p>The same two densities are also offered on Fisher's variance-stabilised scale z = atanh(CC)
 * (Fisher 1921, Metron 1, 3–32): the sampling distribution of a CC from N pairs with true
 * correlation ρ is approximately normal in z with σ_z = 1/√(N−3) whatever ρ, whereas on the CC
 * scale its width shrinks as (1−ρ²)/√N. Near ρ → 1 a CC-scale width (floored at 0.1 by
 * POINTLESS/DIALS) therefore cannot tell CC 0.85 from 0.96, while on the z scale the same width
 * separates them (z 1.26 and 1.95). Both scales agree for small CCs, where dz/dCC = 1.
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

	/** Largest |CC| used in {@link #fisherZ}: keeps z finite for CC = ±1 from a handful of pairs. */
	public static final double MAX_ABS_CC = 0.9999;

	/** Fisher's z = atanh(CC), with |CC| clamped to {@link #MAX_ABS_CC}. */
	public static double fisherZ(double cc) {
		double c = Math.max(-MAX_ABS_CC, Math.min(MAX_ABS_CC, cc));
		return 0.5 * Math.log((1 + c) / (1 - c));
	}

	/**
	 * p(z|S) on Fisher's z scale: a Cauchy density centred on z(E(CC|S)) with width σ_z (z is
	 * unbounded, so no truncation).
	 *
	 * @param z observed atanh(CC)
	 * @param sigmaZ width on the z scale (&gt; 0)
	 * @param zExpected atanh(E(CC|S))
	 */
	public static double pGivenSFisher(double z, double sigmaZ, double zExpected) {
		return 1 / (Math.PI * sigmaZ * (1 + sq((z - zExpected) / sigmaZ)));
	}

	/**
	 * p(z|¬S) on Fisher's z scale: ∫₀¹ Cauchy(z; atanh μ, σ_z)·(1−μ^k)^(1/k) dμ / ∫₀¹ (1−μ^k)^(1/k) dμ,
	 * k = 2, the prior over the true correlation μ of Evans (2011) unchanged; composite Simpson on
	 * 2000 intervals (μ = 1 is clamped to {@link #MAX_ABS_CC}, where the prior vanishes anyway).
	 */
	public static double pGivenNotSFisher(double z, double sigmaZ) {
		double h = 1.0 / N, num = 0, den = 0;
		for (int i = 0; i <= N; i++) {
			double mu = i * h;
			double w = (i == 0 || i == N) ? 1 : (i % 2 == 1 ? 4 : 2);
			double prior = Math.pow(Math.max(0, 1 - Math.pow(mu, K)), 1 / K);
			num += w * pGivenSFisher(z, sigmaZ, fisherZ(mu)) * prior;
			den += w * prior;
		}
		return num / den;
	}

	private static double sq(double x) { return x * x; }
}

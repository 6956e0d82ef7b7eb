package org.bragg.refinement.internal;

import java.util.Arrays;

/** Statistics helpers: χ² quantiles (boost {@code quantile(chi_squared)}), the regularised gamma function, five-number summaries. */
public final class Stats {
	private Stats() {}

	/** Natural log of Γ(x), Lanczos approximation. */
	static double lnGamma(double x) {
		double[] c = { 76.18009172947146, -86.50532032941677, 24.01409824083091, -1.231739572450155, 0.1208650973866179e-2, -0.5395239384953e-5 };
		double y = x, tmp = x + 5.5;
		tmp -= (x + 0.5) * Math.log(tmp);
		double ser = 1.000000000190015;
		for (double cj : c) ser += cj / ++y;
		return -tmp + Math.log(2.5066282746310005 * ser / x);
	}

	/** Regularised lower incomplete gamma P(a, x). */
	public static double gammaP(double a, double x) {
		if (x <= 0) return 0;
		if (x < a + 1) {
			double ap = a, sum = 1 / a, del = sum;
			for (int n = 0; n < 1000; n++) {
				ap++;
				del *= x / ap;
				sum += del;
				if (Math.abs(del) < Math.abs(sum) * 1e-16) break;
			}
			return sum * Math.exp(-x + a * Math.log(x) - lnGamma(a));
		}
		// continued fraction for Q
		double b = x + 1 - a, c = 1 / 1e-300, d = 1 / b, h = d;
		for (int i = 1; i < 1000; i++) {
			double an = -i * (i - a);
			b += 2;
			d = an * d + b;
			if (Math.abs(d) < 1e-300) d = 1e-300;
			c = b + an / c;
			if (Math.abs(c) < 1e-300) c = 1e-300;
			d = 1 / d;
			double del = d * c;
			h *= del;
			if (Math.abs(del - 1) < 1e-16) break;
		}
		return 1 - Math.exp(-x + a * Math.log(x) - lnGamma(a)) * h;
	}

	/** CDF of χ² with df degrees of freedom. */
	public static double pchisq(double x, double df) { return gammaP(df / 2, x / 2); }

	/** Quantile of χ² with df degrees of freedom (bisection to machine precision). */
	public static double qchisq(double p, double df) {
		if (p <= 0) return 0;
		double lo = 0, hi = Math.max(1, df);
		while (pchisq(hi, df) < p) hi *= 2;
		for (int i = 0; i < 200; i++) {
			double mid = 0.5 * (lo + hi);
			if (pchisq(mid, df) < p) lo = mid;
			else hi = mid;
		}
		return 0.5 * (lo + hi);
	}

	/** MCD consistency factor for p dimensions and fraction alpha (DIALS {@code mcd_consistency}). */
	public static double mcdConsistency(double df, double alpha) {
		double q = qchisq(alpha, df);
		return alpha / gammaP(df / 2 + 1, q / 2);
	}

	/** Tukey five-number summary (R {@code fivenum}), as scitbx {@code five_number_summary}. */
	public static double[] fiveNumber(double[] data) {
		double[] s = data.clone();
		Arrays.sort(s);
		int n = s.length;
		if (n == 0) return new double[] { Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN };
		double med;
		double[] lower, upper;
		if (n % 2 == 1) {
			med = s[n / 2];
			lower = Arrays.copyOfRange(s, 0, n / 2 + 1);
			upper = Arrays.copyOfRange(s, n / 2, n);
		} else {
			med = (s[n / 2] + s[n / 2 - 1]) / 2;
			lower = Arrays.copyOfRange(s, 0, n / 2);
			upper = Arrays.copyOfRange(s, n / 2, n);
		}
		int m = lower.length;
		double lh, uh;
		if (m % 2 == 1) {
			lh = lower[m / 2];
			uh = upper[m / 2];
		} else {
			lh = (lower[m / 2] + lower[m / 2 - 1]) / 2;
			uh = (upper[m / 2] + upper[m / 2 - 1]) / 2;
		}
		return new double[] { s[0], lh, med, uh, s[n - 1] };
	}
}

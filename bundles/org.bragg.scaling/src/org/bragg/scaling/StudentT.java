package org.bragg.scaling;

/** Student's t distribution: CDF through the regularised incomplete beta function, quantile by bisection. */
final class StudentT {
	private StudentT() {}

	/** P(T ≤ t) for {@code df} degrees of freedom. */
	static double cdf(double t, double df) {
		double x = df / (df + t * t);
		double tail = 0.5 * incompleteBeta(0.5 * df, 0.5, x);
		return t > 0 ? 1 - tail : tail;
	}

	/** The p-quantile (0 &lt; p &lt; 1). */
	static double quantile(double p, double df) {
		double lo = -1e3, hi = 1e3;
		for (int i = 0; i < 200; i++) {
			double mid = 0.5 * (lo + hi);
			if (cdf(mid, df) < p) lo = mid; else hi = mid;
		}
		return 0.5 * (lo + hi);
	}

	/** Regularised incomplete beta I_x(a, b) (continued fraction, Lentz's method). */
	static double incompleteBeta(double a, double b, double x) {
		if (x <= 0) return 0;
		if (x >= 1) return 1;
		double lbeta = lgamma(a + b) - lgamma(a) - lgamma(b) + a * Math.log(x) + b * Math.log(1 - x);
		if (x < (a + 1) / (a + b + 2)) return Math.exp(lbeta) * betacf(a, b, x) / a;
		return 1 - Math.exp(lbeta) * betacf(b, a, 1 - x) / b;
	}

	private static double betacf(double a, double b, double x) {
		double tiny = 1e-300, c = 1, d = 1 - (a + b) * x / (a + 1);
		if (Math.abs(d) < tiny) d = tiny;
		d = 1 / d;
		double h = d;
		for (int m = 1; m <= 300; m++) {
			int m2 = 2 * m;
			double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
			d = 1 + aa * d; if (Math.abs(d) < tiny) d = tiny;
			c = 1 + aa / c; if (Math.abs(c) < tiny) c = tiny;
			d = 1 / d; h *= d * c;
			aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
			d = 1 + aa * d; if (Math.abs(d) < tiny) d = tiny;
			c = 1 + aa / c; if (Math.abs(c) < tiny) c = tiny;
			d = 1 / d;
			double del = d * c;
			h *= del;
			if (Math.abs(del - 1) < 1e-14) break;
		}
		return h;
	}

	/** log Γ(x), Lanczos approximation (g = 7, 9 terms). */
	static double lgamma(double x) {
		double[] c = { 0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
				-0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7 };
		if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
		x -= 1;
		double s = c[0];
		for (int i = 1; i < 9; i++) s += c[i] / (x + i);
		double t = x + 7.5;
		return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
	}
}

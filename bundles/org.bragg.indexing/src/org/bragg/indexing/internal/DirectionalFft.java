package org.bragg.indexing.internal;

import java.util.HashMap;
import java.util.Map;

import org.bragg.model.Vec3;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The 1D FFT of the projections of reciprocal lattice points onto one direction, the kernel of the
 * DPS method (Steller, Bolotovsky &amp; Rossmann 1997, J. Appl. Cryst. 30, 1036–1040) as rstbx
 * {@code Directional_FFT} computes it.
 *
 * <p>Projections p = r·d are binned into m channels spanning [p_min, p_max], with
 * m = 1 + (p_max − p_min)·granularity·a_max rounded up to a product of 2, 3 and 5 and
 * Δp = (p_max − p_min)/(m − 1); a point goes to channel ⌊(p − p_min)/Δp + 0.5⌋. The real FFT gives
 * F(k) for k = 0 … ⌊m/2⌋; the spectrum is |F(k)|. The peak {@code kmax} is the largest |F(k)| for
 * k ≥ {@code f0Cutoff} and the corresponding real-space period is kmax/(m·Δp) Å.
 *
 * <p>Not thread-safe: use one instance (with its cache of FFT plans) per thread.
 */
public final class DirectionalFft {
	private final double granularity;
	private final double amax;
	private final Map<Integer, DoubleFFT_1D> plans = new HashMap<>();
	private double[] proj = new double[0];
	private double[] work = new double[0];

	// results of the last transform
	private int m;
	private double deltaP, pMin;
	private int kmax;
	private double kval;
	private double[] re = new double[0], im = new double[0];
	private int nComplex;

	/**
	 * @param granularity bins per lattice plane (5 in DPS)
	 * @param amax the largest plausible cell edge (Å)
	 */
	public DirectionalFft(double granularity, double amax) {
		this.granularity = granularity;
		this.amax = amax;
	}

	/**
	 * Transforms the projections of {@code xyz} ({@code double[3n]}, Å⁻¹) onto unit vector
	 * (dx, dy, dz).
	 *
	 * @param f0Cutoff smallest channel considered for the peak (3 for indexing, 11 for the beam search)
	 */
	public void transform(double[] xyz, double dx, double dy, double dz, int f0Cutoff) {
		int n = xyz.length / 3;
		if (proj.length < n) proj = new double[n];
		double pmin = Double.POSITIVE_INFINITY, pmax = Double.NEGATIVE_INFINITY;
		for (int i = 0; i < n; i++) {
			double p = xyz[3 * i] * dx + xyz[3 * i + 1] * dy + xyz[3 * i + 2] * dz;
			proj[i] = p;
			if (p < pmin) pmin = p;
			if (p > pmax) pmax = p;
		}
		int mm = primeCheck(1 + (int) ((pmax - pmin) * granularity * amax));
		if (mm < 2) mm = 2;
		double dp = (pmax - pmin) / (mm - 1);
		if (!(dp > 0)) dp = 1; // all projections equal: a single channel
		if (work.length < mm) work = new double[Math.max(mm, 2 * work.length)];
		java.util.Arrays.fill(work, 0, mm, 0);
		for (int i = 0; i < n; i++) work[(int) ((proj[i] - pmin) / dp + 0.5)] += 1.0;
		DoubleFFT_1D fft = plans.computeIfAbsent(mm, DoubleFFT_1D::new);
		double[] a = java.util.Arrays.copyOf(work, mm);
		fft.realForward(a);
		int nc = mm / 2 + 1;
		if (re.length < nc) {
			re = new double[nc];
			im = new double[nc];
		}
		re[0] = a[0];
		im[0] = 0;
		if (mm % 2 == 0) {
			for (int k = 1; k < mm / 2; k++) {
				re[k] = a[2 * k];
				im[k] = a[2 * k + 1];
			}
			re[mm / 2] = a[1];
			im[mm / 2] = 0;
		} else {
			for (int k = 1; k < (mm - 1) / 2; k++) {
				re[k] = a[2 * k];
				im[k] = a[2 * k + 1];
			}
			if (mm > 1) {
				int k = (mm - 1) / 2;
				re[k] = a[mm - 1];
				im[k] = a[1];
			}
		}
		m = mm;
		deltaP = dp;
		pMin = pmin;
		nComplex = nc;
		kmax = 0;
		kval = 0;
		for (int k = f0Cutoff; k < nc; k++) {
			double ps = Math.hypot(re[k], im[k]);
			if (ps > kval) {
				kval = ps;
				kmax = k;
			}
		}
	}

	/** Transforms along a unit vector. */
	public void transform(double[] xyz, Vec3 d, int f0Cutoff) { transform(xyz, d.x(), d.y(), d.z(), f0Cutoff); }

	public int m() { return m; }
	public double deltaP() { return deltaP; }
	public double pMin() { return pMin; }
	public int kmax() { return kmax; }
	/** @return the peak height |F(kmax)| */
	public double kval() { return kval; }
	/** @return the number of complex coefficients ⌊m/2⌋ + 1 */
	public int nComplex() { return nComplex; }
	/** @return the phase of F(k) in radians */
	public double phase(int k) { return Math.atan2(im[k], re[k]); }
	/** @return the real-space length kmax/(m·Δp) in Å */
	public double ucLength() { return kmax / (m * deltaP); }

	/** Smallest m' ≥ m whose prime factors are 2, 3 and 5 only (rstbx {@code primecheck}). */
	static int primeCheck(int m) {
		int x = Math.max(m, 1);
		while (true) {
			int r = x;
			while (r % 2 == 0) r /= 2;
			while (r % 3 == 0) r /= 3;
			while (r % 5 == 0) r /= 5;
			if (r <= 1) return x;
			x++;
		}
	}
}

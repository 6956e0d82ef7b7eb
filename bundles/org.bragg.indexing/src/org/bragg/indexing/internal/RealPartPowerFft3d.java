package org.bragg.indexing.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The squared real part of the 3D discrete Fourier transform of a real n×n×n grid,
 * (Re F(k))², F(k) = Σ_x g(x)·exp(−2πi k·x/n), as DIALS's fft3d indexing uses it.
 *
 * <p>Layout: the input grid is {@code double[n³]}, element (i, j, k) at {@code (i·n + j)·n + k}. The
 * transform is separable: real FFTs along k (JTransforms {@link DoubleFFT_1D}, only for rows that are
 * not all zero), then complex FFTs along j and i on the half spectrum k₃ = 0 … n/2 (Hermitian
 * symmetry gives the rest: Re F(−k) = Re F(k)). The half spectrum takes n·n·(n/2 + 1) complex
 * values (≈135 MB for n = 256). n must be even. Work is spread over {@code threads} threads; each
 * thread owns its FFT plan.
 */
public final class RealPartPowerFft3d {
	private final int n;
	private final int h; // n/2 + 1
	private final double[] spec; // half spectrum, complex interleaved: ((i*n + j)*h + k3)*2

	private RealPartPowerFft3d(int n) {
		this.n = n;
		this.h = n / 2 + 1;
		this.spec = new double[n * n * h * 2];
	}

	/**
	 * Transforms {@code grid} (not modified).
	 *
	 * @throws IllegalArgumentException if n is odd or the grid size is not n³
	 */
	public static RealPartPowerFft3d transform(double[] grid, int n, int threads) {
		if (n % 2 != 0) throw new IllegalArgumentException("grid size must be even, got " + n);
		if (grid.length != n * n * n) throw new IllegalArgumentException("grid has " + grid.length + " points, expected " + n + "³");
		RealPartPowerFft3d f = new RealPartPowerFft3d(n);
		f.run(grid, Math.max(1, threads));
		return f;
	}

	public int n() { return n; }

	/** @return (Re F(i, j, k))² for 0 ≤ i, j, k &lt; n */
	public double power(int i, int j, int k) {
		if (k >= h) {
			i = (n - i) % n;
			j = (n - j) % n;
			k = n - k;
		}
		double re = spec[(((i * n) + j) * h + k) * 2];
		return re * re;
	}

	/**
	 * @return {mean, rms deviation from the mean} of (Re F)² over the full n³ grid
	 */
	public double[] meanAndRmsd() {
		double sum = 0, sumSq = 0;
		for (int i = 0; i < n; i++)
			for (int j = 0; j < n; j++) {
				int base = ((i * n) + j) * h;
				for (int k = 0; k < h; k++) {
					double re = spec[(base + k) * 2];
					double p = re * re;
					double w = (k == 0 || k == n / 2) ? 1 : 2;
					sum += w * p;
					sumSq += w * p * p;
				}
			}
		double total = (double) n * n * n;
		double mean = sum / total;
		double var = sumSq / total - mean * mean;
		return new double[] { mean, Math.sqrt(Math.max(var, 0)) };
	}

	/**
	 * @return a binary grid ({@code byte[n³]}, same layout as the input): 1 where (Re F)² ≥ cutoff
	 */
	public byte[] threshold(double cutoff) {
		byte[] out = new byte[n * n * n];
		for (int i = 0; i < n; i++)
			for (int j = 0; j < n; j++)
				for (int k = 0; k < n; k++)
					if (power(i, j, k) >= cutoff) out[(i * n + j) * n + k] = 1;
		return out;
	}

	private void run(double[] grid, int threads) {
		ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
			Thread t = new Thread(r, "bragg-fft3d");
			t.setDaemon(true);
			return t;
		}) : null;
		try {
			// 1. real FFT along k for every (i, j) row that has data
			parallel(pool, threads, n, (fft, lo, hi) -> {
				double[] row = new double[n];
				for (int i = lo; i < hi; i++)
					for (int j = 0; j < n; j++) {
						int off = (i * n + j) * n;
						boolean any = false;
						for (int k = 0; k < n; k++) if (grid[off + k] != 0) { any = true; break; }
						if (!any) continue;
						System.arraycopy(grid, off, row, 0, n);
						fft.realForward(row);
						int dst = ((i * n) + j) * h * 2;
						spec[dst] = row[0];
						spec[dst + 1] = 0;
						for (int k = 1; k < n / 2; k++) {
							spec[dst + 2 * k] = row[2 * k];
							spec[dst + 2 * k + 1] = row[2 * k + 1];
						}
						spec[dst + 2 * (n / 2)] = row[1];
						spec[dst + 2 * (n / 2) + 1] = 0;
					}
			});
			// 2. complex FFT along j, for each i and k3
			parallel(pool, threads, n, (fft, lo, hi) -> {
				double[] col = new double[2 * n];
				for (int i = lo; i < hi; i++)
					for (int k = 0; k < h; k++) {
						for (int j = 0; j < n; j++) {
							int s = (((i * n) + j) * h + k) * 2;
							col[2 * j] = spec[s];
							col[2 * j + 1] = spec[s + 1];
						}
						fft.complexForward(col);
						for (int j = 0; j < n; j++) {
							int s = (((i * n) + j) * h + k) * 2;
							spec[s] = col[2 * j];
							spec[s + 1] = col[2 * j + 1];
						}
					}
			});
			// 3. complex FFT along i, for each j and k3
			parallel(pool, threads, n, (fft, lo, hi) -> {
				double[] col = new double[2 * n];
				for (int j = lo; j < hi; j++)
					for (int k = 0; k < h; k++) {
						for (int i = 0; i < n; i++) {
							int s = (((i * n) + j) * h + k) * 2;
							col[2 * i] = spec[s];
							col[2 * i + 1] = spec[s + 1];
						}
						fft.complexForward(col);
						for (int i = 0; i < n; i++) {
							int s = (((i * n) + j) * h + k) * 2;
							spec[s] = col[2 * i];
							spec[s + 1] = col[2 * i + 1];
						}
					}
			});
		} finally {
			if (pool != null) pool.shutdownNow();
		}
	}

	private interface Slab {
		void run(DoubleFFT_1D fft, int lo, int hi);
	}

	private void parallel(ExecutorService pool, int threads, int count, Slab slab) {
		if (pool == null) {
			slab.run(new DoubleFFT_1D(n), 0, count);
			return;
		}
		List<Future<?>> fs = new ArrayList<>();
		int chunk = (count + threads - 1) / threads;
		for (int t = 0; t < threads; t++) {
			int lo = t * chunk, hi = Math.min(count, lo + chunk);
			if (lo >= hi) break;
			fs.add(pool.submit(() -> slab.run(new DoubleFFT_1D(n), lo, hi)));
		}
		for (Future<?> f : fs) {
			try {
				f.get();
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted during the 3D FFT", e);
			} catch (java.util.concurrent.ExecutionException e) {
				throw new IllegalStateException("3D FFT failed: " + e.getCause(), e.getCause());
			}
		}
	}
}

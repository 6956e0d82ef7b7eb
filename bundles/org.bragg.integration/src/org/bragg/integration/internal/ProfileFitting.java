package org.bragg.integration.internal;

import org.bragg.model.Panel;
import org.bragg.model.Scan;
import org.bragg.model.Vec3;
import org.bragg.model.reflection.ShoeboxMask;

/**
 * 3D profile fitting in the Kabsch (ε1, ε2, ε3) frame (Kabsch 2010, Acta Cryst. D66, 133–144; as DIALS's
 * {@code gaussian_rs} reciprocal-space fitting, re-implemented from the algorithm description).
 *
 * <p><b>Grid:</b> (2·{@value #GRID_SIZE}+1)³ voxels {@code [k3][k2][k1]} (k1 fastest); voxel k has its centre at
 * ε = (k − {@value #GRID_SIZE})·step with step1 = step2 = n_σ·σ_b/{@value #GRID_SIZE} and step3 =
 * n_σ·σ_m/{@value #GRID_SIZE} (radians). A shoebox's valid foreground pixels are transformed: each pixel is
 * subdivided {@value #NDIV}×{@value #NDIV} in (x, y), each part assigned to the nearest (ε1, ε2) voxel column, and a
 * frame's counts are split over ε3 in proportion to the Gaussian mosaicity profile integrated over the overlap of the
 * frame with each ε3 slab (as DIALS's forward transform).
 *
 * <p><b>References:</b> the transformed, background-subtracted signal of strong fully-recorded reflections is summed
 * per cell of a regular 3×3 grid over each panel, for the whole scan; each reference is normalised to sum 1, negative
 * voxels are set to 0 and voxels below {@value #MASK_THRESHOLD} of the maximum are masked out.
 *
 * <p><b>Fit:</b> iteratively re-weighted least squares of I minimising Σ(c − B − I·p)²/(B + I·p) over the voxels of
 * the reference mask that received data; var(I) = gain/Σ p²/(B + I·p); {@code profile.correlation} is the Pearson
 * correlation of c − B and p over the same voxels.
 *
 * <p>Thread safety: {@link #transform} is stateless; {@link #addReference} is synchronised; {@link #finish} must be
 * called once, after all references were added and before any {@link #fit}.
 */
public final class ProfileFitting {
	/** half-width of the grid in voxels (DIALS {@code grid_size} 5) */
	public static final int GRID_SIZE = 5;
	/** voxels per side */
	public static final int N = 2 * GRID_SIZE + 1;
	/** voxels in the grid */
	public static final int N3 = N * N * N;
	/** pixel subdivision in x and y */
	public static final int NDIV = 4;
	/** fraction of the reference maximum below which a voxel is not fitted (DIALS {@code threshold} 0.02) */
	public static final double MASK_THRESHOLD = 0.02;
	/** maximum number of re-weighting iterations */
	public static final int MAX_ITER = 10;
	/** minimum references in a detector cell, else the average over the whole detector is used */
	public static final int MIN_REFERENCES = 10;
	/** a tiny per-voxel background marking voxels that received data (so that coverage is known with B = 0) */
	private static final double COVER = 1e-6;

	private final double step1, step3, sigmaM;
	private final double[][] ref = new double[10][N3];
	private final int[] nRef = new int[10];
	private final boolean[][] refMask = new boolean[10][];
	private double[][] profile;

	/**
	 * @param sigmaB beam divergence (rad)
	 * @param sigmaM mosaicity (rad)
	 * @param nSigma number of standard deviations of the grid half-width
	 */
	public ProfileFitting(double sigmaB, double sigmaM, double nSigma) {
		step1 = nSigma * sigmaB / GRID_SIZE;
		step3 = nSigma * sigmaM / GRID_SIZE;
		this.sigmaM = sigmaM;
	}

	/** @return the regular-grid cell 0..8 of a position (pixels) on a panel */
	public static int cell(Panel p, double x, double y) {
		int cx = Math.max(0, Math.min(2, (int) (3 * x / p.nFast())));
		int cy = Math.max(0, Math.min(2, (int) (3 * y / p.nSlow())));
		return cy * 3 + cx;
	}

	/**
	 * Transforms one shoebox to the grid.
	 *
	 * @param data counts {@code [nz][ny][nx]}
	 * @param mask {@link ShoeboxMask} codes; only VALID|FOREGROUND pixels are used
	 * @param bg   background per pixel (counts), same layout
	 * @param x0   shoebox origin (panel pixels, scan array index for z0)
	 * @return {@code float[2·N3]}: transformed counts then transformed background (plus a tiny coverage marker)
	 */
	public float[] transform(float[] data, int[] mask, float[] bg, int x0, int y0, int z0, int nx, int ny, int nz, Panel p, Scan scan, KabschFrame cs) {
		// (ε1, ε2) at the pixel corners, interpolated bilinearly for the sub-pixels
		double[] g1 = new double[(nx + 1) * (ny + 1)], g2 = new double[g1.length];
		double[] c = new double[2];
		for (int y = 0; y <= ny; y++)
			for (int x = 0; x <= nx; x++) {
				Vec3 lab = p.pixelToLab(x0 + x, y0 + y);
				cs.fromBeamVector(lab.x(), lab.y(), lab.z(), c);
				g1[y * (nx + 1) + x] = c[0] / step1;
				g2[y * (nx + 1) + x] = c[1] / step1;
			}
		// per pixel: the distinct (ε1, ε2) voxel columns hit by its sub-pixels and their weights (fraction of the pixel)
		int np = nx * ny, ns = NDIV * NDIV;
		int[] start = new int[np + 1];
		int[] cols = new int[np * ns];
		float[] wts = new float[np * ns];
		int nc = 0;
		for (int y = 0; y < ny; y++)
			for (int x = 0; x < nx; x++) {
				int k = y * (nx + 1) + x, pix = y * nx + x;
				start[pix] = nc;
				double a1 = g1[k], b1 = g1[k + 1], c1 = g1[k + nx + 1], d1 = g1[k + nx + 2];
				double a2 = g2[k], b2 = g2[k + 1], c2 = g2[k + nx + 1], d2 = g2[k + nx + 2];
				for (int sy = 0; sy < NDIV; sy++)
					for (int sx = 0; sx < NDIV; sx++) {
						double u = (sx + 0.5) / NDIV, v = (sy + 0.5) / NDIV;
						double e1 = (1 - v) * ((1 - u) * a1 + u * b1) + v * ((1 - u) * c1 + u * d1);
						double e2 = (1 - v) * ((1 - u) * a2 + u * b2) + v * ((1 - u) * c2 + u * d2);
						int i1 = (int) Math.round(e1) + GRID_SIZE, i2 = (int) Math.round(e2) + GRID_SIZE;
						if (i1 < 0 || i1 >= N || i2 < 0 || i2 >= N) continue;
						int cc = i2 * N + i1, j = start[pix];
						while (j < nc && cols[j] != cc) j++;
						if (j == nc) {
							cols[nc] = cc;
							wts[nc++] = 0;
						}
						wts[j] += 1f / ns;
					}
			}
		start[np] = nc;
		float[] out = new float[2 * N3];
		double[] frac = new double[N];
		int[] nz3 = new int[N];
		double sq2 = Math.sqrt(2) * sigmaM;
		for (int z = 0; z < nz; z++) {
			double ea = cs.zeta * (Math.toRadians(scan.angleFromArrayIndex(z0 + z)) - cs.phi);
			double eb = cs.zeta * (Math.toRadians(scan.angleFromArrayIndex(z0 + z + 1)) - cs.phi);
			double lo = Math.min(ea, eb), hi = Math.max(ea, eb);
			if (!zFractions(lo, hi, sq2, frac)) continue;
			int n3 = 0;
			for (int k3 = 0; k3 < N; k3++) if (frac[k3] > 0) nz3[n3++] = k3;
			int off = z * np;
			for (int pix = 0; pix < np; pix++) {
				int k = off + pix;
				if ((mask[k] & (ShoeboxMask.VALID | ShoeboxMask.FOREGROUND)) != (ShoeboxMask.VALID | ShoeboxMask.FOREGROUND)) continue;
				double cv = data[k], bv = bg[k] + COVER;
				for (int j = start[pix]; j < start[pix + 1]; j++) {
					int cc = cols[j];
					double w = wts[j];
					for (int q = 0; q < n3; q++) {
						int k3 = nz3[q];
						double f = frac[k3] * w;
						int vox = k3 * N * N + cc;
						out[vox] += (float) (cv * f);
						out[N3 + vox] += (float) (bv * f);
					}
				}
			}
		}
		return out;
	}

	/** Fractions of a frame spanning [lo, hi] (ε3, rad) falling in each ε3 slab; false if none. */
	private boolean zFractions(double lo, double hi, double sq2, double[] frac) {
		double total = Erf.erf(hi / sq2) - Erf.erf(lo / sq2);
		boolean any = false;
		for (int k = 0; k < N; k++) {
			double a = Math.max(lo, (k - GRID_SIZE - 0.5) * step3), b = Math.min(hi, (k - GRID_SIZE + 0.5) * step3);
			if (b <= a) {
				frac[k] = 0;
				continue;
			}
			// far in the tail the Gaussian weights underflow: split by overlap length instead
			frac[k] = total > 1e-12 ? (Erf.erf(b / sq2) - Erf.erf(a / sq2)) / total : (b - a) / (hi - lo);
			any |= frac[k] > 0;
		}
		return any;
	}

	/** Adds a transformed reference (output of {@link #transform}) to detector cell {@code cell}. */
	public synchronized void addReference(int cell, float[] grid) {
		double s = 0;
		for (int k = 0; k < N3; k++) s += grid[k] - grid[N3 + k];
		if (!(s > 0)) return;
		for (int k = 0; k < N3; k++) {
			double v = (grid[k] - grid[N3 + k]) / s;
			ref[cell][k] += v;
			ref[9][k] += v;
		}
		nRef[cell]++;
		nRef[9]++;
	}

	/** @return the number of references added */
	public synchronized int nReferences() { return nRef[9]; }

	/** Normalises the references; cells with fewer than {@value #MIN_REFERENCES} use the detector-wide average. */
	public synchronized void finish() {
		profile = new double[10][];
		for (int c = 0; c < 10; c++) {
			int src = nRef[c] >= MIN_REFERENCES ? c : 9;
			if (nRef[src] == 0) continue;
			double[] p = new double[N3];
			double s = 0, max = 0;
			for (int k = 0; k < N3; k++) {
				p[k] = Math.max(0, ref[src][k]);
				s += p[k];
				max = Math.max(max, p[k]);
			}
			boolean[] m = new boolean[N3];
			for (int k = 0; k < N3; k++) {
				p[k] /= s;
				m[k] = p[k] * s >= MASK_THRESHOLD * max;
			}
			profile[c] = p;
			refMask[c] = m;
		}
	}

	/** @return the normalised reference of a cell (shared; do not modify), or null */
	public double[] profile(int cell) { return profile[cell]; }

	/** A normalised reference profile {@code [N3]} and its fitting mask {@code [N3]}. */
	public record Reference(double[] profile, boolean[] mask) {}

	/** Result of one fit: intensity, variance, correlation; {@code ok} false if the fit failed. */
	public record Fit(double intensity, double variance, double correlation, boolean ok) {}

	/**
	 * Fits one transformed shoebox.
	 *
	 * @param grid output of {@link #transform}
	 * @param cell detector cell
	 * @param gain detector gain (multiplies the variance)
	 */
	public Fit fit(float[] grid, int cell, double gain) { return fit(grid, profile[cell], refMask[cell], gain); }

	/**
	 * The reference at a detector position: bilinear interpolation between the 3×3 cell centres of the panel
	 * (clamped at the edges), renormalised, with its own {@value #MASK_THRESHOLD} mask.
	 *
	 * @return the reference; its fields are null if a needed cell has no reference
	 */
	public Reference profileAt(Panel p, double x, double y) {
		double fx = Math.max(0, Math.min(2, 3 * x / p.nFast() - 0.5)), fy = Math.max(0, Math.min(2, 3 * y / p.nSlow() - 0.5));
		int ix = Math.min(1, (int) fx), iy = Math.min(1, (int) fy);
		double ux = fx - ix, uy = fy - iy;
		double[] out = new double[N3];
		for (int c = 0; c < 4; c++) {
			int cx = ix + (c & 1), cy = iy + (c >> 1);
			double w = ((c & 1) == 0 ? 1 - ux : ux) * ((c >> 1) == 0 ? 1 - uy : uy);
			double[] pc = profile[cy * 3 + cx];
			if (w == 0) continue;
			if (pc == null) return new Reference(null, null);
			for (int k = 0; k < N3; k++) out[k] += w * pc[k];
		}
		double s = 0, max = 0;
		for (double v : out) {
			s += v;
			max = Math.max(max, v);
		}
		boolean[] m = new boolean[N3];
		for (int k = 0; k < N3; k++) {
			out[k] /= s;
			m[k] = out[k] * s >= MASK_THRESHOLD * max;
		}
		return new Reference(out, m);
	}

	/** Fits one transformed shoebox with the normalised profile {@code p} over the voxels of {@code m}. */
	public Fit fit(float[] grid, double[] p, boolean[] m, double gain) {
		if (p == null) return new Fit(Double.NaN, Double.NaN, Double.NaN, false);
		int[] use = new int[N3];
		int nu = 0;
		double sumP = 0, I = 0;
		for (int k = 0; k < N3; k++)
			if (m[k] && grid[N3 + k] > 0) {
				use[nu++] = k;
				sumP += p[k];
				I += grid[k] - grid[N3 + k];
			}
		if (nu < 2 || sumP <= 0) return new Fit(Double.NaN, Double.NaN, Double.NaN, false);
		I /= sumP;
		double var = Double.NaN;
		boolean conv = false;
		for (int it = 0; it < MAX_ITER; it++) {
			double num = 0, den = 0;
			for (int j = 0; j < nu; j++) {
				int k = use[j];
				double b = grid[N3 + k], v = Math.max(b + I * p[k], 1e-6);
				num += (grid[k] - b) * p[k] / v;
				den += p[k] * p[k] / v;
			}
			if (!(den > 0)) return new Fit(Double.NaN, Double.NaN, Double.NaN, false);
			double In = num / den;
			var = 1 / den;
			boolean done = Math.abs(In - I) < 1e-3 * Math.sqrt(var) + 1e-9;
			I = In;
			if (done) {
				conv = true;
				break;
			}
		}
		// correlation of the background-subtracted data with the profile
		double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
		for (int j = 0; j < nu; j++) {
			int k = use[j];
			double x = grid[k] - grid[N3 + k], y = p[k];
			sx += x;
			sy += y;
			sxx += x * x;
			syy += y * y;
			sxy += x * y;
		}
		double cc = (nu * sxy - sx * sy) / Math.sqrt((nu * sxx - sx * sx) * (nu * syy - sy * sy));
		boolean ok = conv && Double.isFinite(I) && var > 0;
		return new Fit(I, var * gain, cc, ok);
	}
}

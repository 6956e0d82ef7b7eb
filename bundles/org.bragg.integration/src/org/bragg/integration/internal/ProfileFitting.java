package org.bragg.integration.internal;

import org.bragg.model.Panel;
import org.bragg.model.Scan;
import org.bragg.model.reflection.ShoeboxMask;

/**
 * 3D profile fitting in the Kabsch (ε1, ε2, ε3) frame (Kabsch 2010, Acta Cryst. D66, 133–144), re-implemented from
 * the algorithm of DIALS's {@code GaussianRSProfileModeller} with {@code fit_method=reciprocal_space} (Winter et al.
 * 2018, Acta Cryst. D74, 85–97).
 *
 * <p><b>Grid:</b> (2·{@value #GRID_SIZE}+1)³ voxels {@code [k3][k2][k1]} (k1 fastest) spanning ±n'·σ with n' =
 * {@value #GRID_SIGMA_FACTOR}·n_σ (as DIALS, wider than the n_σ foreground); voxel k covers ε ∈ [(k − 5.5)·step,
 * (k − 4.5)·step) with step = n'·σ/(GRID_SIZE + ½), σ = σ_b for ε1, ε2 and σ_m for ε3 (radians). A shoebox's valid
 * foreground pixels are transformed: each pixel is subdivided {@value #NDIV}×{@value #NDIV} in (x, y) and each part
 * assigned to its (ε1, ε2) voxel column (DIALS clips pixel polygons exactly), and a frame's counts are split over the
 * ε3 slabs in proportion to the Gaussian mosaicity profile integrated over the overlap of the frame with each slab
 * (DIALS {@code MapFramesForward}).
 *
 * <p><b>Fit mask:</b> the ε3 slabs of which more than {@value #SLAB_COVERAGE} of the Gaussian mass lies inside the
 * shoebox's frame range (DIALS {@code MapFramesReverse}), whole (ε1, ε2) planes.
 *
 * <p><b>References</b> ({@link ReferenceSampler}): each reference's transformed, background-subtracted signal, divided
 * by its sum, is added with weight exp(−4 ln2 d²) to the nearest profile and its neighbours; a profile is finalised
 * by setting negative voxels to 0 and normalising to sum 1.
 *
 * <p><b>Fit</b> (DIALS {@code ProfileFitter}) against the profile of the nearest position only: iteratively
 * re-weighted least squares of I over the masked voxels with p &gt; 0 and weights 1/(|B| + |I·p|), starting at
 * I = Σ(c − B), until |ΔI| &lt; {@value #EPS}; if {@value #MAX_ITER} iterations do not converge, the sum Σ(c − B) over
 * the mask is used. {@code profile.correlation} is, as DIALS, the Pearson correlation over the mask of the observed
 * counts c with the fitted model I·p + B. Difference from DIALS: var(I) = gain/Σ(p²/(B + I·p)) (the least-squares
 * variance) instead of DIALS's |I| + ΣB.
 *
 * <p>Thread safety: {@link #transform} and {@link #fit} are stateless; {@link #addReference} and
 * {@link #finishBlock} are synchronised; a profile must be finished (after all its references were added, which
 * the caller guarantees) before it is used in {@link #fit}.
 */
public final class ProfileFitting {
	/** half-width of the grid in voxels (DIALS {@code fitting.grid_size} 5) */
	public static final int GRID_SIZE = 5;
	/** voxels per side */
	public static final int N = 2 * GRID_SIZE + 1;
	/** voxels in the grid */
	public static final int N3 = N * N * N;
	/** pixel subdivision in x and y */
	public static final int NDIV = 4;
	/** the grid spans ±(this × n_σ) standard deviations (DIALS passes 1.5·n_sigma to its modeller) */
	public static final double GRID_SIGMA_FACTOR = 1.5;
	/** an ε3 slab is fitted if more than this fraction of its Gaussian mass lies in the shoebox frames (DIALS) */
	public static final double SLAB_COVERAGE = 0.99;
	/** maximum number of re-weighting iterations (DIALS reciprocal-space fitting: 100) */
	public static final int MAX_ITER = 100;
	/** convergence tolerance on I (counts, DIALS 1e-3) */
	public static final double EPS = 1e-3;

	private final double step1, step3, sigmaM;
	private final ReferenceSampler sampler;
	private final double[][] sum;
	private final int[] nRef;
	private final double[][] profile;

	/**
	 * A transformed shoebox: {@code values} holds the counts then the background, {@code float[2·N3]}, or, if
	 * {@code compact}, only the fitted slabs ({@code float[2·m·N²]}, m = number of fitted slabs, counts then
	 * background, slabs in ascending order); bit k3 of {@code slabs} marks a fitted ε3 slab.
	 */
	public record Grid(float[] values, int slabs, boolean compact) {
		/** A full grid. */
		public Grid(float[] values, int slabs) { this(values, slabs, false); }

		/** @return the grid with only the fitted slabs (all that {@link ProfileFitting#fit} reads) */
		public Grid compacted() {
			if (compact) return this;
			int m = Integer.bitCount(slabs), n2 = N * N;
			float[] v = new float[2 * m * n2];
			for (int k3 = 0, r = 0; k3 < N; k3++) {
				if ((slabs & (1 << k3)) == 0) continue;
				System.arraycopy(values, k3 * n2, v, r * n2, n2);
				System.arraycopy(values, N3 + k3 * n2, v, (m + r) * n2, n2);
				r++;
			}
			return new Grid(v, slabs, true);
		}
	}

	/** Result of one fit: intensity, variance, correlation; {@code ok} false if the fit failed. */
	public record Fit(double intensity, double variance, double correlation, boolean ok) {}

	/**
	 * @param sigmaB  beam divergence (rad)
	 * @param sigmaM  mosaicity (rad)
	 * @param nSigma  n_σ of the profile model (the grid spans ±1.5·n_σ)
	 * @param sampler the positions of the reference profiles
	 */
	public ProfileFitting(double sigmaB, double sigmaM, double nSigma, ReferenceSampler sampler) {
		double ns = GRID_SIGMA_FACTOR * nSigma;
		step1 = ns * sigmaB / (GRID_SIZE + 0.5);
		step3 = ns * sigmaM / (GRID_SIZE + 0.5);
		this.sigmaM = sigmaM;
		this.sampler = sampler;
		sum = new double[sampler.size()][];
		nRef = new int[sampler.size()];
		profile = new double[sampler.size()][];
	}

	/** @return the reference positions */
	public ReferenceSampler sampler() { return sampler; }

	/**
	 * Transforms one shoebox to the grid.
	 *
	 * @param data counts {@code [nz][ny][nx]}
	 * @param mask {@link ShoeboxMask} codes; only VALID|FOREGROUND pixels are used
	 * @param bg   background per pixel (counts), same layout; null for the constant {@code mu}
	 * @param mu   the constant background (counts per pixel) if {@code bg} is null
	 * @param x0   shoebox origin (panel pixels, scan array index for z0)
	 * @return the transformed counts and background and the fit mask
	 */
	public Grid transform(float[] data, int[] mask, float[] bg, double mu, int x0, int y0, int z0, int nx, int ny, int nz, Panel p, Scan scan, KabschFrame cs) {
		// grid coordinates (ε1, ε2)/step + GRID_SIZE + ½ at the pixel corners, interpolated bilinearly for the sub-pixels
		double[] g1 = new double[(nx + 1) * (ny + 1)], g2 = new double[g1.length];
		double[] c = new double[2];
		for (int y = 0; y <= ny; y++)
			for (int x = 0; x <= nx; x++) {
				var lab = p.pixelToLab(x0 + x, y0 + y);
				cs.fromBeamVector(lab.x(), lab.y(), lab.z(), c);
				g1[y * (nx + 1) + x] = c[0] / step1 + GRID_SIZE + 0.5;
				g2[y * (nx + 1) + x] = c[1] / step1 + GRID_SIZE + 0.5;
			}
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
						if (!(e1 >= 0 && e1 < N && e2 >= 0 && e2 < N)) continue;
						int cc = (int) e2 * N + (int) e1, j = start[pix];
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
		double sr = Math.abs(cs.zeta) / (Math.sqrt(2) * sigmaM);
		for (int z = 0; z < nz; z++) {
			double aj = Math.toRadians(scan.angleFromArrayIndex(z0 + z)), bj = Math.toRadians(scan.angleFromArrayIndex(z0 + z + 1));
			if (!zFractions(aj, bj, cs, sr, frac)) continue;
			int n3 = 0;
			for (int k3 = 0; k3 < N; k3++) if (frac[k3] > 0) nz3[n3++] = k3;
			int off = z * np;
			for (int pix = 0; pix < np; pix++) {
				int k = off + pix;
				if ((mask[k] & (ShoeboxMask.VALID | ShoeboxMask.FOREGROUND)) != (ShoeboxMask.VALID | ShoeboxMask.FOREGROUND)) continue;
				double cv = data[k], bv = bg != null ? bg[k] : mu;
				for (int j = start[pix]; j < start[pix + 1]; j++) {
					int col = cols[j];
					double w = wts[j];
					for (int q = 0; q < n3; q++) {
						int k3 = nz3[q];
						double f = frac[k3] * w;
						int vox = k3 * N * N + col;
						out[vox] += (float) (cv * f);
						out[N3 + vox] += (float) (bv * f);
					}
				}
			}
		}
		// fit mask: slabs whose Gaussian mass lies (> 99 %) inside the frames of the shoebox
		double pa = Math.toRadians(scan.angleFromArrayIndex(z0)), pb = Math.toRadians(scan.angleFromArrayIndex(z0 + nz));
		double lo = Math.min(pa, pb), hi = Math.max(pa, pb);
		int slabs = 0;
		double[] ab = new double[2];
		for (int k3 = 0; k3 < N; k3++) {
			slab(k3, cs, ab);
			double whole = Erf.erf((ab[1] - cs.phi) * sr) - Erf.erf((ab[0] - cs.phi) * sr);
			if (whole == 0) continue;
			double a = Math.max(ab[0], lo), b = Math.min(ab[1], hi);
			if (b <= a) continue;
			double in = (Erf.erf((b - cs.phi) * sr) - Erf.erf((a - cs.phi) * sr)) / whole;
			if (in > SLAB_COVERAGE) slabs |= 1 << k3;
		}
		return new Grid(out, slabs);
	}

	/** Writes the φ interval (rad, ascending) of ε3 slab k3 into ab[0..1]. */
	private void slab(int k3, KabschFrame cs, double[] ab) {
		double a = (k3 - GRID_SIZE - 0.5) * step3 / cs.zeta + cs.phi, b = (k3 - GRID_SIZE + 0.5) * step3 / cs.zeta + cs.phi;
		ab[0] = Math.min(a, b);
		ab[1] = Math.max(a, b);
	}

	/** Fractions of the Gaussian mass of the frame [aj, bj] (rad) falling in each ε3 slab (DIALS MapFramesForward); false if none. */
	private boolean zFractions(double aj, double bj, KabschFrame cs, double sr, double[] frac) {
		double total = Erf.erf((bj - cs.phi) * sr) - Erf.erf((aj - cs.phi) * sr);
		if (total == 0) return false;
		boolean any = false;
		double[] ab = new double[2];
		for (int k = 0; k < N; k++) {
			slab(k, cs, ab);
			double a = Math.max(ab[0], aj), b = Math.min(ab[1], bj);
			frac[k] = b > a ? (Erf.erf((b - cs.phi) * sr) - Erf.erf((a - cs.phi) * sr)) / total : 0;
			any |= frac[k] > 0;
		}
		return any;
	}

	/**
	 * Adds a transformed reference to the profiles around its position (DIALS {@code EmpiricalProfileModeller.add}).
	 *
	 * @param grid    output of {@link #transform}
	 * @param nearest the nearest profile ({@link ReferenceSampler#nearest})
	 * @param x       position, as for {@link ReferenceSampler#nearest}
	 */
	public void addReference(Grid grid, int nearest, double x, double y, double z) {
		float[] g = grid.values();
		double s = 0;
		for (int k = 0; k < N3; k++) s += g[k] - g[N3 + k];
		if (!(s > 0)) return;
		double[] w = new double[27];
		int[] idx = sampler.nearestN(nearest, x, y, z, w);
		double[] diff = new double[N3];
		for (int k = 0; k < N3; k++) diff[k] = (g[k] - g[N3 + k]) / s;
		synchronized (this) {
			for (int j = 0; j < idx.length; j++) {
				int i = idx[j];
				if (profile[i] != null) throw new IllegalStateException("reference added to finished profile " + i);
				if (sum[i] == null) sum[i] = new double[N3];
				double f = w[j];
				double[] d = sum[i];
				for (int k = 0; k < N3; k++) d[k] += f * diff[k];
				nRef[i]++;
			}
		}
	}

	/** Finishes the profiles of scan block {@code b} (negative voxels to 0, normalised to sum 1); idempotent. */
	public synchronized void finishBlock(int b) {
		for (int i = 0; i < sampler.size(); i++) {
			if (sampler.block(i) != b || profile[i] != null || sum[i] == null) continue;
			double[] p = sum[i];
			double s = 0;
			for (int k = 0; k < N3; k++) {
				if (p[k] < 0) p[k] = 0;
				s += p[k];
			}
			if (!(s > 0)) continue;
			for (int k = 0; k < N3; k++) p[k] /= s;
			profile[i] = p;
			sum[i] = null;
		}
	}

	/** Finishes every profile. */
	public void finish() { for (int b = 0; b < sampler.blocks(); b++) finishBlock(b); }

	/** @return the number of references added to profile {@code index} (weighted contributions counted once each) */
	public synchronized int nReferences(int index) { return nRef[index]; }

	/** @return the finished normalised profile {@code [N3]} (shared; do not modify), or null if it has no references or is not finished */
	public synchronized double[] profile(int index) { return profile[index]; }

	/**
	 * Fits one transformed shoebox with the finished profile {@code index}.
	 *
	 * @param gain detector gain (multiplies the variance)
	 */
	public Fit fit(Grid grid, int index, double gain) { return fit(grid, index < 0 ? null : profile(index), gain); }

	/** Fits one transformed shoebox (full or compact) with the normalised profile {@code p} {@code [N3]} over the slabs of the grid's mask. */
	public static Fit fit(Grid grid, double[] p, double gain) {
		Fit fail = new Fit(Double.NaN, Double.NaN, Double.NaN, false);
		if (p == null) return fail;
		float[] g = grid.values();
		int slabs = grid.slabs(), m = Integer.bitCount(slabs), n2 = N * N;
		if (m == 0) return fail;
		// per fitted slab: offsets of its counts and background in g, and of the profile
		int[] co = new int[m], bo = new int[m], po = new int[m];
		for (int k3 = 0, r = 0; k3 < N; k3++) {
			if ((slabs & (1 << k3)) == 0) continue;
			po[r] = k3 * n2;
			co[r] = grid.compact() ? r * n2 : k3 * n2;
			bo[r] = grid.compact() ? (m + r) * n2 : N3 + k3 * n2;
			r++;
		}
		double sumd = 0, sumb = 0, sump = 0;
		for (int r = 0; r < m; r++)
			for (int k = 0; k < n2; k++) {
				sumd += g[co[r] + k];
				sumb += g[bo[r] + k];
				sump += p[po[r] + k];
			}
		if (!(sump > 0) || sumb < 0 || sumd < 0) return fail;
		double i0 = sumd - sumb, in = 0, den = 0;
		int it;
		for (it = 0; it < MAX_ITER; it++) {
			double s1 = 0, s2 = 0;
			for (int r = 0; r < m; r++)
				for (int k = 0; k < n2; k++) {
					double pk = p[po[r] + k];
					if (!(pk > 0)) continue;
					double b = g[bo[r] + k], v = 1e-10 + Math.abs(b) + Math.abs(i0 * pk);
					s1 += (g[co[r] + k] - b) * pk / v;
					s2 += pk * pk / v;
				}
			if (!(s2 > 0)) return fail;
			in = s1 / s2;
			den = s2;
			if (Math.abs(in - i0) < EPS) break;
			i0 = in;
		}
		double intensity = in, var = 1 / den;
		if (it >= MAX_ITER) {
			intensity = sumd - sumb;
			var = Math.abs(intensity) + sumb;
		}
		// correlation of the counts with the fitted model I·p + B over the mask (DIALS)
		double xb = 0, yb = 0;
		for (int r = 0; r < m; r++)
			for (int k = 0; k < n2; k++) {
				xb += intensity * p[po[r] + k] + g[bo[r] + k];
				yb += g[co[r] + k];
			}
		xb /= m * n2;
		yb /= m * n2;
		double sxy = 0, sxx = 0, syy = 0;
		for (int r = 0; r < m; r++)
			for (int k = 0; k < n2; k++) {
				double dx = intensity * p[po[r] + k] + g[bo[r] + k] - xb, dy = g[co[r] + k] - yb;
				sxy += dx * dy;
				sxx += dx * dx;
				syy += dy * dy;
			}
		double cc = sxx > 0 && syy > 0 ? sxy / (Math.sqrt(sxx) * Math.sqrt(syy)) : 0;
		if (!Double.isFinite(intensity) || !(var > 0)) return fail;
		return new Fit(intensity, var * gain, cc, true);
	}
}

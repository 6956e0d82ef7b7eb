package org.bragg.indexing.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.bragg.indexing.BasisVectorSearch;
import org.bragg.indexing.IndexingFailedException;
import org.bragg.indexing.IndexingParameters;
import org.bragg.model.Vec3;

/**
 * Basis vector search by a 3D FFT of the reciprocal lattice points on a Cartesian grid, as DIALS
 * {@code fft3d} (Bricogne 1986; Campbell 1998, J. Appl. Cryst. 31, 407–413).
 *
 * <p>The grid has n³ points (n = {@code reciprocal_space_grid.n_points}, 256) spanning ±1/d_min in
 * each lab axis, d_min = max(5·max_cell/n, lowest d of the spots) unless set; each rlp with d ≥
 * d_min sets its nearest grid point to exp(−B·|r|²/4), B = −4·d_min²·ln 0.05. The squared real part
 * of the transform is a Patterson-like map of the direct lattice on a cube of edge n·d_min/2 Å.
 * Points below {@code rmsd_cutoff} × its rms are zeroed, the rest are split into connected peaks;
 * peaks smaller than {@code peak_volume_cutoff} × the largest non-origin peak are ignored. Peak
 * centres are candidate vectors: those between min_cell and 2·max_cell are grouped (10 % in length,
 * 5° in direction), integer multiples of stronger shorter vectors are dropped, and the rest are
 * returned by decreasing peak volume.
 */
public final class Fft3dSearch implements BasisVectorSearch {

	@Override public String name() { return "fft3d"; }

	@Override
	public Result find(double[] rlp, Context ctx) throws IndexingFailedException {
		IndexingParameters.Fft3d p = ctx.params().fft3d();
		int n = adjustGridding(p.reciprocalSpaceGrid().nPoints());
		int count = rlp.length / 3;
		double dMin;
		if (p.reciprocalSpaceGrid().dMin().isPresent()) {
			dMin = p.reciprocalSpaceGrid().dMin().getAsDouble();
		} else {
			dMin = 5 * ctx.maxCell() / n;
			double lowest = Double.POSITIVE_INFINITY;
			for (int i = 0; i < count; i++) lowest = Math.min(lowest, 1 / norm(rlp, i));
			dMin = Math.max(dMin, lowest);
			ctx.log().accept(String.format(Locale.ROOT, "Setting d_min: %.2f", dMin));
		}
		ctx.log().accept(String.format(Locale.ROOT, "FFT gridding: (%d,%d,%d)", n, n, n));
		double bIso = p.bIso().isPresent() ? p.bIso().getAsDouble() : -4 * dMin * dMin * Math.log(0.05);
		boolean[] used = new boolean[count];
		double[] grid = new double[n * n * n];
		mapToGrid(rlp, grid, n, dMin, bIso, used);
		int nonZero = 0;
		for (double g : grid) if (g > 0) nonZero++;
		ctx.log().accept("Number of centroids used: " + nonZero);

		RealPartPowerFft3d fft = RealPartPowerFft3d.transform(grid, n, ctx.threads());
		grid = null;
		double[] stats = fft.meanAndRmsd();
		byte[] binary = fft.threshold(p.rmsdCutoff() * stats[1]);
		fft = null;
		List<FloodFill.Void> voids = FloodFill.run(binary, n);
		if (voids.size() < 4)
			throw new IndexingFailedException("fft3d peak search found " + voids.size() + " peak(s) in the transformed map, too few for a lattice ("
					+ nonZero + " rlps on the grid, d_min " + String.format(Locale.ROOT, "%.2f", dMin) + " Å, max_cell "
					+ String.format(Locale.ROOT, "%.1f", ctx.maxCell()) + " Å); try indexing.method=fft1d, a larger max_cell= or a known unit_cell");
		// exclude anomalously large peaks (the origin) when fixing the minimum volume
		int[] sizes = voids.stream().mapToInt(FloodFill.Void::gridPoints).toArray();
		double[] five = fiveNumberSummary(sizes);
		double cut = five[3] + 5 * (five[3] - five[1]);
		int maxNonOutlier = 0;
		for (int s : sizes) if (s <= cut) maxNonOutlier = Math.max(maxNonOutlier, s);
		int minVolume = (int) (p.peakVolumeCutoff() * maxNonOutlier);
		double cellLength = n * dMin / 2;
		List<Vec3> sites = new ArrayList<>();
		List<Double> volumes = new ArrayList<>();
		for (FloodFill.Void v : voids) {
			if (v.gridPoints() <= minVolume) continue;
			double[] f = v.centreFrac();
			double x = modShort(f[0]) * cellLength, y = modShort(f[1]) * cellLength, z = modShort(f[2]) * cellLength;
			sites.add(new Vec3(x, y, z));
			volumes.add((double) v.gridPoints());
		}
		return new Result(selectCandidates(sites, volumes, ctx.minCell(), ctx.maxCell()), used);
	}

	/**
	 * Filters, groups and orders peak vectors as DIALS {@code FFT3D.find_basis_vectors} after the peak
	 * search.
	 */
	static List<Vec3> selectCandidates(List<Vec3> sites, List<Double> volumes, double minCell, double maxCell) {
		Integer[] perm = new Integer[sites.size()];
		for (int i = 0; i < perm.length; i++) perm[i] = i;
		Arrays.sort(perm, Comparator.comparingDouble(i -> sites.get(i).length()));
		List<Vec3> vectors = new ArrayList<>();
		List<Double> vols = new ArrayList<>();
		for (int i : perm) {
			double l = sites.get(i).length();
			if (l > minCell && l < 2 * maxCell) {
				vectors.add(sites.get(i));
				vols.add(volumes.get(i));
			}
		}
		double[] w = vols.stream().mapToDouble(Double::doubleValue).toArray();
		List<VectorGroups.Group> groups = VectorGroups.group(vectors, w, 0.1, 5, 0);
		List<Vec3> gv = new ArrayList<>();
		List<Double> gw = new ArrayList<>();
		for (VectorGroups.Group g : groups) {
			gv.add(g.mean());
			gw.add(g.maxWeight());
		}
		// sort by peak size (descending, stable)
		Integer[] byVol = new Integer[gv.size()];
		for (int i = 0; i < byVol.length; i++) byVol[i] = i;
		Arrays.sort(byVol, (a, b) -> Double.compare(gw.get(b), gw.get(a)));
		List<Vec3> v2 = new ArrayList<>();
		List<Double> w2 = new ArrayList<>();
		for (int i : byVol) {
			v2.add(gv.get(i));
			w2.add(gw.get(i));
		}
		// by length, dropping integer multiples of stronger shorter vectors
		Integer[] byLen = new Integer[v2.size()];
		for (int i = 0; i < byLen.length; i++) byLen[i] = i;
		Arrays.sort(byLen, Comparator.comparingDouble(i -> v2.get(i).length()));
		List<Vec3> unique = new ArrayList<>();
		List<Double> uniqueW = new ArrayList<>();
		for (int p : byLen) {
			Vec3 v = v2.get(p);
			boolean isUnique = true;
			for (int i = 0; i < unique.size(); i++) {
				if (uniqueW.get(i) > w2.get(p) && VectorGroups.isApproximateIntegerMultiple(unique.get(i), v, 0.2, 5)) {
					isUnique = false;
					break;
				}
			}
			if (isUnique) {
				unique.add(v);
				uniqueW.add(w2.get(p));
			}
		}
		Integer[] fin = new Integer[unique.size()];
		for (int i = 0; i < fin.length; i++) fin[i] = i;
		Arrays.sort(fin, (a, b) -> Double.compare(uniqueW.get(b), uniqueW.get(a)));
		List<Vec3> out = new ArrayList<>();
		for (int i : fin) out.add(unique.get(i));
		return out;
	}

	/** Places rlps on the grid as DIALS {@code map_centroids_to_reciprocal_space_grid}. */
	static void mapToGrid(double[] rlp, double[] grid, int n, double dMin, double bIso, boolean[] used) {
		double rlgrid = 2 / (dMin * n);
		double inv = 1 / rlgrid;
		int half = n / 2;
		int count = rlp.length / 3;
		for (int i = 0; i < count; i++) {
			double x = rlp[3 * i], y = rlp[3 * i + 1], z = rlp[3 * i + 2];
			double len = Math.sqrt(x * x + y * y + z * z);
			if (1 / len < dMin) continue;
			int cx = iround(x * inv) + half, cy = iround(y * inv) + half, cz = iround(z * inv) + half;
			if (Math.max(cx, Math.max(cy, cz)) >= n || Math.min(cx, Math.min(cy, cz)) < 0) continue;
			used[i] = true;
			grid[(cx * n + cy) * n + cz] = bIso != 0 ? Math.exp(-bIso * len * len / 4) : 1;
		}
	}

	/** Rounds half away from zero, as scitbx {@code iround}. */
	static int iround(double x) { return x < 0 ? (int) (x - 0.5) : (int) (x + 0.5); }

	/** Maps a fractional coordinate into [−0.5, 0.5]. */
	static double modShort(double f) {
		double r = f - Math.floor(f); // [0, 1)
		return r > 0.5 ? r - 1 : r;
	}

	/** Smallest m ≥ n whose prime factors are 2, 3 and 5, made even (as fftpack gridding with max prime 5). */
	static int adjustGridding(int n) {
		int m = Math.max(n, 2);
		while (true) {
			int r = m;
			for (int p : new int[] { 2, 3, 5 }) while (r % p == 0) r /= p;
			if (r == 1 && m % 2 == 0) return m;
			m++;
		}
	}

	/** Tukey's five-number summary (R {@code fivenum}). */
	static double[] fiveNumberSummary(int[] data) {
		double[] s = Arrays.stream(data).asDoubleStream().sorted().toArray();
		int n = s.length;
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

	private static double norm(double[] v, int i) {
		return Math.sqrt(v[3 * i] * v[3 * i] + v[3 * i + 1] * v[3 * i + 1] + v[3 * i + 2] * v[3 * i + 2]);
	}
}

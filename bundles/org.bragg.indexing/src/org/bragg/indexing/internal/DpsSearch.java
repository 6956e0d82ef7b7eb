package org.bragg.indexing.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bragg.model.Vec3;

/**
 * The DPS hemisphere search for strong periodicities of reciprocal lattice points (Steller et al.
 * 1997; Sauter, Grosse-Kunstleve &amp; Adams 2004, J. Appl. Cryst. 37, 399–409), as rstbx's
 * {@code HemisphereSampler} / {@code dps_core} do it for DIALS {@code fft1d} and
 * {@code search_beam_position}.
 *
 * <p>Directions cover the hemisphere z ≥ 0 evenly in solid angle with spacing
 * {@code incr} = min(0.029 rad, characteristic grid). For fine grids (incr ≤ 0.016 rad) a coarse
 * pass at 0.016 rad with a relaxed cut-off (kval &gt; n/10) first selects regions, and only
 * directions near those winners are sampled finely. A direction is kept if its peak height exceeds
 * n/4 and its period is below max_cell; up to 30 clusters (5° apart) of the strongest directions
 * are each refined by nested 5×5 grid searches down to characteristic/100 rad. Finally the
 * directions are sorted by peak height and any within 10° of a stronger one are dropped.
 */
public final class DpsSearch {
	private DpsSearch() {}

	/** A sampled direction and the FFT peak found along it. */
	public record Direction(double psi, double phi, Vec3 dvec, int kmax, double kval, double ucLength) {
		/** @return the basis vector: direction × period (Å) */
		public Vec3 bvec() { return dvec.times(ucLength); }
	}

	static Direction fromAngles(double psi, double phi) {
		return new Direction(psi, phi, new Vec3(Math.sin(psi) * Math.cos(phi), Math.sin(psi) * Math.sin(phi), Math.cos(psi)), 0, 0, 0);
	}

	static Direction fromVector(Vec3 d) {
		return new Direction(Math.acos(Math.max(-1, Math.min(1, d.z()))), Math.atan2(d.y(), d.x()), d, 0, 0, 0);
	}

	/** Hemisphere directions at spacing {@code sampling} radians (rstbx {@code construct_hemisphere_grid}). */
	public static List<Direction> hemisphereGrid(double sampling) {
		int psiRange = (int) (0.5 + (Math.PI / 2) / sampling);
		double psiIncr = (Math.PI / 2) / psiRange;
		List<Direction> out = new ArrayList<>(4 * psiRange * psiRange);
		for (int x = 0; x <= psiRange; x++) {
			double psi = x * psiIncr;
			if (psi == 0) {
				out.add(fromAngles(0, 0));
			} else {
				int phiRange = (int) (0.5 + 2 * Math.PI * Math.sin(psi) / sampling);
				double phiIncr = 2 * Math.PI / phiRange;
				for (int y = 0; y < phiRange; y++) out.add(fromAngles(psi, y * phiIncr));
			}
		}
		return out;
	}

	/**
	 * Runs the search.
	 *
	 * @param xyz rlps ({@code double[3n]}, Å⁻¹)
	 * @param maxCell a_max (Å)
	 * @param characteristicGrid the sampling in radians, or NaN for the automatic choice
	 *        min(0.029, 2·d_min/max_cell)
	 * @return the solutions, strongest first
	 */
	public static List<Direction> search(double[] xyz, double maxCell, double characteristicGrid, int threads) {
		int n = xyz.length / 3;
		double cg = characteristicGrid;
		if (Double.isNaN(cg)) {
			double maxNorm = 0;
			for (int i = 0; i < n; i++) maxNorm = Math.max(maxNorm, Math.sqrt(xyz[3 * i] * xyz[3 * i] + xyz[3 * i + 1] * xyz[3 * i + 1] + xyz[3 * i + 2] * xyz[3 * i + 2]));
			cg = Math.min(0.029, 2 * (1 / maxNorm) / maxCell);
		}
		double maxGrid = 0.029, quickGrid = 0.016;
		double incr = Math.min(maxGrid, cg);
		List<Direction> angles;
		if (quickGrid >= incr) {
			double quickCount = 2 * Math.PI / (quickGrid * quickGrid);
			double secondRound = Math.PI * quickGrid * quickGrid / (incr * incr);
			int targetSize = (int) (quickCount / 2 / secondRound);
			List<Direction> quick = evaluate(xyz, hemisphereGrid(quickGrid), maxCell, threads);
			List<Direction> quickTop = simpleTop(quick, n / 10.0, targetSize);
			angles = restrict(hemisphereGrid(incr), quickTop, quickGrid, (int) (2 * secondRound));
		} else {
			angles = hemisphereGrid(incr);
		}
		List<Direction> evaluated = evaluate(xyz, angles, maxCell, threads);
		List<Direction> top = clusteredTop(evaluated, n / 4.0, 30, maxCell);
		double target = cg / 100;
		double startIncr = incr;
		List<Direction> refined = parallelMap(top, threads, maxCell, (fft, d) -> refineDirection(fft, xyz, d, startIncr, target));
		return setSolutions(refined);
	}

	private interface DirFn {
		Direction apply(DirectionalFft fft, Direction d);
	}

	private static List<Direction> parallelMap(List<Direction> in, int threads, double amax, DirFn fn) {
		Direction[] out = new Direction[in.size()];
		int t = Math.max(1, Math.min(threads, (in.size() + 63) / 64));
		if (t == 1) {
			DirectionalFft fft = new DirectionalFft(5, amax);
			for (int i = 0; i < in.size(); i++) out[i] = fn.apply(fft, in.get(i));
			return List.of(out);
		}
		ExecutorService pool = Executors.newFixedThreadPool(t, r -> {
			Thread th = new Thread(r, "bragg-dps");
			th.setDaemon(true);
			return th;
		});
		try {
			List<Future<?>> fs = new ArrayList<>();
			int chunk = (in.size() + t - 1) / t;
			for (int k = 0; k < t; k++) {
				int lo = k * chunk, hi = Math.min(in.size(), lo + chunk);
				if (lo >= hi) break;
				fs.add(pool.submit(() -> {
					DirectionalFft fft = new DirectionalFft(5, amax);
					for (int i = lo; i < hi; i++) out[i] = fn.apply(fft, in.get(i));
				}));
			}
			for (Future<?> f : fs) f.get();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", e);
		} catch (java.util.concurrent.ExecutionException e) {
			throw new IllegalStateException("DPS search failed: " + e.getCause(), e.getCause());
		} finally {
			pool.shutdownNow();
		}
		return List.of(out);
	}

	static List<Direction> evaluate(double[] xyz, List<Direction> dirs, double maxCell, int threads) {
		return parallelMap(dirs, threads, maxCell, (fft, d) -> withFft(fft, xyz, d, 3));
	}

	static Direction withFft(DirectionalFft fft, double[] xyz, Direction d, int f0) {
		fft.transform(xyz, d.dvec(), f0);
		return new Direction(d.psi(), d.phi(), d.dvec(), fft.kmax(), fft.kval(), fft.ucLength());
	}

	/** The top {@code size} directions with kval above the cut-off (rstbx {@code SimpleSampler.get_top_solutions}). */
	static List<Direction> simpleTop(List<Direction> dirs, double kvalCutoff, int size) {
		List<Direction> keep = new ArrayList<>();
		for (Direction d : dirs) if (d.kval() > kvalCutoff) keep.add(d);
		if (keep.size() < 3) return keep;
		keep.sort(Comparator.comparingDouble(Direction::kval).reversed());
		return new ArrayList<>(keep.subList(0, Math.min(size, keep.size())));
	}

	/** Up to {@code size} cluster leaders, 5° apart (rstbx {@code HemisphereSampler.get_top_solutions}). */
	static List<Direction> clusteredTop(List<Direction> dirs, double kvalCutoff, int size, double maxCell) {
		List<Direction> keep = new ArrayList<>();
		for (Direction d : dirs) if (d.ucLength() < maxCell && d.kval() > kvalCutoff) keep.add(d);
		if (keep.size() < 3) return keep;
		keep.sort(Comparator.comparingDouble(Direction::kval).reversed());
		List<Direction> out = new ArrayList<>();
		for (Direction t : keep) {
			if (out.size() >= size) break;
			boolean ok = true;
			for (Direction o : out) {
				if (o.dvec().minus(t.dvec()).length() < 0.087) {
					ok = false;
					break;
				}
			}
			if (ok) out.add(t);
		}
		return out;
	}

	/** Keeps the fine directions within {@code quickGrid} of a coarse winner (or of its negative on the equator). */
	static List<Direction> restrict(List<Direction> fine, List<Direction> winners, double quickGrid, int kn) {
		double[] pts = new double[3 * fine.size()];
		for (int i = 0; i < fine.size(); i++) {
			Vec3 v = fine.get(i).dvec();
			pts[3 * i] = v.x();
			pts[3 * i + 1] = v.y();
			pts[3 * i + 2] = v.z();
		}
		KdTree tree = new KdTree(pts, 3);
		int k = Math.max(1, Math.min(kn, fine.size()));
		int[] idx = new int[k];
		double[] d2 = new double[k];
		boolean[] accept = new boolean[fine.size()];
		List<Vec3> queries = new ArrayList<>();
		for (Direction w : winners) {
			queries.add(w.dvec());
			if (Math.abs(Math.PI / 2 - w.psi()) < 1e-4) queries.add(w.dvec().negate());
		}
		for (Vec3 q : queries) {
			tree.query(new double[] { q.x(), q.y(), q.z() }, k, -1, idx, d2);
			for (int j = 0; j < k; j++) if (idx[j] >= 0 && Math.sqrt(d2[j]) < quickGrid) accept[idx[j]] = true;
		}
		List<Direction> out = new ArrayList<>();
		for (int i = 0; i < fine.size(); i++) if (accept[i]) out.add(fine.get(i));
		return out;
	}

	/** Nested 5×5 grid refinement of a direction (rstbx {@code dps_extended::refine_direction}). */
	static Direction refineDirection(DirectionalFft fft, double[] xyz, Direction candidate, double currentGrid, double targetGrid) {
		Direction best = candidate;
		double grid = currentGrid;
		while (true) {
			double incr = grid / 4.0;
			if (incr < targetGrid) return best;
			Direction d0 = fromVector(best.dvec());
			Direction d1 = fromAngles(best.psi() + incr, best.phi());
			Vec3 axisI = d0.dvec().cross(d1.dvec()).normalize();
			Vec3 axisJ = axisI.cross(d1.dvec()).normalize();
			Direction bestHere = best;
			for (int i = -2; i < 3; i++) {
				Vec3 r1 = d0.dvec().rotateAround(axisI, -i * incr);
				for (int j = -2; j < 3; j++) {
					Vec3 r2 = r1.rotateAround(axisJ, -j * incr);
					fft.transform(xyz, r2, 3);
					if (fft.kval() > bestHere.kval()) {
						Direction c = fromVector(r2);
						bestHere = new Direction(c.psi(), c.phi(), r2, fft.kmax(), fft.kval(), fft.ucLength());
					}
				}
			}
			best = bestHere;
			grid = incr;
		}
	}

	/** Sorts by kval and drops directions within 10° (or 170°) of a stronger one (rstbx {@code setSolutions}). */
	static List<Direction> setSolutions(List<Direction> in) {
		List<Direction> s = new ArrayList<>(in);
		s.sort(Comparator.comparingDouble(Direction::kval).reversed());
		boolean[] drop = new boolean[s.size()];
		for (int i = s.size() - 1; i > 0; i--) {
			for (int j = 0; j < i; j++) {
				double dot = s.get(i).dvec().dot(s.get(j).dvec());
				double inner = Math.acos(Math.min(1.0, Math.abs(dot)));
				if (inner < Math.toRadians(10) || inner > Math.toRadians(170)) {
					drop[i] = true;
					break;
				}
			}
		}
		List<Direction> out = new ArrayList<>();
		for (int i = 0; i < s.size(); i++) if (!drop[i] && s.get(i).kval() != 0) out.add(s.get(i));
		return out;
	}
}

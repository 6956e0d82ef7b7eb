package org.bragg.indexing.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bragg.indexing.BasisVectorSearch;
import org.bragg.indexing.IndexingFailedException;
import org.bragg.model.Vec3;

/**
 * Basis vector search by testing the known cell edges along directions sampled over a hemisphere,
 * as DIALS {@code real_space_grid_search} (Gildea et al. 2014, Acta Cryst. D70, 2652–2666). For
 * each direction d (spacing {@code characteristic_grid} rad) and each distinct primitive cell edge
 * length l, the vector v = l·d scores Σ cos(2π r·v) over the rlps; the best-scoring vectors are
 * grouped (10 % in length, 5° in direction) and the best of each of the first {@code max_vectors}
 * groups is returned. Needs the known cell.
 */
public final class RealSpaceGridSearch implements BasisVectorSearch {
	private static final int TABLE = 4096;
	private static final double[] COS = new double[TABLE + 1];
	static {
		for (int i = 0; i <= TABLE; i++) COS[i] = Math.cos(2 * Math.PI * i / TABLE);
	}

	@Override public String name() { return "real_space_grid_search"; }

	@Override public boolean needsTargetCell() { return true; }

	@Override
	public Result find(double[] rlp, Context ctx) throws IndexingFailedException {
		if (ctx.targetCell() == null)
			throw new IndexingFailedException("indexing.method=real_space_grid_search needs the unit cell: give unit_cell= and space_group=");
		int n = rlp.length / 3;
		ctx.log().accept("Indexing from " + n + " reflections");
		double[] p = ctx.targetCell().parameters();
		Set<Double> lengths = new LinkedHashSet<>();
		for (int i = 0; i < 3; i++) lengths.add(p[i]);
		double[] ls = lengths.stream().mapToDouble(Double::doubleValue).toArray();
		List<DpsSearch.Direction> dirs = DpsSearch.hemisphereGrid(ctx.params().realSpaceGridSearch().characteristicGrid());
		int nv = dirs.size() * ls.length;
		double[] scores = new double[nv];
		int threads = Math.max(1, ctx.threads());
		ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
			Thread t = new Thread(r, "bragg-rsgs");
			t.setDaemon(true);
			return t;
		}) : null;
		try {
			int chunk = (dirs.size() + threads - 1) / threads;
			List<Future<?>> fs = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int lo = t * chunk, hi = Math.min(dirs.size(), lo + chunk);
				if (lo >= hi) break;
				Runnable job = () -> {
					double[] proj = new double[n];
					for (int di = lo; di < hi; di++) {
						Vec3 d = dirs.get(di).dvec();
						for (int i = 0; i < n; i++) proj[i] = rlp[3 * i] * d.x() + rlp[3 * i + 1] * d.y() + rlp[3 * i + 2] * d.z();
						for (int li = 0; li < ls.length; li++) scores[di * ls.length + li] = sumCos(proj, n, ls[li]);
					}
				};
				if (pool == null) job.run();
				else fs.add(pool.submit(job));
			}
			for (Future<?> f : fs) f.get();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", e);
		} catch (java.util.concurrent.ExecutionException e) {
			throw new IllegalStateException("real space grid search failed: " + e.getCause(), e.getCause());
		} finally {
			if (pool != null) pool.shutdownNow();
		}
		Integer[] perm = new Integer[nv];
		for (int i = 0; i < nv; i++) perm[i] = i;
		Arrays.sort(perm, (a, b) -> Double.compare(scores[b], scores[a]));
		List<Vec3> vectors = new ArrayList<>(nv);
		double[] w = new double[nv];
		for (int i = 0; i < nv; i++) {
			int k = perm[i];
			vectors.add(dirs.get(k / ls.length).dvec().times(ls[k % ls.length]));
			w[i] = scores[k];
		}
		List<VectorGroups.Group> groups = VectorGroups.group(vectors, w, 0.1, 5, ctx.params().realSpaceGridSearch().maxVectors());
		List<Vec3> out = new ArrayList<>();
		for (VectorGroups.Group g : groups) out.add(g.heaviest());
		ctx.log().accept("Number of unique vectors: " + out.size());
		boolean[] used = new boolean[n];
		Arrays.fill(used, true);
		return new Result(out, used);
	}

	/** Σ cos(2π·l·p) by table lookup with linear interpolation (error &lt; 1e-6). */
	static double sumCos(double[] proj, int n, double l) {
		double s = 0;
		for (int i = 0; i < n; i++) {
			double x = l * proj[i];
			double f = (x - Math.floor(x)) * TABLE;
			int k = (int) f;
			double t = f - k;
			s += COS[k] + t * (COS[k + 1] - COS[k]);
		}
		return s;
	}
}

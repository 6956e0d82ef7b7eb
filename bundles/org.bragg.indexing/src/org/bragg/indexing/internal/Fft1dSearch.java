package org.bragg.indexing.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bragg.indexing.BasisVectorSearch;
import org.bragg.indexing.IndexingFailedException;
import org.bragg.model.Vec3;

/**
 * Basis vector search by 1D FFTs of the rlp projections onto directions sampled over a
 * hemisphere, as DIALS {@code fft1d} (Steller, Bolotovsky &amp; Rossmann 1997, J. Appl. Cryst. 30,
 * 1036–1040; Sauter, Grosse-Kunstleve &amp; Adams 2004, J. Appl. Cryst. 37, 399–409). See
 * {@link DpsSearch}. Every rlp is used.
 */
public final class Fft1dSearch implements BasisVectorSearch {

	@Override public String name() { return "fft1d"; }

	@Override
	public Result find(double[] rlp, Context ctx) throws IndexingFailedException {
		int n = rlp.length / 3;
		if (n <= 7) throw new IndexingFailedException("fft1d needs more than 7 spots, found " + n + "; no 1D FFT indexing is possible");
		double cg = ctx.params().fft1d().characteristicGrid().orElse(Double.NaN);
		List<DpsSearch.Direction> sol = DpsSearch.search(rlp, ctx.maxCell(), cg, ctx.threads());
		List<Vec3> out = new ArrayList<>();
		for (DpsSearch.Direction d : sol) out.add(d.bvec());
		ctx.log().accept(String.format(Locale.ROOT, "Found %d candidate basis vector direction(s) by 1D FFT (max_cell %.1f Å)", out.size(), ctx.maxCell()));
		boolean[] used = new boolean[n];
		java.util.Arrays.fill(used, true);
		return new Result(out, used);
	}
}

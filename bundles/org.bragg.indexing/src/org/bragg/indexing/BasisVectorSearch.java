package org.bragg.indexing;

import java.util.List;
import java.util.function.Consumer;

import org.bragg.model.Vec3;
import org.bragg.model.symmetry.UnitCell;

/**
 * A search for the real-space basis vectors of the lattice from reciprocal lattice points, the first
 * step of indexing. Implementations are selected by {@code indexing.method=} through
 * {@link BasisVectorSearches}: {@code fft3d} (default), {@code fft1d} and
 * {@code real_space_grid_search} are built in, others can be added as services.
 *
 * <p>Input rlps are in Å⁻¹ in the DIALS laboratory frame at φ = 0 ({@code rlp} column), packed as
 * {@code double[3n]}. Output vectors are real-space lattice vectors in Å in the same frame, most
 * likely first; a vector and its negative are the same candidate. Implementations are stateless
 * and thread-safe.
 *
 * @since 0.1
 */
public interface BasisVectorSearch {

	/** @return the name used in {@code indexing.method=} */
	String name();

	/** @return true if the search needs a known unit cell ({@link Context#targetCell()}) */
	default boolean needsTargetCell() { return false; }

	/**
	 * Finds candidate basis vectors.
	 *
	 * @param rlp reciprocal lattice points, {@code double[3n]} (Å⁻¹)
	 * @throws IndexingFailedException if no usable periodicity is found (the message says why)
	 */
	Result find(double[] rlp, Context context) throws IndexingFailedException;

	/**
	 * What a search gets besides the rlps.
	 *
	 * @param maxCell the largest plausible primitive cell edge (Å)
	 * @param minCell the smallest plausible edge (Å)
	 * @param targetCell the known primitive cell, or null
	 * @param params all indexing parameters (each search reads its own scope)
	 * @param log receives DIALS-style log lines
	 * @param threads number of threads the search may use
	 */
	record Context(double maxCell, double minCell, UnitCell targetCell, IndexingParameters params, Consumer<String> log, int threads) {}

	/**
	 * @param vectors candidate real-space vectors (Å, lab frame at φ = 0), best first
	 * @param usedInIndexing which input rlps contributed (e.g. fft3d ignores those beyond its grid)
	 */
	record Result(List<Vec3> vectors, boolean[] usedInIndexing) {
		public Result {
			vectors = List.copyOf(vectors);
		}
	}
}

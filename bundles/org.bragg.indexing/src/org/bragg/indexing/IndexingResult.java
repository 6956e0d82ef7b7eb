package org.bragg.indexing;

import java.util.List;

import org.bragg.model.ExperimentList;
import org.bragg.model.reflection.ReflectionTable;

/**
 * The outcome of indexing.
 *
 * @param experiments the indexed experiments: one per lattice and imageset (rotation data) or one
 *        per indexed frame (stills), each with a crystal
 * @param reflections every input strong spot, with {@code id} (−1 if unindexed),
 *        {@code miller_index}, the {@code indexed} flag, {@code xyzobs.mm.*}, {@code s1}, {@code rlp},
 *        {@code entering}, {@code imageset_id} and, for refined rows, {@code xyzcal.mm} and
 *        {@code xyzcal.px}
 * @param maxCell the max_cell used (Å)
 * @param indexedFraction per imageset, the fraction of spots indexed
 * @param log the lines written to the log, in order
 * @since 0.1
 */
public record IndexingResult(ExperimentList experiments, ReflectionTable reflections, double maxCell, double[] indexedFraction, List<String> log) {
	public IndexingResult {
		log = List.copyOf(log);
	}
}

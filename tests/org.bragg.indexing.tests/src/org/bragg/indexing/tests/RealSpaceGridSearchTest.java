package org.bragg.indexing.tests;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bragg.indexing.BasisVectorSearch;
import org.bragg.indexing.BasisVectorSearches;
import org.bragg.indexing.IndexingFailedException;
import org.junit.jupiter.api.Test;

/** {@link GenericBasisVectorSearchChecks} for {@code real_space_grid_search} (needs the known cell). */
class RealSpaceGridSearchTest extends GenericBasisVectorSearchChecks {
	@Override BasisVectorSearch search() { return BasisVectorSearches.byName("real_space_grid_search"); }

	@Override List<String> realDataArguments() { return List.of("unit_cell=41.98,41.98,88.92,90,90,90", "space_group=P43212"); }

	@Test
	void refusesToRunWithoutACell() {
		IndexingFailedException e = assertThrows(IndexingFailedException.class, () -> search().find(syntheticRlps(1), context(null)));
		assertTrue(e.getMessage().contains("unit_cell="), e.getMessage());
	}
}

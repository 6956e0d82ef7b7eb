package org.bragg.indexing.tests;

import org.bragg.indexing.BasisVectorSearch;
import org.bragg.indexing.BasisVectorSearches;

/** {@link GenericBasisVectorSearchChecks} for {@code fft3d}. */
class Fft3dSearchTest extends GenericBasisVectorSearchChecks {
	@Override BasisVectorSearch search() { return BasisVectorSearches.byName("fft3d"); }
}

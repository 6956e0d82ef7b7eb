package org.bragg.indexing.tests;

import org.bragg.indexing.BasisVectorSearch;
import org.bragg.indexing.BasisVectorSearches;

/** {@link GenericBasisVectorSearchChecks} for {@code fft1d}. */
class Fft1dSearchTest extends GenericBasisVectorSearchChecks {
	@Override BasisVectorSearch search() { return BasisVectorSearches.byName("fft1d"); }
}

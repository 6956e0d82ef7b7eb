package org.bragg.indexing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.bragg.indexing.internal.Fft1dSearch;
import org.bragg.indexing.internal.Fft3dSearch;
import org.bragg.indexing.internal.RealSpaceGridSearch;

/**
 * The registry of {@link BasisVectorSearch} implementations by name: the built-in {@code fft3d},
 * {@code fft1d} and {@code real_space_grid_search}, plus any found by {@link ServiceLoader} (built-ins
 * win on a name clash).
 *
 * @since 0.1
 */
public final class BasisVectorSearches {
	private BasisVectorSearches() {}

	/** @return all searches by name, built-ins first */
	public static Map<String, BasisVectorSearch> all() {
		Map<String, BasisVectorSearch> m = new LinkedHashMap<>();
		for (BasisVectorSearch s : List.of(new Fft3dSearch(), new Fft1dSearch(), new RealSpaceGridSearch())) m.put(s.name(), s);
		try {
			for (BasisVectorSearch s : ServiceLoader.load(BasisVectorSearch.class, BasisVectorSearches.class.getClassLoader())) m.putIfAbsent(s.name(), s);
		} catch (java.util.ServiceConfigurationError e) {
			// a broken plug-in must not hide the built-in searches
		}
		return m;
	}

	/** @return the names, built-ins first */
	public static List<String> names() { return new ArrayList<>(all().keySet()); }

	/**
	 * @throws IllegalArgumentException naming the known methods if {@code name} is unknown
	 */
	public static BasisVectorSearch byName(String name) {
		BasisVectorSearch s = all().get(name);
		if (s == null) throw new IllegalArgumentException("indexing.method: unknown basis vector search '" + name + "'; choose one of " + names());
		return s;
	}
}

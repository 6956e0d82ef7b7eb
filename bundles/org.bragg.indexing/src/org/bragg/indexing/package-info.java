/**
 * Indexing of diffraction spots ({@code dials.index}) and the search for a better beam centre
 * ({@code dials.search_beam_position}).
 *
 * <p>Entry points: {@link org.bragg.indexing.Indexer#index} (experiments + strong spots → indexed
 * experiments and reflections), {@link org.bragg.indexing.BeamCentreSearch#search} and
 * {@link org.bragg.indexing.ReciprocalSpaceMapping} (centroids → mm/rad → reciprocal space). Basis
 * vector searches implement {@link org.bragg.indexing.BasisVectorSearch} and are chosen by name
 * through {@link org.bragg.indexing.BasisVectorSearches} ({@code fft3d}, {@code fft1d},
 * {@code real_space_grid_search}). Parameters are typed records with DIALS's PHIL names
 * ({@link org.bragg.indexing.IndexingParameters}, {@link org.bragg.indexing.SearchBeamPositionParameters}).
 * Refinement inside the macro-cycles goes through {@link org.bragg.indexing.IndexingRefiner}, by
 * default Bragg's geometry refiner.
 *
 * <p>Frames and units: DIALS laboratory frame; rlps in Å⁻¹ at φ = 0; real-space vectors and cells in Å;
 * angles in degrees in models and parameters, radians in {@code .mm.} columns. Algorithms follow
 * DIALS 3.12 (Gildea et al. 2014, Acta Cryst. D70, 2652–2666; Winter et al. 2018, Acta Cryst. D74,
 * 85–97); each class names the paper it implements.
 *
 * @since 0.1
 */
package org.bragg.indexing;

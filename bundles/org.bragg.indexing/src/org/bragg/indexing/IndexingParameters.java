package org.bragg.indexing;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.bragg.params.Param;
import org.bragg.params.Scope;

/**
 * Parameters of indexing, named and nested as DIALS 3.12's {@code indexing} scope (so that
 * {@code bragg index … indexing.method=fft1d unit_cell=… space_group=…} reads as for
 * {@code dials.index}). Defaults from {@link #defaults()} are DIALS's; compact constructors check
 * bounds and throw {@link IllegalArgumentException} naming the PHIL path.
 *
 * <p>Differences from DIALS: {@code nproc} defaults to Auto (all cores); stills are always indexed
 * frame by frame (one experiment per indexed frame, as {@code dials.ssx_index}); the cluster-analysis
 * options of the multiple-lattice search, stills isoforms and Nave mosaicity parameters are absent;
 * {@code basis_vector_combinations.evaluation} is a Bragg addition that chooses how candidate
 * cells are scored.
 *
 * @since 0.1
 */
@Scope(value = "indexing", help = "Parameters of autoindexing.")
public record IndexingParameters(
		@Param(help = "The number of threads to use. Auto: all cores.", min = 1, auto = true) OptionalInt nproc,
		@Param(help = "Basis vector search method: fft3d (3D FFT of the reciprocal lattice, Bricogne 1986), fft1d (1D FFTs along "
				+ "hemisphere directions, Steller et al. 1997), real_space_grid_search (needs a known unit_cell, Gildea et al. 2014)") String method,
		@Param(help = "Minimum unit cell volume (in Angstrom^3).", unit = "Å³", min = 0, expertLevel = 1) double minCellVolume,
		@Param(help = "Minimum length of candidate unit cell basis vectors (in Angstrom).", unit = "Å", min = 0, expertLevel = 1) double minCell,
		@Param(help = "Maximum length of candidate unit cell basis vectors (in Angstrom). Auto: 1.3 × the largest primitive target "
				+ "cell edge if unit_cell is known, else from the nearest-neighbour analysis of the spots.", unit = "Å", min = 0, auto = true,
				expertLevel = 1) OptionalDouble maxCell,
		@Param(expertLevel = 1) MaxCellEstimation maxCellEstimation,
		@Param(help = "Override the phi sigmas for refinement. Mainly intended for single-shot rotation images where the phi sigma is "
				+ "almost certainly incorrect.", unit = "deg", min = 0, expertLevel = 2) OptionalDouble sigmaPhiDeg,
		@Param(help = "Known symmetry: only lattices consistent with it are accepted, and refinement is constrained by it.") KnownSymmetry knownSymmetry,
		@Param(help = "How Miller indices are assigned to spots.") IndexAssignment indexAssignment,
		@Param(help = "Refinement after indexing.", expertLevel = 1) RefinementProtocol refinementProtocol,
		@Param(expertLevel = 1) MultipleLatticeSearch multipleLatticeSearch,
		@Param(help = "Stills indexing.") Stills stills,
		@Param(expertLevel = 1) BasisVectorCombinations basisVectorCombinations,
		@Param(help = "3D FFT basis vector search.", expertLevel = 1) Fft3d fft3d,
		@Param(help = "1D FFT basis vector search.", expertLevel = 1) Fft1d fft1d,
		@Param(help = "Real space grid search (needs a known unit_cell).", expertLevel = 1) RealSpaceGridSearch realSpaceGridSearch,
		@Param(help = "Optimise the candidate basis vectors against all rlps before combining them (Otwinowski et al., ITC F 11.4).",
				expertLevel = 2) boolean optimiseInitialBasisVectors,
		@Param(help = "Range in images to slice a sequence (j0 <= j < j1, by observed centroid); repeatable.", size = 2) List<int[]> imageRange,
		@Param(help = "Index multiple sequences jointly (one lattice search over all); False indexes each sequence separately.") boolean jointIndexing) {

	public IndexingParameters {
		Objects.requireNonNull(nproc, "indexing.nproc");
		Objects.requireNonNull(method, "indexing.method");
		Objects.requireNonNull(maxCell, "indexing.max_cell");
		Objects.requireNonNull(maxCellEstimation, "indexing.max_cell_estimation");
		Objects.requireNonNull(sigmaPhiDeg, "indexing.sigma_phi_deg");
		Objects.requireNonNull(knownSymmetry, "indexing.known_symmetry");
		Objects.requireNonNull(indexAssignment, "indexing.index_assignment");
		Objects.requireNonNull(refinementProtocol, "indexing.refinement_protocol");
		Objects.requireNonNull(multipleLatticeSearch, "indexing.multiple_lattice_search");
		Objects.requireNonNull(stills, "indexing.stills");
		Objects.requireNonNull(basisVectorCombinations, "indexing.basis_vector_combinations");
		Objects.requireNonNull(fft3d, "indexing.fft3d");
		Objects.requireNonNull(fft1d, "indexing.fft1d");
		Objects.requireNonNull(realSpaceGridSearch, "indexing.real_space_grid_search");
		if (nproc.isPresent() && nproc.getAsInt() < 1) throw new IllegalArgumentException("indexing.nproc must be >= 1, got " + nproc.getAsInt());
		if (!(minCellVolume >= 0)) throw new IllegalArgumentException("indexing.min_cell_volume must be >= 0, got " + minCellVolume);
		if (!(minCell >= 0)) throw new IllegalArgumentException("indexing.min_cell must be >= 0, got " + minCell);
		if (maxCell.isPresent() && !(maxCell.getAsDouble() > 0)) throw new IllegalArgumentException("indexing.max_cell must be > 0, got " + maxCell.getAsDouble());
		imageRange = List.copyOf(imageRange.stream().map(int[]::clone).toList());
		for (int[] r : imageRange)
			if (r.length != 2 || r[1] < r[0]) throw new IllegalArgumentException("indexing.image_range needs two ascending image numbers");
	}

	/** @return the DIALS 3.12 defaults of {@code dials.index} (with {@code nproc=Auto}) */
	public static IndexingParameters defaults() {
		return new IndexingParameters(OptionalInt.empty(), "fft3d", 25, 3, OptionalDouble.empty(), MaxCellEstimation.defaults(), OptionalDouble.empty(),
				KnownSymmetry.defaults(), IndexAssignment.defaults(), RefinementProtocol.defaults(), MultipleLatticeSearch.defaults(), Stills.defaults(),
				BasisVectorCombinations.defaults(), Fft3d.defaults(), Fft1d.defaults(), RealSpaceGridSearch.defaults(), false, List.of(), true);
	}

	@Override public List<int[]> imageRange() { return imageRange.stream().map(int[]::clone).toList(); }

	/** @return the number of threads to use (Auto = available processors) */
	public int threads() { return nproc.orElse(Runtime.getRuntime().availableProcessors()); }

	public IndexingParameters withMethod(String m) {
		return new IndexingParameters(nproc, m, minCellVolume, minCell, maxCell, maxCellEstimation, sigmaPhiDeg, knownSymmetry, indexAssignment,
				refinementProtocol, multipleLatticeSearch, stills, basisVectorCombinations, fft3d, fft1d, realSpaceGridSearch, optimiseInitialBasisVectors,
				imageRange, jointIndexing);
	}

	public IndexingParameters withMaxCell(OptionalDouble m) {
		return new IndexingParameters(nproc, method, minCellVolume, minCell, m, maxCellEstimation, sigmaPhiDeg, knownSymmetry, indexAssignment,
				refinementProtocol, multipleLatticeSearch, stills, basisVectorCombinations, fft3d, fft1d, realSpaceGridSearch, optimiseInitialBasisVectors,
				imageRange, jointIndexing);
	}

	public IndexingParameters withKnownSymmetry(KnownSymmetry k) {
		return new IndexingParameters(nproc, method, minCellVolume, minCell, maxCell, maxCellEstimation, sigmaPhiDeg, k, indexAssignment,
				refinementProtocol, multipleLatticeSearch, stills, basisVectorCombinations, fft3d, fft1d, realSpaceGridSearch, optimiseInitialBasisVectors,
				imageRange, jointIndexing);
	}

	public IndexingParameters withIndexAssignment(IndexAssignment a) {
		return new IndexingParameters(nproc, method, minCellVolume, minCell, maxCell, maxCellEstimation, sigmaPhiDeg, knownSymmetry, a,
				refinementProtocol, multipleLatticeSearch, stills, basisVectorCombinations, fft3d, fft1d, realSpaceGridSearch, optimiseInitialBasisVectors,
				imageRange, jointIndexing);
	}

	public IndexingParameters withRefinementProtocol(RefinementProtocol r) {
		return new IndexingParameters(nproc, method, minCellVolume, minCell, maxCell, maxCellEstimation, sigmaPhiDeg, knownSymmetry, indexAssignment,
				r, multipleLatticeSearch, stills, basisVectorCombinations, fft3d, fft1d, realSpaceGridSearch, optimiseInitialBasisVectors,
				imageRange, jointIndexing);
	}

	public IndexingParameters withMultipleLatticeSearch(MultipleLatticeSearch m) {
		return new IndexingParameters(nproc, method, minCellVolume, minCell, maxCell, maxCellEstimation, sigmaPhiDeg, knownSymmetry, indexAssignment,
				refinementProtocol, m, stills, basisVectorCombinations, fft3d, fft1d, realSpaceGridSearch, optimiseInitialBasisVectors,
				imageRange, jointIndexing);
	}

	public IndexingParameters withBasisVectorCombinations(BasisVectorCombinations b) {
		return new IndexingParameters(nproc, method, minCellVolume, minCell, maxCell, maxCellEstimation, sigmaPhiDeg, knownSymmetry, indexAssignment,
				refinementProtocol, multipleLatticeSearch, stills, b, fft3d, fft1d, realSpaceGridSearch, optimiseInitialBasisVectors,
				imageRange, jointIndexing);
	}

	public IndexingParameters withNproc(int n) {
		return new IndexingParameters(OptionalInt.of(n), method, minCellVolume, minCell, maxCell, maxCellEstimation, sigmaPhiDeg, knownSymmetry,
				indexAssignment, refinementProtocol, multipleLatticeSearch, stills, basisVectorCombinations, fft3d, fft1d, realSpaceGridSearch,
				optimiseInitialBasisVectors, imageRange, jointIndexing);
	}

	/** @return a copy with {@code known_symmetry.space_group} and {@code unit_cell} set (cell may be null) */
	public IndexingParameters withKnownSymmetry(String spaceGroup, double[] unitCell) {
		return withKnownSymmetry(new KnownSymmetry(Optional.ofNullable(spaceGroup), unitCell == null ? new double[0] : unitCell,
				knownSymmetry.relativeLengthTolerance(), knownSymmetry.absoluteAngleTolerance(), knownSymmetry.maxDelta()));
	}

	/** Nearest-neighbour estimate of max_cell ({@code indexing.max_cell_estimation}). */
	public record MaxCellEstimation(
			@Param(help = "Filter out reflections at typical ice ring resolutions before max_cell estimation.") boolean filterIce,
			@Param(help = "Filter out reflections with overlapping bounding boxes before max_cell estimation.") boolean filterOverlaps,
			@Param(help = "Optionally add a border around the bounding boxes before finding overlaps.", unit = "px", min = 0) int overlapsBorder,
			@Param(help = "Multiply the estimated maximum basis vector length by this value.", min = 0, expertLevel = 2) double multiplier,
			@Param(help = "Step size, in degrees, of the blocks used to perform the max_cell estimation.", unit = "deg", min = 0, expertLevel = 2) double stepSize,
			@Param(help = "Percentile of NN histogram to use for max cell determination.", min = 0, max = 1, expertLevel = 2) OptionalDouble nearestNeighborPercentile,
			@Param(help = "Choose between linear or logarithmic bins for nearest neighbour histogram analysis.") HistogramBinning histogramBinning,
			@Param(help = "Target number of nearest neighbours per histogram bin.", min = 1) int nnPerBin,
			@Param(min = 0, max = 1, expertLevel = 2) double maxHeightFraction) {
		public MaxCellEstimation {
			Objects.requireNonNull(nearestNeighborPercentile, "indexing.max_cell_estimation.nearest_neighbor_percentile");
			Objects.requireNonNull(histogramBinning, "indexing.max_cell_estimation.histogram_binning");
			if (overlapsBorder < 0) throw new IllegalArgumentException("indexing.max_cell_estimation.overlaps_border must be >= 0");
			if (!(multiplier >= 0)) throw new IllegalArgumentException("indexing.max_cell_estimation.multiplier must be >= 0");
			if (!(stepSize > 0)) throw new IllegalArgumentException("indexing.max_cell_estimation.step_size must be > 0");
			if (nnPerBin < 1) throw new IllegalArgumentException("indexing.max_cell_estimation.nn_per_bin must be >= 1");
			if (!(maxHeightFraction >= 0 && maxHeightFraction <= 1))
				throw new IllegalArgumentException("indexing.max_cell_estimation.max_height_fraction must be in [0, 1]");
		}

		public static MaxCellEstimation defaults() {
			return new MaxCellEstimation(true, true, 0, 1.3, 45, OptionalDouble.empty(), HistogramBinning.LOG, 5, 0.25);
		}
	}

	/** Histogram binning of the nearest-neighbour analysis. */
	public enum HistogramBinning { LINEAR, LOG }

	/**
	 * Known symmetry ({@code indexing.known_symmetry}).
	 *
	 * @param spaceGroup a space-group symbol (e.g. {@code P43212}, {@code P 41 21 2}, {@code C2}, a number) or empty
	 * @param unitCell a, b, c (Å), α, β, γ (°) in the setting of the space group, or empty
	 */
	public record KnownSymmetry(
			@Param(help = "Target space group for indexing.") Optional<String> spaceGroup,
			@Param(help = "Target unit cell for indexing (a, b, c, alpha, beta, gamma).", size = 6) double[] unitCell,
			@Param(help = "Relative tolerance for unit cell lengths in unit cell comparison.", expertLevel = 1) double relativeLengthTolerance,
			@Param(help = "Angular tolerance (in degrees) in unit cell comparison.", unit = "deg", expertLevel = 1) double absoluteAngleTolerance,
			@Param(help = "Maximum allowed Le Page delta used in searching for basis vector combinations that are consistent with the given "
					+ "symmetry.", unit = "deg", min = 0, expertLevel = 1) double maxDelta) {
		public KnownSymmetry {
			Objects.requireNonNull(spaceGroup, "indexing.known_symmetry.space_group");
			unitCell = unitCell == null ? new double[0] : unitCell.clone();
			if (unitCell.length != 0 && unitCell.length != 6)
				throw new IllegalArgumentException("indexing.known_symmetry.unit_cell needs 6 numbers (a, b, c, alpha, beta, gamma), got " + unitCell.length);
			if (!(maxDelta >= 0)) throw new IllegalArgumentException("indexing.known_symmetry.max_delta must be >= 0");
		}

		public static KnownSymmetry defaults() { return new KnownSymmetry(Optional.empty(), new double[0], 0.1, 5, 5); }

		@Override public double[] unitCell() { return unitCell.clone(); }

		@Override public boolean equals(Object o) {
			return o instanceof KnownSymmetry k && k.spaceGroup.equals(spaceGroup) && java.util.Arrays.equals(k.unitCell, unitCell)
					&& k.relativeLengthTolerance == relativeLengthTolerance && k.absoluteAngleTolerance == absoluteAngleTolerance && k.maxDelta == maxDelta;
		}

		@Override public int hashCode() { return Objects.hash(spaceGroup, java.util.Arrays.hashCode(unitCell), maxDelta); }
	}

	/** Index assignment ({@code indexing.index_assignment}). */
	public record IndexAssignment(
			@Param(help = "Choose between simple 'global' index assignment and xds-style 'local' index assignment.", expertLevel = 1) AssignmentMethod method,
			Simple simple,
			@Param(expertLevel = 1) Local local) {
		public IndexAssignment {
			Objects.requireNonNull(method, "indexing.index_assignment.method");
			Objects.requireNonNull(simple, "indexing.index_assignment.simple");
			Objects.requireNonNull(local, "indexing.index_assignment.local");
		}

		public static IndexAssignment defaults() { return new IndexAssignment(AssignmentMethod.SIMPLE, Simple.defaults(), Local.defaults()); }
	}

	/** Index assignment method. */
	public enum AssignmentMethod { SIMPLE, LOCAL }

	/** Global (simple) index assignment. */
	public record Simple(
			@Param(help = "Maximum allowable deviation from integer-ness for assigning a miller index to a reciprocal lattice vector.", min = 0,
					max = 0.5) double hklTolerance) {
		public Simple {
			if (!(hklTolerance >= 0 && hklTolerance <= 0.5))
				throw new IllegalArgumentException("indexing.index_assignment.simple.hkl_tolerance must be in [0, 0.5], got " + hklTolerance);
		}

		public static Simple defaults() { return new Simple(0.3); }
	}

	/** XDS-style local index assignment (Kabsch 2010). */
	public record Local(
			@Param(help = "This corresponds to the xds parameter INDEX_ERROR=") double epsilon,
			@Param(help = "This corresponds to the xds parameter INDEX_MAGNITUDE=") int delta,
			@Param(help = "This corresponds to the xds parameter INDEX_QUALITY=") double lMin,
			@Param(min = 1) int nearestNeighbours) {
		public Local {
			if (nearestNeighbours < 1) throw new IllegalArgumentException("indexing.index_assignment.local.nearest_neighbours must be >= 1");
		}

		public static Local defaults() { return new Local(0.05, 8, 0.8, 20); }
	}

	/** Refinement after indexing ({@code indexing.refinement_protocol}). */
	public record RefinementProtocol(
			@Param(help = "refine_shells: refine in increasing resolution cutoffs after indexing. repredict_only: do not refine after indexing, "
					+ "just update spot predictions. None: turns off all forms of refinement.", expertLevel = 1) ProtocolMode mode,
			@Param(help = "Maximum number of macro cycles of refinement, reindexing all reflections using updated geometry at the beginning of "
					+ "each cycle. Does not apply to stills.", min = 1) int nMacroCycles,
			@Param(help = "Reduction per step in d_min for reflections to include in refinement. Auto: (first-cycle d_min − lowest d) / "
					+ "(n_macro_cycles − 1).", unit = "Å", min = 0, auto = true) OptionalDouble dMinStep,
			@Param(unit = "Å", min = 0) OptionalDouble dMinStart,
			@Param(help = "Do not ever include reflections below this value in refinement.", unit = "Å", min = 0) OptionalDouble dMinFinal,
			@Param(help = "Disable sanity check on unrealistic increases in unit cell volume during refinement.", expertLevel = 1)
			boolean disableUnitCellVolumeSanityCheck) {
		public RefinementProtocol {
			Objects.requireNonNull(mode, "indexing.refinement_protocol.mode");
			Objects.requireNonNull(dMinStep, "indexing.refinement_protocol.d_min_step");
			Objects.requireNonNull(dMinStart, "indexing.refinement_protocol.d_min_start");
			Objects.requireNonNull(dMinFinal, "indexing.refinement_protocol.d_min_final");
			if (nMacroCycles < 1) throw new IllegalArgumentException("indexing.refinement_protocol.n_macro_cycles must be >= 1");
		}

		public static RefinementProtocol defaults() {
			return new RefinementProtocol(ProtocolMode.REFINE_SHELLS, 5, OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), false);
		}

		public RefinementProtocol withMode(ProtocolMode m) {
			return new RefinementProtocol(m, nMacroCycles, dMinStep, dMinStart, dMinFinal, disableUnitCellVolumeSanityCheck);
		}

		public RefinementProtocol withNMacroCycles(int n) {
			return new RefinementProtocol(mode, n, dMinStep, dMinStart, dMinFinal, disableUnitCellVolumeSanityCheck);
		}
	}

	/** Refinement protocol mode. */
	public enum ProtocolMode { REFINE_SHELLS, REPREDICT_ONLY, NONE }

	/** Search for several lattices ({@code indexing.multiple_lattice_search}). */
	public record MultipleLatticeSearch(
			@Param(help = "Attempt another cycle of indexing on the unindexed reflections if more than the fraction of input reflections are "
					+ "unindexed.", min = 0, max = 1) double recycleUnindexedReflectionsCutoff,
			@Param(help = "The minimum angular separation (in degrees) between two lattices.", unit = "deg", min = 0) double minimumAngularSeparation,
			@Param(help = "The maximum number of lattices to find (None: no limit).", min = 1) OptionalInt maxLattices) {
		public MultipleLatticeSearch {
			Objects.requireNonNull(maxLattices, "indexing.multiple_lattice_search.max_lattices");
			if (maxLattices.isPresent() && maxLattices.getAsInt() < 1)
				throw new IllegalArgumentException("indexing.multiple_lattice_search.max_lattices must be >= 1");
		}

		public static MultipleLatticeSearch defaults() { return new MultipleLatticeSearch(0.1, 5, OptionalInt.of(1)); }
	}

	/** Stills indexing ({@code indexing.stills}). */
	public record Stills(
			@Param(help = "Use the stills or sequences indexer. Auto: choose based on the input imagesets (stills or sequences).", expertLevel = 1)
			StillsIndexerChoice indexer,
			@Param(help = "For still images, this high-resolution cutoff is used to calculate the acceptable volume of reciprocal space for "
					+ "spot prediction", unit = "Å") double ewaldProximityResolutionCutoff,
			@Param(help = "If False, no attempt is made to refine the model from initial basis vector selection. The indexing solution with "
					+ "the best RMSD is chosen.") boolean refineAllCandidates,
			@Param(help = "If True, while refining candidate basis solutions, also apply Sauter/Poon (2010) outlier rejection", expertLevel = 1)
			boolean candidateOutlierRejection,
			@Param(help = "Minimum acceptable RMSD for choosing candidate basis solutions (in pixels)", unit = "px") double rmsdMinPx,
			@Param(help = "Minimum number of strong spots on a frame for it to be indexed (Bragg).", min = 0) int minSpots,
			@Param(help = "Refine only the crystal of each still (beam and detector fixed), as one frame constrains the geometry poorly (Bragg).")
			boolean fixGeometry) {
		public Stills {
			Objects.requireNonNull(indexer, "indexing.stills.indexer");
		}

		public static Stills defaults() { return new Stills(StillsIndexerChoice.AUTO, 2.0, true, true, 2, 10, true); }
	}

	/** Which indexer handles the data. */
	public enum StillsIndexerChoice { AUTO, STILLS, SEQUENCES }

	/** Combination of basis vectors into cells and their scoring ({@code indexing.basis_vector_combinations}). */
	public record BasisVectorCombinations(
			@Param(help = "Maximum number of basis vector combinations to test for agreement with input symmetry.", min = 1) OptionalInt maxCombinations,
			@Param(help = "Maximum number of putative crystal models to test. Auto: 50 for rotation sequences, 5 for still images.", min = 1,
					auto = true, expertLevel = 1) OptionalInt maxRefine,
			@Param(min = 0, max = 1) double sysAbsentThreshold,
			@Param(expertLevel = 1) SolutionScorer solutionScorer,
			@Param(help = "How each candidate is scored before ranking (Bragg): refine runs the geometry refiner for 4 iterations on at most "
					+ "20 reflections per degree, as DIALS does; fast predicts the spots with the candidate as found (about 2 s quicker on "
					+ "50 candidates, but its ranking can differ from DIALS's).", expertLevel = 1) CandidateEvaluation evaluation,
			@Param(expertLevel = 1) FilterScorer filter,
			@Param(expertLevel = 1) WeightedScorer weighted) {
		public BasisVectorCombinations {
			Objects.requireNonNull(maxCombinations, "indexing.basis_vector_combinations.max_combinations");
			Objects.requireNonNull(maxRefine, "indexing.basis_vector_combinations.max_refine");
			Objects.requireNonNull(solutionScorer, "indexing.basis_vector_combinations.solution_scorer");
			Objects.requireNonNull(evaluation, "indexing.basis_vector_combinations.evaluation");
			Objects.requireNonNull(filter, "indexing.basis_vector_combinations.filter");
			Objects.requireNonNull(weighted, "indexing.basis_vector_combinations.weighted");
		}

		public static BasisVectorCombinations defaults() {
			return new BasisVectorCombinations(OptionalInt.empty(), OptionalInt.empty(), 0.9, SolutionScorer.WEIGHTED, CandidateEvaluation.REFINE,
					FilterScorer.defaults(), WeightedScorer.defaults());
		}

		public BasisVectorCombinations withSolutionScorer(SolutionScorer s) {
			return new BasisVectorCombinations(maxCombinations, maxRefine, sysAbsentThreshold, s, evaluation, filter, weighted);
		}

		public BasisVectorCombinations withEvaluation(CandidateEvaluation e) {
			return new BasisVectorCombinations(maxCombinations, maxRefine, sysAbsentThreshold, solutionScorer, e, filter, weighted);
		}
	}

	/** Ranking of candidate solutions. */
	public enum SolutionScorer { FILTER, WEIGHTED }

	/** Scoring of one candidate. */
	public enum CandidateEvaluation { FAST, REFINE }

	/** Hard cut-offs ranking, from rstbx basis_choice ({@code solution_scorer=filter}). */
	public record FilterScorer(boolean checkDoubledCell, @Param(min = 0, max = 1) double likelihoodCutoff, @Param(min = 1) double volumeCutoff,
			@Param(min = 0, max = 1) double nIndexedCutoff) {
		public static FilterScorer defaults() { return new FilterScorer(true, 0.8, 1.25, 0.9); }
	}

	/** Weighted ranking of volume, fraction indexed and RMSD ({@code solution_scorer=weighted}). */
	public record WeightedScorer(@Param(min = 1) int power, @Param(min = 0) double volumeWeight, @Param(min = 0) double nIndexedWeight,
			@Param(min = 0) double rmsdWeight) {
		public static WeightedScorer defaults() { return new WeightedScorer(1, 1, 1, 1); }
	}

	/** 3D FFT search ({@code indexing.fft3d}). */
	public record Fft3d(
			@Param(help = "Isotropic B applied to the grid points. Auto: −4·d_min²·ln 0.05.", min = 0, auto = true, expertLevel = 2) OptionalDouble bIso,
			@Param(help = "Grid values below rmsd_cutoff × rms of the transformed map are set to zero before the peak search.", min = 0,
					expertLevel = 1) double rmsdCutoff,
			@Param(help = "Peaks smaller than this fraction of the largest (not counting the origin) are ignored.", expertLevel = 2) double peakVolumeCutoff,
			ReciprocalSpaceGrid reciprocalSpaceGrid) {
		public Fft3d {
			Objects.requireNonNull(bIso, "indexing.fft3d.b_iso");
			Objects.requireNonNull(reciprocalSpaceGrid, "indexing.fft3d.reciprocal_space_grid");
		}

		public static Fft3d defaults() { return new Fft3d(OptionalDouble.empty(), 15, 0.15, ReciprocalSpaceGrid.defaults()); }
	}

	/** The reciprocal-space grid of the 3D FFT. */
	public record ReciprocalSpaceGrid(
			@Param(help = "Grid points along each axis (rounded up to a product of 2, 3 and 5; Bragg needs an even number).", min = 8, expertLevel = 1)
			int nPoints,
			@Param(help = "The high resolution limit in Angstrom for spots to include in the initial indexing. Auto: max(5·max_cell/n_points, "
					+ "lowest d of the spots).", unit = "Å", min = 0, auto = true) OptionalDouble dMin) {
		public ReciprocalSpaceGrid {
			Objects.requireNonNull(dMin, "indexing.fft3d.reciprocal_space_grid.d_min");
			if (nPoints < 8) throw new IllegalArgumentException("indexing.fft3d.reciprocal_space_grid.n_points must be >= 8");
		}

		public static ReciprocalSpaceGrid defaults() { return new ReciprocalSpaceGrid(256, OptionalDouble.empty()); }
	}

	/** 1D FFT search ({@code indexing.fft1d}). */
	public record Fft1d(
			@Param(help = "Sampling frequency in radians. See Steller 1997. If None, determine a grid sampling automatically using the input "
					+ "reflections, using at most 0.029 radians.", unit = "rad", min = 0) OptionalDouble characteristicGrid) {
		public Fft1d {
			Objects.requireNonNull(characteristicGrid, "indexing.fft1d.characteristic_grid");
		}

		public static Fft1d defaults() { return new Fft1d(OptionalDouble.empty()); }
	}

	/** Real space grid search ({@code indexing.real_space_grid_search}). */
	public record RealSpaceGridSearch(
			@Param(unit = "rad", min = 0) double characteristicGrid,
			@Param(help = "The maximum number of unique vectors to find in the grid search.", min = 3) int maxVectors) {
		public RealSpaceGridSearch {
			if (maxVectors < 3) throw new IllegalArgumentException("indexing.real_space_grid_search.max_vectors must be >= 3");
		}

		public static RealSpaceGridSearch defaults() { return new RealSpaceGridSearch(0.02, 30); }
	}
}

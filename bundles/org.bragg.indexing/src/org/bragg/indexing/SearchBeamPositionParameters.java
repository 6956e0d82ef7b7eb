package org.bragg.indexing;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.bragg.params.Param;

/**
 * Parameters of {@code bragg search_beam_position}, named as {@code dials.search_beam_position}'s
 * (DIALS 3.12, default method). Defaults from {@link #defaults()}.
 *
 * @since 0.1
 */
public record SearchBeamPositionParameters(
		@Param(help = "The number of threads to use. Auto: all cores.", min = 1, auto = true) OptionalInt nproc,
		@Param(help = "Known max cell (otherwise will compute from spot positions)", unit = "Å", min = 0) OptionalDouble maxCell,
		@Param(help = "The range of images to use (j0 <= j < j1); repeatable. \"0 0\" uses all images.", size = 2) List<int[]> imageRange,
		@Param(help = "Maximum number of reflections to use in the search for better experimental model. If the number of input "
				+ "reflections is greater then a random subset of reflections will be used.", min = 1) int maxReflections,
		@Param(help = "Global radius of origin offset search.", unit = "mm", min = 0) double mmSearchScope,
		@Param(help = "Modify the coarseness of the wide grid search for the beam centre.", min = 0) double wideSearchBinning,
		@Param(help = "Number of macro cycles for an iterative beam centre search.", min = 1) int nMacroCycles,
		@Param(help = "Only use spots of lower resolution than this.", unit = "Å", min = 0) OptionalDouble dMin,
		@Param(help = "Random seed (for the subset of reflections and the simplex start).", min = 0) int seed,
		@Param(help = "Output files") Output output) {

	public SearchBeamPositionParameters {
		Objects.requireNonNull(nproc, "nproc");
		Objects.requireNonNull(maxCell, "max_cell");
		Objects.requireNonNull(dMin, "d_min");
		Objects.requireNonNull(output, "output");
		imageRange = List.copyOf(imageRange.stream().map(int[]::clone).toList());
		if (maxReflections < 1) throw new IllegalArgumentException("max_reflections must be >= 1, got " + maxReflections);
		if (!(mmSearchScope >= 0)) throw new IllegalArgumentException("mm_search_scope must be >= 0, got " + mmSearchScope);
		if (!(wideSearchBinning > 0)) throw new IllegalArgumentException("wide_search_binning must be > 0, got " + wideSearchBinning);
		if (nMacroCycles < 1) throw new IllegalArgumentException("n_macro_cycles must be >= 1, got " + nMacroCycles);
	}

	/**
	 * @return dials.search_beam_position's defaults, except nproc=Auto and {@code n_macro_cycles=2}: a second DPS
	 *         search on the corrected geometry removes most of the ~0.2 mm scatter a single cycle leaves after a
	 *         1 mm error (DIALS default: 1)
	 */
	public static SearchBeamPositionParameters defaults() {
		return new SearchBeamPositionParameters(OptionalInt.empty(), OptionalDouble.empty(), List.of(), 10000, 4.0, 2, 2, OptionalDouble.empty(), 42,
				Output.defaults());
	}

	@Override public List<int[]> imageRange() { return imageRange.stream().map(int[]::clone).toList(); }

	public int threads() { return nproc.orElse(Runtime.getRuntime().availableProcessors()); }

	/** Output files. */
	public record Output(@Param(help = "The output experiment file") Path experiments, @Param(help = "The log file") Path log) {
		public Output {
			Objects.requireNonNull(experiments, "output.experiments");
			Objects.requireNonNull(log, "output.log");
		}

		public static Output defaults() { return new Output(Path.of("optimised.expt"), Path.of("bragg.search_beam_position.log")); }
	}
}

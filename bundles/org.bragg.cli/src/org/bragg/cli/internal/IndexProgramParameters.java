package org.bragg.cli.internal;

import java.nio.file.Path;
import java.util.Objects;

import org.bragg.indexing.Indexer;
import org.bragg.indexing.IndexingParameters;
import org.bragg.params.Param;
import org.bragg.refinement.RefinementParameters;

/**
 * Parameters of {@code bragg index}, as {@code dials.index}'s scope: {@code indexing}, {@code refinement}
 * (dials.refine's, with {@code reflections_per_degree=100} as dials.index sets it) and {@code output}.
 */
public record IndexProgramParameters(
		@Param(help = "Parameters of autoindexing.") IndexingParameters indexing,
		@Param(help = "Parameters to configure the refinement in the macro-cycles") RefinementParameters refinement,
		@Param(help = "Output files") Output output) {

	public IndexProgramParameters {
		Objects.requireNonNull(indexing, "indexing");
		Objects.requireNonNull(refinement, "refinement");
		Objects.requireNonNull(output, "output");
	}

	public static IndexProgramParameters defaults() {
		return new IndexProgramParameters(IndexingParameters.defaults(), Indexer.refinementDefaults(), Output.defaults());
	}

	/** Output files ({@code output}). */
	public record Output(
			@Param(help = "The filename for indexed experimental models") Path experiments,
			@Param(help = "The filename for indexed reflections") Path reflections,
			@Param(help = "The log filename") Path log) {
		public Output {
			Objects.requireNonNull(experiments, "output.experiments");
			Objects.requireNonNull(reflections, "output.reflections");
			Objects.requireNonNull(log, "output.log");
		}

		public static Output defaults() { return new Output(Path.of("indexed.expt"), Path.of("indexed.refl"), Path.of("bragg.index.log")); }
	}
}

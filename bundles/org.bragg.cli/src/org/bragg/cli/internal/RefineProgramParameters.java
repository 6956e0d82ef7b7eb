package org.bragg.cli.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.bragg.params.Param;
import org.bragg.refinement.RefinementParameters;

/** Parameters of {@code bragg refine}, as {@code dials.refine}'s scope (output, n_static_macrocycles, refinement). */
public record RefineProgramParameters(
		@Param(help = "Output files") Output output,
		@Param(help = "Number of macro-cycles of static refinement to perform", min = 1) int nStaticMacrocycles,
		@Param(help = "Parameters to configure the refinement") RefinementParameters refinement) {

	public RefineProgramParameters {
		Objects.requireNonNull(output, "output");
		Objects.requireNonNull(refinement, "refinement");
		if (nStaticMacrocycles < 1) throw new IllegalArgumentException("n_static_macrocycles must be >= 1");
	}

	public static RefineProgramParameters defaults() { return new RefineProgramParameters(Output.defaults(), 1, RefinementParameters.defaults()); }

	/** {@code output}. */
	public record Output(
			@Param(help = "The filename for refined experimental models") Path experiments,
			@Param(help = "The filename for reflections with updated predictions") Path reflections,
			@Param(help = "If True, keep reflections unused in refinement in updated reflections file. Otherwise, remove them") boolean includeUnusedReflections,
			@Param(help = "Plots of parameter correlations") CorrelationPlot correlationPlot,
			@Param(help = "The filename for output of the refinement history json") Optional<Path> history) {
		public Output {
			Objects.requireNonNull(experiments, "output.experiments");
			Objects.requireNonNull(reflections, "output.reflections");
			Objects.requireNonNull(correlationPlot, "output.correlation_plot");
			Objects.requireNonNull(history, "output.history");
		}

		public static Output defaults() {
			return new Output(Path.of("refined.expt"), Path.of("refined.refl"), true, CorrelationPlot.defaults(), Optional.empty());
		}
	}

	/** {@code output.correlation_plot}. */
	public record CorrelationPlot(
			@Param(help = "The base filename for output of plots of parameter correlations (PNG, one per residual block: <base>_X.png, _Y.png, _Phi.png). A JSON file with the same base filename will also be created, containing the correlation matrix and column labels.") Optional<Path> filename,
			@Param(help = "Specific columns to include in the plots of parameter correlations, either specified by parameter name or 0-based column index. Defaults to all columns.") List<String> colSelect) {
		public CorrelationPlot {
			Objects.requireNonNull(filename, "output.correlation_plot.filename");
			colSelect = List.copyOf(colSelect);
		}

		public static CorrelationPlot defaults() { return new CorrelationPlot(Optional.empty(), List.of()); }
	}
}

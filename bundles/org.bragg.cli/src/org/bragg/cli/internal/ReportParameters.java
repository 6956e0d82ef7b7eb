package org.bragg.cli.internal;

import java.nio.file.Path;
import java.util.Optional;

import org.bragg.params.Param;

/** Parameters of {@code bragg report}, as {@code dials.report} (plus the refinement diagnostics files of {@code bragg refine}). */
public record ReportParameters(@Param(help = "Output files") Output output, @Param(help = "Refinement diagnostics written by bragg refine") Refinement refinement) {
	public static ReportParameters defaults() { return new ReportParameters(Output.defaults(), Refinement.defaults()); }

	/** {@code output}. */
	public record Output(@Param(help = "Filename for the HTML report") Path html,
			@Param(help = "Also write each plot as a PNG and an SVG file beside the HTML (<html name>_plotNN.png/.svg)") boolean plots) {
		public static Output defaults() { return new Output(Path.of("bragg.report.html"), false); }
	}

	/** {@code refinement}: the files of {@code bragg refine output.history=… output.correlation_plot.filename=…}. */
	public record Refinement(@Param(help = "Refinement history JSON (bragg refine output.history): RMSDs and condition numbers per step") Optional<Path> history,
			@Param(help = "Parameter correlation JSON (the .json that bragg refine output.correlation_plot.filename writes)") Optional<Path> correlation) {
		public static Refinement defaults() { return new Refinement(Optional.empty(), Optional.empty()); }
	}
}

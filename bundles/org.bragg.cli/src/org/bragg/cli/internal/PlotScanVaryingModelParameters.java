package org.bragg.cli.internal;

import java.nio.file.Path;
import java.util.Objects;

import org.bragg.params.Param;

/** Parameters of {@code bragg plot_scan_varying_model}, as {@code dials.plot_scan_varying_model}. */
public record PlotScanVaryingModelParameters(@Param(help = "Output files") Output output) {
	public static PlotScanVaryingModelParameters defaults() { return new PlotScanVaryingModelParameters(Output.defaults()); }

	public PlotScanVaryingModelParameters {
		Objects.requireNonNull(output, "output");
	}

	/** {@code output}. */
	public record Output(@Param(help = "Directory for the plots (created if missing)") Path directory,
			@Param(help = "Also write each plot as SVG beside the PNG") boolean svg) {
		public static Output defaults() { return new Output(Path.of("."), false); }

		public Output {
			Objects.requireNonNull(directory, "output.directory");
		}
	}
}

package org.bragg.cli.internal;

import java.nio.file.Path;

import org.bragg.params.Param;

/** Parameters of {@code bragg report}, as {@code dials.report}. */
public record ReportParameters(@Param(help = "Output files") Output output) {
	public static ReportParameters defaults() { return new ReportParameters(Output.defaults()); }

	/** {@code output}. */
	public record Output(@Param(help = "Filename for the HTML report") Path html,
			@Param(help = "Also write each plot as a PNG file beside the HTML (<html name>_plotNN.png)") boolean plots) {
		public static Output defaults() { return new Output(Path.of("bragg.report.html"), false); }
	}
}

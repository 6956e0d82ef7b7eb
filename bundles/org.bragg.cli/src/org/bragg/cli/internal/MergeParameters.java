package org.bragg.cli.internal;

import java.nio.file.Path;

import org.bragg.params.Param;

/** Parameters of {@code bragg merge}, as {@code dials.merge}. */
public record MergeParameters(
		@Param(help = "Number of resolution shells for the merging statistics", min = 1) int nBins,
		@Param(help = "Minimum CC½ for the resolution estimate from the tanh fit") double ccHalf,
		@Param(help = "Output files") Output output) {
	public static MergeParameters defaults() { return new MergeParameters(20, 0.3, Output.defaults()); }

	/** {@code output}. */
	public record Output(@Param(help = "Filename for the merged MTZ") Path mtz,
			@Param(help = "Title of the MTZ file") String title) {
		public static Output defaults() { return new Output(Path.of("merged.mtz"), "From bragg.merge"); }
	}
}

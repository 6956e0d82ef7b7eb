package org.bragg.cli.internal;

import java.nio.file.Path;

import org.bragg.params.Param;
import org.bragg.scaling.ScalingParameters;

/** Parameters of {@code bragg scale}, as {@code dials.scale} (subset). */
public record ScaleProgramParameters(@Param(help = "Scaling model and refinement") ScalingParameters scaling,
		@Param(help = "Output files") Output output) {
	public static ScaleProgramParameters defaults() { return new ScaleProgramParameters(ScalingParameters.defaults(), Output.defaults()); }

	/** {@code output}. */
	public record Output(@Param(help = "Filename for scaled experiments") Path experiments,
			@Param(help = "Filename for scaled reflections") Path reflections) {
		public static Output defaults() { return new Output(Path.of("scaled.expt"), Path.of("scaled.refl")); }
	}
}

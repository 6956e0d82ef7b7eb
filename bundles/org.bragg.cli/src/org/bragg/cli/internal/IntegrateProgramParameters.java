package org.bragg.cli.internal;

import java.nio.file.Path;
import java.util.Objects;

import org.bragg.integration.IntegrationParameters;
import org.bragg.params.Param;

/** Parameters of {@code bragg integrate}: {@code output} and the {@code integration} scope of {@code dials.integrate}. */
public record IntegrateProgramParameters(
		@Param(help = "Output files") Output output,
		@Param(help = "Integration parameters") IntegrationParameters integration) {

	public IntegrateProgramParameters {
		Objects.requireNonNull(output, "output");
		Objects.requireNonNull(integration, "integration");
	}

	public static IntegrateProgramParameters defaults() { return new IntegrateProgramParameters(Output.defaults(), IntegrationParameters.defaults()); }

	/** {@code output}. */
	public record Output(
			@Param(help = "The experiments output filename") Path experiments,
			@Param(help = "The integrated output filename") Path reflections) {
		public Output {
			Objects.requireNonNull(experiments, "output.experiments");
			Objects.requireNonNull(reflections, "output.reflections");
		}

		public static Output defaults() { return new Output(Path.of("integrated.expt"), Path.of("integrated.refl")); }
	}
}

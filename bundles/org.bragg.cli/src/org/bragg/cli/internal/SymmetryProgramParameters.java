package org.bragg.cli.internal;

import java.nio.file.Path;
import java.util.Objects;

import org.bragg.params.Param;
import org.bragg.symmetry.SymmetryParameters;

/** Parameters of {@code bragg symmetry}, as {@code dials.symmetry} (analysis parameters under {@code symmetry}, reachable by suffix: {@code d_min=2}). */
public record SymmetryProgramParameters(
		@Param(help = "Symmetry analysis") SymmetryParameters symmetry,
		@Param(help = "Output files") Output output) {
	public SymmetryProgramParameters {
		Objects.requireNonNull(symmetry, "symmetry");
		Objects.requireNonNull(output, "output");
	}

	public static SymmetryProgramParameters defaults() { return new SymmetryProgramParameters(SymmetryParameters.defaults(), Output.defaults()); }

	/** {@code output}. */
	public record Output(@Param(help = "Path to symmetrized experiments file") Path experiments,
			@Param(help = "Path to symmetrized reflections file") Path reflections) {
		public Output {
			Objects.requireNonNull(experiments, "output.experiments");
			Objects.requireNonNull(reflections, "output.reflections");
		}

		public static Output defaults() { return new Output(Path.of("symmetrized.expt"), Path.of("symmetrized.refl")); }
	}
}

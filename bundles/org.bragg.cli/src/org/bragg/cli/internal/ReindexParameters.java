package org.bragg.cli.internal;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import org.bragg.params.Param;

/** Parameters of {@code bragg reindex}, as {@code dials.reindex}. */
public record ReindexParameters(
		@Param(help = "The change of basis operator to apply to the indexing solution, e.g. a,b,c or -b,a+b+2*c,-a") String changeOfBasisOp,
		@Param(help = "The space group to be applied AFTER applying the change of basis operator.") Optional<String> spaceGroup,
		@Param(help = "Output files") Output output) {
	public ReindexParameters {
		Objects.requireNonNull(changeOfBasisOp, "change_of_basis_op");
		Objects.requireNonNull(spaceGroup, "space_group");
		Objects.requireNonNull(output, "output");
	}

	/** @return a copy with another change of basis operator */
	public ReindexParameters withChangeOfBasisOp(String op) { return new ReindexParameters(op, spaceGroup, output); }

	public static ReindexParameters defaults() { return new ReindexParameters("a,b,c", Optional.empty(), Output.defaults()); }

	/** {@code output}. */
	public record Output(@Param(help = "The filename for reindexed experimental models") Path experiments,
			@Param(help = "The filename for reindexed reflections") Path reflections) {
		public static Output defaults() { return new Output(Path.of("reindexed.expt"), Path.of("reindexed.refl")); }
	}
}

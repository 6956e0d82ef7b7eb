package org.bragg.cli.internal;

import java.nio.file.Path;
import java.util.Optional;

import org.bragg.params.Param;

/** Parameters of {@code bragg export} (format=mtz), as {@code dials.export}. */
public record ExportParameters(@Param(help = "MTZ options") Mtz mtz) {
	public static ExportParameters defaults() { return new ExportParameters(Mtz.defaults()); }

	/** {@code mtz}. */
	public record Mtz(@Param(help = "The output MTZ filename; default scaled.mtz for scaled data, else integrated.mtz") Optional<Path> hklout) {
		public static Mtz defaults() { return new Mtz(Optional.empty()); }
	}
}

package org.bragg.cli.internal;

import org.bragg.params.Param;

/** Parameters of {@code bragg show}. */
public record ShowParameters(
		@Param(help = "Whether or not to show the crystal at each scan point") boolean showScanVarying,
		@Param(help = "Whether or not to show the shared models once per file instead of per experiment", expertLevel = 1) boolean showSharedModels) {
	public static ShowParameters defaults() { return new ShowParameters(false, false); }
}

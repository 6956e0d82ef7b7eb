package org.bragg.cli.internal;

import java.util.List;

import org.bragg.cli.Command;

/** The programs built into {@code bragg}. */
public final class Programs {
	private Programs() {}

	public static List<Command<?>> builtIn() {
		return List.of(new ImportCommand(), new ShowCommand(), new FindSpotsCommand(), new EstimateGainCommand(), new RefineCommand(),
				new RefineBravaisSettingsCommand(), new ReindexCommand(), new IndexCommand(), new SearchBeamPositionCommand(),
				new ScaleCommand(), new MergeCommand(), new ExportCommand(), new SymmetryCommand(), new ProcessCommand(), new IntegrateCommand(),
				new GenerateMaskCommand(), new ApplyMaskCommand(), new ReportCommand(), new PlotScanVaryingModelCommand());
	}
}

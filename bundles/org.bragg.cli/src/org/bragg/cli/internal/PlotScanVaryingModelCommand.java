package org.bragg.cli.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bragg.cli.Command;
import org.bragg.cli.Context;
import org.bragg.io.ExperimentListIO;
import org.bragg.model.BraggInputException;
import org.bragg.model.ExperimentList;
import org.bragg.report.ScanVaryingCharts;

/**
 * {@code bragg plot_scan_varying_model}: PNG plots of a scan-varying model against rotation angle, as
 * {@code dials.plot_scan_varying_model} (unit cell, cell volume, orientation, beam), with the chart factories of
 * {@link ScanVaryingCharts} that the workbench's refinement view shows.
 */
public final class PlotScanVaryingModelCommand implements Command<PlotScanVaryingModelParameters> {
	@Override public String name() { return "plot_scan_varying_model"; }
	@Override public String summary() { return "Plot the scan-varying crystal (and beam) model against rotation angle (PNG)"; }
	@Override public Class<PlotScanVaryingModelParameters> parameterType() { return PlotScanVaryingModelParameters.class; }

	@Override
	public String usage() {
		return """
				Usage: bragg plot_scan_varying_model refined.expt [output.directory=.] [output.svg=False]

				Writes, for each experiment with a scan-varying model, unit_cell_lengths.png (a, b, c),
				unit_cell_angles.png (alpha, beta, gamma), unit_cell_volume.png, orientation.png (phi1, phi2, phi3 of
				U relative to the static U) and, for a scan-varying beam, beam_direction.png; file names carry the
				experiment number when there are several experiments.""";
	}

	@Override
	public void run(Context<PlotScanVaryingModelParameters> ctx) throws Exception {
		if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
		if (ctx.inputs().size() != 1 || !ctx.inputs().get(0).endsWith(".expt"))
			throw new BraggInputException("bragg plot_scan_varying_model needs one experiment file (.expt), found " + ctx.inputs());
		Path in = ctx.resolve(Path.of(ctx.inputs().get(0)));
		ExperimentList el = ExperimentListIO.read(in);
		Path dir = ctx.resolve(ctx.params().output().directory());
		Files.createDirectories(dir);
		int written = 0;
		for (int i = 0; i < el.size(); i++) {
			List<Path> files = ScanVaryingCharts.write(el.get(i), dir, el.size() > 1 ? "_" + i : "", ctx.params().output().svg());
			if (files.isEmpty()) ctx.log("Ignoring scan-static experiment " + i);
			for (Path f : files) ctx.log("Saving " + ctx.workingDirectory().relativize(f.toAbsolutePath()));
			written += files.size();
		}
		if (written == 0) throw new BraggInputException(in + ": no experiment has a scan-varying crystal (A_at_scan_points) or beam (s0_at_scan_points)");
	}
}

package org.bragg.cli.internal;

import java.nio.file.Path;

import org.bragg.cli.Command;
import org.bragg.cli.Context;
import org.bragg.io.ExperimentListIO;
import org.bragg.model.BraggInputException;
import org.bragg.model.Crystal;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;

/** {@code bragg show}: prints the models of {@code .expt} files as {@code dials.show} does. */
public final class ShowCommand implements Command<ShowParameters> {
	@Override public String name() { return "show"; }
	@Override public String summary() { return "Print the models of experiment files (beam, detector, scan, goniometer, crystal)"; }
	@Override public Class<ShowParameters> parameterType() { return ShowParameters.class; }

	@Override
	public String usage() {
		return "Usage: bragg show <experiments.expt> [more.expt …] [show_scan_varying=true]\n\n"
				+ "Prints the models as dials.show does, with the maximum resolution at the corners and inscribed,\n"
				+ "and the beam centre in mm and px.";
	}

	@Override
	public void run(Context<ShowParameters> ctx) throws Exception {
		if (ctx.inputs().isEmpty()) throw new BraggInputException("bragg show needs at least one .expt file");
		for (String in : ctx.inputs()) {
			if (!in.endsWith(".expt") && !in.endsWith(".json"))
				throw new BraggInputException(in + ": bragg show reads experiment files (.expt); reflection files are not supported yet");
			ExperimentList el = ExperimentListIO.read(ctx.resolve(Path.of(in)));
			ctx.out().print(ShowFormatter.show(el));
			if (ctx.params().showScanVarying()) {
				for (Experiment e : el) {
					Crystal c = e.crystal();
					if (c == null || !c.isScanVarying()) continue;
					ctx.log("Scan-varying unit cell (a, b, c, α, β, γ) at scan points:");
					for (int i = 0; i < c.aAtScanPoints().size(); i++) {
						double[] p = c.unitCellParametersAtScanPoint(i);
						ctx.log(String.format(java.util.Locale.ROOT, "  %4d  %9.4f %9.4f %9.4f %8.3f %8.3f %8.3f", i, p[0], p[1], p[2], p[3], p[4], p[5]));
					}
				}
			}
		}
	}
}

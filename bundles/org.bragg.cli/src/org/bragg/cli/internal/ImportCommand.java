package org.bragg.cli.internal;

import java.nio.file.Path;

import org.bragg.cli.Command;
import org.bragg.cli.Context;
import org.bragg.format.ExperimentImporter;
import org.bragg.format.ImportParameters;
import org.bragg.io.ExperimentListIO;

/** {@code bragg import}: image headers → {@code imported.expt}, as {@code dials.import}. */
public final class ImportCommand implements Command<ImportParameters> {
	@Override public String name() { return "import"; }
	@Override public String summary() { return "Read image headers, group into sweeps and stills, write imported.expt"; }
	@Override public Class<ImportParameters> parameterType() { return ImportParameters.class; }

	@Override
	public String usage() {
		return """
				Usage: bragg import <files | globs | template_####.cbf | directory> [image_range=a,b] [name=value …] [overrides.phil]

				Reads the headers of the images with the detector's format reader, groups consecutive images with
				contiguous oscillation into sweeps (the rest are stills) and writes imported.expt.
				Geometry overrides as dials.import: distance=, wavelength=, fast_slow_beam_centre=x,y,
				mosflm_beam_centre=, goniometer.axes=, invert_rotation_axis=true, panel.gain=, trusted_range=,
				convert_sequences_to_stills=true.

				Example: bragg import data/lyso_####.cbf.bz2 image_range=1,20""";
	}

	@Override
	public void run(Context<ImportParameters> ctx) throws Exception {
		ExperimentImporter.Result r = ExperimentImporter.importImages(ctx.inputs(), ctx.params(), ctx.formats(), ctx.progress());
		ctx.log("-".repeat(80));
		ctx.log("  format: " + String.join(", ", r.formatNames()));
		ctx.log("  num images: " + r.numImages());
		ctx.log("  sequences:");
		ctx.log("    still:    0");
		ctx.log("    sweep:    " + r.numSweeps());
		ctx.log("  num stills: " + r.numStills());
		r.experiments().asList().stream().filter(e -> e.imageSet().template() != null).map(e -> e.imageSet().template()).distinct()
				.forEach(t -> ctx.log("  template: " + t));
		ctx.log("-".repeat(80));
		Path out = ctx.resolve(ctx.params().output().experiments());
		ctx.log("Writing experiments to " + ctx.params().output().experiments());
		ExperimentListIO.write(r.experiments(), out);
	}
}

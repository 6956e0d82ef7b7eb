package org.bragg.cli.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.bragg.cli.Command;
import org.bragg.cli.Context;
import org.bragg.io.ExperimentListIO;
import org.bragg.model.BraggInputException;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.ImageSet;
import org.bragg.params.Param;
import org.bragg.spotfinding.MaskFiles;
import org.bragg.spotfinding.MaskGeneration;
import org.bragg.spotfinding.SpotFindingParameters;

/**
 * {@code bragg generate_mask}: a user pixel mask from shapes and resolution ranges → {@code pixels.mask},
 * as {@code dials.generate_mask} (one mask per imageset; with several imagesets the files are numbered
 * {@code pixels_1.mask}, …).
 */
public final class GenerateMaskCommand implements Command<GenerateMaskCommand.Parameters> {

	/** Parameters of {@code bragg generate_mask}, scoped as in {@code dials.generate_mask}. */
	public record Parameters(
			@Param(help = "Output files") Output output,
			@Param(help = "The border around the edge of the image.", unit = "px", min = 0) int border,
			@Param(help = "The high resolution limit in Angstrom for a pixel to be accepted by the filtering algorithm.", unit = "Å", min = 0) OptionalDouble dMin,
			@Param(help = "The low resolution limit in Angstrom for a pixel to be accepted by the filtering algorithm.", unit = "Å", min = 0) OptionalDouble dMax,
			@Param(help = "Set to True to use a faster, but less accurate, simple px-to-mm mapping by disabling accounting for "
					+ "parallax correction when generating resolution masks.") boolean disableParallaxCorrection,
			@Param(help = "an untrusted resolution range", unit = "Å", size = 2) List<double[]> resolutionRange,
			@Param(help = "Untrusted regions.") List<SpotFindingParameters.Untrusted> untrusted,
			@Param(help = "Ice ring masking.") SpotFindingParameters.IceRings iceRings) {
		public static Parameters defaults() {
			MaskGeneration.Parameters m = MaskGeneration.Parameters.defaults();
			return new Parameters(Output.defaults(), m.border(), m.dMin(), m.dMax(), m.disableParallaxCorrection(), m.resolutionRange(), m.untrusted(),
					m.iceRings());
		}

		MaskGeneration.Parameters masking() {
			return new MaskGeneration.Parameters(border, dMin, dMax, resolutionRange, untrusted, iceRings, disableParallaxCorrection);
		}
	}

	/** Output options. */
	public record Output(
			@Param(help = "Name of output mask file.") Path mask,
			@Param(help = "Name of output experiment list file. If this is set, a copy of the experiments, modified with the generated pixel "
					+ "masks, will be saved to this location.") Optional<Path> experiments) {
		public static Output defaults() { return new Output(Path.of("pixels.mask"), Optional.empty()); }
	}

	@Override public String name() { return "generate_mask"; }
	@Override public String summary() { return "Mask untrusted shapes and resolution ranges, write pixels.mask"; }
	@Override public Class<Parameters> parameterType() { return Parameters.class; }

	@Override
	public String usage() {
		return """
				Usage: bragg generate_mask imported.expt [mask.phil] [untrusted.polygon=x1,y1,x2,y2,…] [name=value …]

				Writes a DIALS-readable pixel mask (pickle of one flex.bool per panel, true = good) masking the border,
				untrusted panels, circles (xc,yc,r), rectangles (x0,x1,y0,y1), polygons and pixels (y,x), pixels
				beyond d_min/d_max, untrusted resolution ranges and ice rings, as dials.generate_mask. The default
				mask (trusted range, format static mask) is applied where the mask is used. Apply it with
				bragg apply_mask imported.expt mask=pixels.mask.
				Example: bragg generate_mask imported.expt untrusted.circle=500,520,60 resolution_range=3.0,3.2""";
	}

	@Override
	public void run(Context<Parameters> ctx) throws Exception {
		if (ctx.inputs().size() != 1 || !ctx.inputs().get(0).endsWith(".expt"))
			throw new BraggInputException("bragg generate_mask needs exactly one experiment file (.expt); got " + ctx.inputs());
		ExperimentList experiments = ExperimentListIO.read(ctx.resolve(Path.of(ctx.inputs().get(0))));
		List<ImageSet> sets = experiments.imageSets();
		if (sets.isEmpty()) throw new BraggInputException(ctx.inputs().get(0) + ": no imagesets to mask");
		Path base = ctx.params().output().mask();
		List<Path> files = new ArrayList<>();
		if (sets.size() == 1) files.add(base);
		else {
			String n = base.getFileName().toString();
			int dot = n.lastIndexOf('.');
			String stem = dot < 0 ? n : n.substring(0, dot), ext = dot < 0 ? "" : n.substring(dot);
			int pad = Integer.toString(sets.size()).length();
			for (int i = 0; i < sets.size(); i++) files.add(base.resolveSibling(stem + "_" + String.format("%0" + pad + "d", i + 1) + ext));
		}
		MaskGeneration.Parameters masking = ctx.params().masking();
		ExperimentList out = experiments;
		for (int s = 0; s < sets.size(); s++) {
			ImageSet set = sets.get(s);
			Experiment first = null;
			for (Experiment e : experiments) if (e.imageSet() == set) { first = e; break; }
			List<boolean[]> masks;
			try {
				masks = MaskGeneration.generate(first.detector(), first.beam(), masking);
			} catch (IllegalArgumentException ex) {
				throw new BraggInputException(ctx.inputs().get(0) + ": " + ex.getMessage().replace("spotfinder.filter.", ""));
			}
			Path file = ctx.resolve(files.get(s));
			MaskFiles.write(file, first.detector(), masks);
			long n = MaskGeneration.countMasked(masks), total = 0;
			for (boolean[] m : masks) total += m.length;
			ctx.log("Writing mask to " + files.get(s) + " (" + n + " of " + total + " pixels masked)");
			out = ApplyMaskCommand.withMask(out, set, file);
		}
		if (ctx.params().output().experiments().isPresent()) {
			Path e = ctx.params().output().experiments().get();
			ExperimentListIO.write(out, ctx.resolve(e));
			ctx.log("Saving experiments to " + e);
		}
	}
}

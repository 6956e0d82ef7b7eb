package org.bragg.cli.internal;

import java.nio.file.Path;
import java.util.Optional;

import org.bragg.cli.Command;
import org.bragg.cli.Context;
import org.bragg.io.ExperimentListIO;
import org.bragg.model.BraggInputException;
import org.bragg.model.ExperimentList;
import org.bragg.params.Param;
import org.bragg.spotfinding.GainEstimator;

/** {@code bragg estimate_gain}: detector gain from the index of dispersion of background pixels, as {@code dials.estimate_gain}. */
public final class EstimateGainCommand implements Command<EstimateGainCommand.Parameters> {

	/** Parameters of {@code bragg estimate_gain}. */
	public record Parameters(
			@Param(help = "Local area of pixels used to compute the dispersion (slow, fast)", size = 2, unit = "px") int[] kernelSize,
			@Param(help = "Maximum number of images to use for the estimate", min = 1) int maxImages,
			@Param(help = "Output options") Output output) {
		public static Parameters defaults() { return new Parameters(new int[] { 10, 10 }, 1, Output.defaults()); }
	}

	/** Output options. */
	public record Output(@Param(help = "Write the gain map (not written yet: Bragg prints the value)") Optional<Path> gainMap) {
		public static Output defaults() { return new Output(Optional.empty()); }
	}

	@Override public String name() { return "estimate_gain"; }
	@Override public String summary() { return "Estimate the detector gain from the dispersion of background pixels"; }
	@Override public Class<Parameters> parameterType() { return Parameters.class; }

	@Override
	public String usage() {
		return "Usage: bragg estimate_gain imported.expt [kernel_size=10,10] [max_images=1]\n\n"
				+ "Estimates the gain (ADU per photon or electron) as the mean index of dispersion (variance/mean)\n"
				+ "of background pixels in a kernel_size window, as dials.estimate_gain. Use it as gain= for find_spots.";
	}

	@Override
	public void run(Context<Parameters> ctx) throws Exception {
		if (ctx.inputs().size() != 1) throw new BraggInputException("bragg estimate_gain needs one experiment file (.expt); got " + ctx.inputs());
		ExperimentList el = ExperimentListIO.read(ctx.resolve(Path.of(ctx.inputs().get(0))));
		if (el.isEmpty()) throw new BraggInputException(ctx.inputs().get(0) + ": no experiments");
		GainEstimator.Estimate e = GainEstimator.estimate(el.get(0), ctx.formats(), ctx.params().kernelSize(), ctx.params().maxImages(), ctx::log);
		ctx.log(String.format(java.util.Locale.ROOT, "Estimated gain: %.3f", e.gain()));
	}
}

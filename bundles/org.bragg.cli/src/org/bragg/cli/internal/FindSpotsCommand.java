package org.bragg.cli.internal;

import java.nio.file.Path;

import org.bragg.cli.Command;
import org.bragg.cli.Context;
import org.bragg.io.ExperimentListIO;
import org.bragg.io.ReflectionTableIO;
import org.bragg.model.BraggInputException;
import org.bragg.model.ExperimentList;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.params.Param;
import org.bragg.spotfinding.SpotFinder;
import org.bragg.spotfinding.SpotFindingParameters;
import org.bragg.spotfinding.SpotFindingResult;

/** {@code bragg find_spots}: strong spots of every image → {@code strong.refl}, as {@code dials.find_spots}. */
public final class FindSpotsCommand implements Command<FindSpotsCommand.Parameters> {

	/** Parameters of {@code bragg find_spots}, scoped as in {@code dials.find_spots}. */
	public record Parameters(
			@Param(help = "Output files") Output output,
			@Param(help = "Parameters used in the spot finding algorithm.") SpotFindingParameters spotfinder) {
		public static Parameters defaults() { return new Parameters(Output.defaults(), SpotFindingParameters.defaults()); }
	}

	/** Output options. */
	public record Output(
			@Param(help = "The output filename") Path reflections,
			@Param(help = "Save the raw pixel values inside the reflection shoeboxes.") boolean shoeboxes,
			@Param(help = "Save the modified experiments (not used yet)", expertLevel = 1) Path experiments) {
		public static Output defaults() { return new Output(Path.of("strong.refl"), true, Path.of("strong.expt")); }
	}

	@Override public String name() { return "find_spots"; }
	@Override public String summary() { return "Find strong spots on every image (dispersion thresholding), write strong.refl"; }
	@Override public Class<Parameters> parameterType() { return Parameters.class; }

	@Override
	public String usage() {
		return """
				Usage: bragg find_spots imported.expt [gain=…] [min_spot_size=…] [d_min=…] [nproc=…] [name=value …]

				Thresholds every image with the dispersion_extended algorithm (default; also dispersion and
				radial_profile), labels connected strong pixels in 3D across the frames of a sweep (2D for stills),
				filters and centroids the spots as DIALS does, and writes strong.refl.
				Example: bragg find_spots imported.expt gain=3""";
	}

	@Override
	public void run(Context<Parameters> ctx) throws Exception {
		if (ctx.inputs().size() != 1 || !ctx.inputs().get(0).endsWith(".expt"))
			throw new BraggInputException("bragg find_spots needs exactly one experiment file (.expt); got " + ctx.inputs());
		ExperimentList experiments = ExperimentListIO.read(ctx.resolve(Path.of(ctx.inputs().get(0))));
		SpotFindingResult r = SpotFinder.run(experiments, ctx.params().spotfinder(), ctx.formats(), ctx.progress(), ctx::log);
		ReflectionTable t = r.reflections();
		if (!ctx.params().output().shoeboxes() && t.has(Columns.SHOEBOX)) t.remove(Columns.SHOEBOX.name());
		Path out = ctx.resolve(ctx.params().output().reflections());
		ReflectionTableIO.write(t, out);
		ctx.log("Saved " + t.size() + " reflections to " + ctx.params().output().reflections());
	}
}

package org.bragg.cli.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bragg.cli.Command;
import org.bragg.cli.Context;
import org.bragg.io.ExperimentListIO;
import org.bragg.model.BraggInputException;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.ImageSet;
import org.bragg.model.Panel;
import org.bragg.params.Param;
import org.bragg.spotfinding.MaskFiles;

/** {@code bragg apply_mask}: sets the imagesets' mask lookup to the given mask files → {@code masked.expt}, as {@code dials.apply_mask}. */
public final class ApplyMaskCommand implements Command<ApplyMaskCommand.Parameters> {

	/** Parameters of {@code bragg apply_mask}. */
	public record Parameters(@Param(help = "Input files") Input input, @Param(help = "Output files") Output output) {
		public static Parameters defaults() { return new Parameters(new Input(List.of()), new Output(Path.of("masked.expt"))); }
	}

	/** Input options. */
	public record Input(@Param(help = "The mask filenames, one mask per imageset") List<Path> mask) {
		public Input { mask = List.copyOf(mask); }
	}

	/** Output options. */
	public record Output(@Param(help = "Name of output experiments file") Path experiments) {}

	@Override public String name() { return "apply_mask"; }
	@Override public String summary() { return "Set the imageset masks to mask files, write masked.expt"; }
	@Override public Class<Parameters> parameterType() { return Parameters.class; }

	@Override
	public String usage() {
		return """
				Usage: bragg apply_mask imported.expt mask=pixels.mask [mask=pixels2.mask …] [output.experiments=masked.expt]

				Points each imageset's mask lookup at a DIALS mask file (one per imageset, in order), as dials.apply_mask.
				Spot finding and integration then exclude the masked pixels.""";
	}

	/** @return the list with every experiment of {@code set} pointing at a copy of it whose mask is {@code mask} */
	static ExperimentList withMask(ExperimentList experiments, ImageSet set, Path mask) {
		ImageSet m = new ImageSet(set.kind(), set.template(), set.paths(), set.singleFileIndices(), mask, set.gain(), set.pedestal(), set.dx(), set.dy(),
				set.params(), set.gridSize());
		List<Experiment> out = new ArrayList<>();
		for (Experiment e : experiments) out.add(e.imageSet() == set ? e.withImageSet(m) : e);
		return new ExperimentList(out);
	}

	@Override
	public void run(Context<Parameters> ctx) throws Exception {
		if (ctx.inputs().size() != 1 || !ctx.inputs().get(0).endsWith(".expt"))
			throw new BraggInputException("bragg apply_mask needs exactly one experiment file (.expt); got " + ctx.inputs());
		ExperimentList experiments = ExperimentListIO.read(ctx.resolve(Path.of(ctx.inputs().get(0))));
		List<ImageSet> sets = experiments.imageSets();
		List<Path> masks = ctx.params().input().mask();
		if (masks.size() != sets.size())
			throw new BraggInputException("the number of masks (input.mask, " + masks.size() + ") must match the number of imagesets in "
					+ ctx.inputs().get(0) + " (" + sets.size() + ")");
		ExperimentList out = experiments;
		for (int s = 0; s < sets.size(); s++) {
			ImageSet set = sets.get(s);
			Path file = ctx.resolve(masks.get(s)).toAbsolutePath().normalize();
			List<boolean[]> m = MaskFiles.read(file);
			Experiment first = null;
			for (Experiment e : experiments) if (e.imageSet() == set) { first = e; break; }
			List<Panel> panels = first.detector().panels();
			if (m.size() != panels.size())
				throw new BraggInputException(file + ": " + m.size() + " panel masks, but the detector of imageset " + s + " has " + panels.size() + " panels");
			for (int p = 0; p < panels.size(); p++)
				if (m.get(p).length != panels.get(p).nFast() * panels.get(p).nSlow())
					throw new BraggInputException(file + ": panel " + p + " mask has " + m.get(p).length + " pixels, expected " + panels.get(p).nFast() + "×"
							+ panels.get(p).nSlow());
			out = withMask(out, set, file);
		}
		Path o = ctx.params().output().experiments();
		ExperimentListIO.write(out, ctx.resolve(o));
		ctx.log("Writing experiments to " + o);
	}
}

package org.bragg.cli.internal;

import java.nio.file.Path;

import org.bragg.cli.Command;
import org.bragg.cli.Context;
import org.bragg.export.mtz.Mtz;
import org.bragg.export.mtz.MtzWriter;
import org.bragg.export.mtz.ScaledIntensities;
import org.bragg.export.mtz.UnmergedMtzExport;
import org.bragg.io.ExperimentListIO;
import org.bragg.io.ReflectionTableIO;
import org.bragg.model.BraggInputException;
import org.bragg.model.ExperimentList;
import org.bragg.model.reflection.ReflectionTable;

/** {@code bragg export}: unmerged MTZ ({@code scaled.mtz} or {@code integrated.mtz}) as {@code dials.export}. */
public final class ExportCommand implements Command<ExportParameters> {
	@Override public String name() { return "export"; }
	@Override public String summary() { return "Export integrated or scaled reflections to an unmerged MTZ file"; }
	@Override public Class<ExportParameters> parameterType() { return ExportParameters.class; }

	@Override
	public String usage() {
		return """
				Usage: bragg export scaled.expt scaled.refl [mtz.hklout=scaled.mtz]

				Writes an unmerged MTZ with DIALS's columns (H K L M/ISYM BATCH I SIGI [SCALEUSED SIGSCALEUSED] [IPR SIGIPR]
				FRACTIONCALC XDET YDET ROT LP QE) and one batch header per image.""";
	}

	@Override
	public void run(Context<ExportParameters> ctx) throws Exception {
		Path[] in = RefineCommand.inputs(ctx, "bragg export");
		if (in[0] == null || in[1] == null) throw new BraggInputException("bragg export needs an experiment file (.expt) and a reflection file (.refl)");
		ExperimentList el = ExperimentListIO.read(in[0]);
		ReflectionTable refl = ReflectionTableIO.read(in[1]);
		boolean scaled = refl.has(ScaledIntensities.INTENSITY_SCALE_VALUE);
		if (scaled) ctx.log("Data appears to be scaled, setting intensity = scale");
		Path out = ctx.params().mtz().hklout().orElse(Path.of(scaled ? "scaled.mtz" : "integrated.mtz"));
		ctx.log("Read " + refl.size() + " reflections");
		Mtz mtz;
		try {
			mtz = UnmergedMtzExport.build(el, refl, "From bragg.export");
		} catch (IllegalArgumentException e) {
			throw new BraggInputException(in[1] + ": " + e.getMessage());
		}
		mtz.history().add("From Bragg, bragg export");
		ctx.log("Saving " + mtz.numReflections() + " integrated reflections to " + out);
		MtzWriter.write(mtz, ctx.resolve(out));
		ctx.log("Number of batches: " + mtz.batches().size());
	}
}

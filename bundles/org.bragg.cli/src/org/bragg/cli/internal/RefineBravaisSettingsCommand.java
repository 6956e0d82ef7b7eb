package org.bragg.cli.internal;

import java.nio.file.Path;
import java.util.List;

import org.bragg.cli.Command;
import org.bragg.cli.Context;
import org.bragg.io.AtomicOutput;
import org.bragg.io.ExperimentListIO;
import org.bragg.io.ReflectionTableIO;
import org.bragg.model.BraggInputException;
import org.bragg.model.ExperimentList;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.refinement.BravaisSettings;
import org.bragg.refinement.BravaisSettingsParameters;

/** {@code bragg refine_bravais_settings}: Le Page lattice search with refinement, as {@code dials.refine_bravais_settings}. */
public final class RefineBravaisSettingsCommand implements Command<BravaisSettingsParameters> {
	@Override public String name() { return "refine_bravais_settings"; }
	@Override public String summary() { return "Refine every Bravais setting consistent with the P1 lattice (Le Page) and recommend solutions"; }
	@Override public Class<BravaisSettingsParameters> parameterType() { return BravaisSettingsParameters.class; }

	@Override
	public String usage() {
		return """
				Usage: bragg refine_bravais_settings indexed.expt indexed.refl [lepage_max_delta=5] [name=value …]

				Writes bravais_setting_N.expt for every candidate and bravais_summary.json; apply the chosen
				solution's cb_op to the reflections with bragg reindex change_of_basis_op=<cb_op>.""";
	}

	@Override
	public void run(Context<BravaisSettingsParameters> ctx) throws Exception {
		execute(ctx);
	}

	/** Runs the program and returns the solutions (used by {@code bragg process}). */
	static List<BravaisSettings.Solution> execute(Context<BravaisSettingsParameters> ctx) throws Exception {
		Path[] in = RefineCommand.inputs(ctx, "bragg refine_bravais_settings");
		if (in[0] == null || in[1] == null) throw new BraggInputException("bragg refine_bravais_settings needs an experiment file (.expt) and a reflection file (.refl)");
		ExperimentList el = ExperimentListIO.read(in[0]);
		ReflectionTable refl = ReflectionTableIO.read(in[1]);
		List<BravaisSettings.Solution> sols = BravaisSettings.run(el, refl, ctx.params(), ctx.progress(), ctx::log);
		ctx.log(BravaisSettings.table(sols));
		ctx.log("Saving summary as bravais_summary.json");
		AtomicOutput.write(ctx.resolve(Path.of("bravais_summary.json")),
				o -> o.write(BravaisSettings.summaryJson(sols).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		for (BravaisSettings.Solution s : sols) {
			if (s.experiments() == null) continue;
			String f = "bravais_setting_" + s.settingNumber() + ".expt";
			ctx.log("Saving solution " + s.settingNumber() + " as " + f);
			ExperimentListIO.write(s.experiments(), ctx.resolve(Path.of(f)));
		}
		return sols;
	}
}

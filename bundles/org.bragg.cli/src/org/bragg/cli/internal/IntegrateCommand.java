package org.bragg.cli.internal;

import java.nio.file.Path;

import org.bragg.cli.Command;
import org.bragg.cli.Context;
import org.bragg.integration.IntegrationParameters;
import org.bragg.integration.IntegrationResult;
import org.bragg.integration.Integrator;
import org.bragg.io.ExperimentListIO;
import org.bragg.io.ReflectionTableIO;
import org.bragg.model.BraggInputException;
import org.bragg.model.ExperimentList;
import org.bragg.model.reflection.ReflectionTable;

/** {@code bragg integrate}: summation integration as {@code dials.integrate} → integrated.expt, integrated.refl. */
public final class IntegrateCommand implements Command<IntegrateProgramParameters> {
	@Override public String name() { return "integrate"; }
	@Override public String summary() { return "Integrate the reflections of rotation scans or stills (profile model, background, summation)"; }
	@Override public Class<IntegrateProgramParameters> parameterType() { return IntegrateProgramParameters.class; }

	@Override
	public String usage() {
		return """
				Usage: bragg integrate refined.expt refined.refl [prediction.d_min=…] [background.algorithm=glm|simple|null] [nproc=…] [name=value …]

				Estimates the Gaussian profile model (sigma_b, sigma_m) from the strong reflections, predicts every
				reflection, and integrates them by summation with a glm (default), simple or null background, reading
				each image once. Writes integrated.expt (with the profile model) and integrated.refl.
				Stills (experiments without a rotation scan) are integrated one image per experiment as DIALS's stills
				integrator: sigma_b from the strong spots (sigma_m 0), prediction within the Nave mosaicity model
				(ML_half_mosaicity_deg, ML_domain_size_ang; estimated from the indexed spots when the crystal has none),
				2D shoeboxes, summation, partiality 1 and lp = 1/P as DIALS 3.12.
				Example: bragg integrate refined.expt refined.refl background.algorithm=simple nproc=4""";
	}

	@Override
	public void run(Context<IntegrateProgramParameters> ctx) throws Exception {
		Path[] in = RefineCommand.inputs(ctx, "bragg integrate");
		if (in[0] == null || in[1] == null) throw new BraggInputException("bragg integrate needs an experiment file (.expt) and a reflection file (.refl)");
		ExperimentList el = ExperimentListIO.read(in[0]);
		ReflectionTable refl = ReflectionTableIO.read(in[1]);
		IntegrationParameters ip = ctx.params().integration();
		if (ip.mp().nproc().isEmpty()) ip = ip.withNproc(ctx.nproc());
		if (!el.isEmpty() && el.asList().stream().allMatch(e -> e.isStill())) {
			// stills: one image per experiment (DIALS integrator=stills)
			org.bragg.integration.StillsIntegrationResult sr = org.bragg.integration.StillsIntegrator.integrate(el, refl, ip, ctx.formats(), ctx.progress(), ctx::log);
			var so = ctx.params().output();
			ctx.log("Saving " + sr.reflections().size() + " reflections to " + so.reflections());
			ReflectionTableIO.write(sr.reflections(), ctx.resolve(so.reflections()));
			ctx.log("Saving the experiments to " + so.experiments());
			ExperimentListIO.write(sr.experiments(), ctx.resolve(so.experiments()));
			return;
		}
		IntegrationResult r = Integrator.integrate(el, refl, ip, ctx.formats(), ctx.progress(), ctx::log);
		var out = ctx.params().output();
		ctx.log("Saving " + r.reflections().size() + " reflections to " + out.reflections());
		ReflectionTableIO.write(r.reflections(), ctx.resolve(out.reflections()));
		ctx.log("Saving the experiments to " + out.experiments());
		ExperimentListIO.write(r.experiments(), ctx.resolve(out.experiments()));
	}
}

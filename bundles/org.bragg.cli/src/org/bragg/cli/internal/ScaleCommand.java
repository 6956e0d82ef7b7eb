package org.bragg.cli.internal;

import java.nio.file.Path;
import java.util.Locale;

import org.bragg.cli.Command;
import org.bragg.cli.Context;
import org.bragg.io.ExperimentListIO;
import org.bragg.io.ReflectionTableIO;
import org.bragg.model.BraggInputException;
import org.bragg.model.ExperimentList;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.scaling.MergingStatistics;
import org.bragg.scaling.Observations;
import org.bragg.scaling.ResolutionEstimate;
import org.bragg.scaling.Scaler;

/** {@code bragg scale}: scale one sweep (scale + decay terms, error model, outliers) as {@code dials.scale}. */
public final class ScaleCommand implements Command<ScaleProgramParameters> {
	@Override public String name() { return "scale"; }
	@Override public String summary() { return "Scale integrated reflections (physical model: scale and decay terms), refine the error model"; }
	@Override public Class<ScaleProgramParameters> parameterType() { return ScaleProgramParameters.class; }

	@Override
	public String usage() {
		return """
				Usage: bragg scale symmetrized.expt symmetrized.refl [scaling.decay_restraint=0.1] [outlier_zmax=6]

				Scales one rotation sweep with the scale (smooth in rotation) and relative-B decay terms of DIALS's physical
				model, refines the error model sigma'^2 = a^2(sigma^2 + (bI)^2), rejects outliers and prints merging
				statistics. Writes scaled.expt and scaled.refl (inverse_scale_factor, intensity.scale.value/variance).""";
	}

	@Override
	public void run(Context<ScaleProgramParameters> ctx) throws Exception {
		Path[] in = RefineCommand.inputs(ctx, "bragg scale");
		if (in[0] == null || in[1] == null) throw new BraggInputException("bragg scale needs an experiment file (.expt) and a reflection file (.refl)");
		ExperimentList el = ExperimentListIO.read(in[0]);
		ReflectionTable refl = ReflectionTableIO.read(in[1]);
		Scaler.Result r;
		try {
			r = Scaler.scale(el, refl, ctx.params().scaling(), ctx::log);
		} catch (IllegalArgumentException e) {
			throw new BraggInputException(in[0] + " / " + in[1] + ": " + e.getMessage());
		}
		ctx.log("");
		ctx.log("Error model details:");
		ctx.log("  Type: basic");
		ctx.log(String.format(Locale.ROOT, "  Parameters: a = %.5f, b = %.5f", r.errorA(), r.errorB()));
		ctx.log("  Error model formula: σ'² = a²(σ² + (bI)²)");
		ctx.log("");
		StringBuilder sc = new StringBuilder("Scale parameters:");
		for (int i = 0; i < r.scale().length; i++) sc.append(String.format(Locale.ROOT, " %.4f@%.1f°", r.scale()[i], r.scalePhi()[i]));
		ctx.log(sc.toString());
		StringBuilder bc = new StringBuilder("Decay (B) parameters:");
		for (int i = 0; i < r.decay().length; i++) bc.append(String.format(Locale.ROOT, " %.3f@%.1f°", r.decay()[i], r.decayPhi()[i]));
		ctx.log(bc.toString());
		ctx.log(r.nOutliers() + " outliers rejected of " + r.nUsed() + " reflections");
		Observations obs = Observations.fromReflections(r.experiments(), r.reflections());
		MergingStatistics stats = MergingStatistics.compute(obs);
		ctx.log("");
		ctx.log("            -------------Summary of merging statistics--------------           ");
		ctx.log("");
		ctx.log(stats.formatSummary());
		ctx.log(String.format(Locale.ROOT, "Resolution cc_half (0.30, tanh fit): %.2f", ResolutionEstimate.ccHalf(MergingStatistics.compute(obs, 100, 0L), 0.3).dMin()));
		ctx.log("Saving the scaled experiments to " + ctx.params().output().experiments());
		ExperimentListIO.write(r.experiments(), ctx.resolve(ctx.params().output().experiments()));
		ctx.log("Saving the scaled reflections to " + ctx.params().output().reflections());
		ReflectionTableIO.write(r.reflections(), ctx.resolve(ctx.params().output().reflections()));
	}
}

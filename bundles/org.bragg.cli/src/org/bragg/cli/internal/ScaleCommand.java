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

/** {@code bragg scale}: scale one sweep (scale, decay and absorption terms, error model, outliers) as {@code dials.scale}. */
public final class ScaleCommand implements Command<ScaleProgramParameters> {
	@Override public String name() { return "scale"; }
	@Override public String summary() { return "Scale integrated reflections (physical model: scale, decay, absorption), refine the error model"; }
	@Override public Class<ScaleProgramParameters> parameterType() { return ScaleProgramParameters.class; }

	@Override
	public String usage() {
		return """
				Usage: bragg scale symmetrized.expt symmetrized.refl [anomalous=true] [absorption_level=low|medium|high]
				                   [absorption_correction=true|false] [intensity_choice=combine|profile|sum] [d_min=1.6]

				Scales one rotation sweep with DIALS's physical model: scale (smooth in rotation), relative-B decay and
				spherical-harmonic absorption surface (Auto: on for sweeps over 60 degrees), refines the error model sigma'^2 = a^2(sigma^2 + (bI)^2), rejects outliers and prints merging
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
		ctx.log("Scaling model (physical):");
		ctx.log(r.model().summary());
		ctx.log(r.nOutliers() + " outliers rejected of " + r.nUsed() + " reflections");
		Observations obs = Observations.fromReflections(r.experiments(), r.reflections());
		MergingStatistics stats = MergingStatistics.compute(obs);
		ctx.log("");
		ctx.log("            ----------Merging statistics by resolution bin----------           ");
		ctx.log("");
		ctx.log(stats.formatShellTable());
		double dSuggested = ResolutionEstimate.ccHalf(MergingStatistics.compute(obs, 100, 0L), 0.3).dMin();
		ctx.log(String.format(Locale.ROOT, "Resolution limit suggested from CC½ fit (limit CC½=0.3): %.2f", dSuggested));
		MergingStatistics selected = null;
		if (dSuggested > stats.overall().dMin() * (1 + 1e-6)) {
			Observations cut = obs.withDMin(dSuggested);
			if (cut.numGroups() > 0) selected = MergingStatistics.compute(cut);
		}
		ctx.log("");
		ctx.log("            -------------Summary of merging statistics--------------           ");
		ctx.log("");
		ctx.log(stats.formatSummary(selected));
		ctx.log("Saving the scaled experiments to " + ctx.params().output().experiments());
		ExperimentListIO.write(r.experiments(), ctx.resolve(ctx.params().output().experiments()));
		ctx.log("Saving the scaled reflections to " + ctx.params().output().reflections());
		ReflectionTableIO.write(r.reflections(), ctx.resolve(ctx.params().output().reflections()));
	}
}

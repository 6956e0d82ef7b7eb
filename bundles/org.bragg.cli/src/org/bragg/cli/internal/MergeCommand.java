package org.bragg.cli.internal;

import java.nio.file.Path;
import java.util.Locale;

import org.bragg.cli.Command;
import org.bragg.cli.Context;
import org.bragg.export.mtz.MtzWriter;
import org.bragg.io.ExperimentListIO;
import org.bragg.io.ReflectionTableIO;
import org.bragg.model.BraggInputException;
import org.bragg.model.ExperimentList;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.scaling.MergedData;
import org.bragg.scaling.MergedMtz;
import org.bragg.scaling.Merger;
import org.bragg.scaling.MergingStatistics;
import org.bragg.scaling.Observations;
import org.bragg.scaling.ResolutionEstimate;

/** {@code bragg merge}: merge scaled reflections, print merging statistics and write merged.mtz, as {@code dials.merge}. */
public final class MergeCommand implements Command<MergeParameters> {
	@Override public String name() { return "merge"; }
	@Override public String summary() { return "Merge scaled reflections, print merging statistics and write merged.mtz (French-Wilson amplitudes)"; }
	@Override public Class<MergeParameters> parameterType() { return MergeParameters.class; }

	@Override
	public String usage() {
		return """
				Usage: bragg merge scaled.expt scaled.refl [output.mtz=merged.mtz]

				Merges symmetry-equivalent intensities (inverse-variance weighted; inverse_scale_factor applied, 1 if
				absent), prints the merging statistics by resolution shell and the summary table, estimates the resolution
				limit from a tanh fit to CC½, applies French-Wilson and writes IMEAN, I(+/-), F, F(+/-), DANO to merged.mtz.""";
	}

	@Override
	public void run(Context<MergeParameters> ctx) throws Exception {
		Path[] in = RefineCommand.inputs(ctx, "bragg merge");
		if (in[0] == null || in[1] == null) throw new BraggInputException("bragg merge needs an experiment file (.expt) and a reflection file (.refl)");
		ExperimentList el = ExperimentListIO.read(in[0]);
		ReflectionTable refl = ReflectionTableIO.read(in[1]);
		MergeParameters p = ctx.params();
		ctx.log("");
		ctx.log("Merging scaled reflection data");
		ctx.log("");
		ctx.log("Read " + refl.size() + " reflections");
		Observations obs;
		try {
			obs = Observations.fromReflections(el, refl);
		} catch (IllegalArgumentException e) {
			throw new BraggInputException(in[1] + ": " + e.getMessage());
		}
		if (obs.size() == 0) throw new BraggInputException(in[1] + ": no reflections left to merge after filtering (need intensities with variance > 0)");
		ctx.log("Selected " + obs.size() + " reflections");
		MergedData merged = Merger.merge(obs);
		MergingStatistics stats = MergingStatistics.compute(obs, p.nBins(), 0L);
		ctx.log("");
		ctx.log("            ----------Merging statistics by resolution bin----------           ");
		ctx.log("");
		ctx.log(stats.formatShellTable());
		ctx.log("            -------------Summary of merging statistics--------------           ");
		ctx.log("");
		ctx.log(stats.formatSummary());
		ResolutionEstimate.Fit fit = ResolutionEstimate.ccHalf(MergingStatistics.compute(obs, 100, 0L), p.ccHalf());
		ctx.log(String.format(Locale.ROOT, "Resolution cc_half (%.2f, tanh fit): %.2f", p.ccHalf(), fit.dMin()));
		ctx.log("");
		ctx.log("Performing French-Wilson treatment of scaled intensities");
		MergedMtz.Built b = MergedMtz.build(obs, merged, el.get(0).beam().wavelength(), p.output().title());
		ctx.log("Total number of rejected intensities " + b.nRejected());
		b.mtz().history().add("From Bragg, bragg merge");
		ctx.log("Writing reflections to " + p.output().mtz());
		MtzWriter.write(b.mtz(), ctx.resolve(p.output().mtz()));
	}
}

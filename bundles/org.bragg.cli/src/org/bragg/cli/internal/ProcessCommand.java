package org.bragg.cli.internal;

import java.util.List;
import java.util.Locale;

import org.bragg.cli.Command;
import org.bragg.cli.Context;
import org.bragg.io.ExperimentListIO;
import org.bragg.model.BraggInputException;
import org.bragg.model.ExperimentList;
import org.bragg.refinement.BravaisSettings;

/**
 * {@code bragg process}: import → find_spots → index → refine_bravais_settings → reindex → refine →
 * integrate → symmetry → scale → merge → export in one JVM, writing every intermediate file with its
 * DIALS name, as the xia2 DIALS pipeline chains the programs.
 */
public final class ProcessCommand implements Command<ProcessParameters> {
	@Override public String name() { return "process"; }
	@Override public String summary() { return "Run the whole pipeline from images to merged.mtz and scaled.mtz"; }
	@Override public Class<ProcessParameters> parameterType() { return ProcessParameters.class; }

	@Override
	public String usage() {
		return """
				Usage: bragg process <images | template_####.cbf | directory> [step.parameter=value …] [params.phil]

				Runs import, find_spots, index, refine_bravais_settings (taking the recommended solution of highest
				symmetry), reindex, refine (static, then scan-varying), integrate, symmetry, scale, merge and export,
				writing imported.expt, strong.refl, indexed.*, bravais_setting_N.expt, reindexed.refl, refined.*,
				integrated.*, symmetrized.*, scaled.*, merged.mtz and scaled.mtz. It stops with a clear message at the
				first step that fails; earlier outputs stay. Parameters of each step live in a scope named after the
				program and can be given by unique suffix, e.g. dispersion.gain=3 or
				refine.refinement.parameterisation.detector.fix_list=Dist,Tau2,Tau3.
				Stills are indexed, refined and integrated; then it stops with exit status 1 because stills merging is
				not implemented yet (the integrated.* files are written).""";
	}

	private int step;

	private <P extends Record> void run(Context<?> ctx, Command<P> cmd, P params, String... inputs) throws Exception {
		step++;
		ctx.log("");
		ctx.log("=".repeat(80));
		ctx.log(String.format(Locale.ROOT, "Step %d: %s %s", step, cmd.name(), String.join(" ", inputs)));
		ctx.log("=".repeat(80));
		long t0 = System.nanoTime();
		Context<P> sub = new Context<>(params, List.of(inputs), ctx.workingDirectory(), ctx.out(), ctx.progress(), ctx.formats(), ctx.nproc());
		try {
			cmd.run(sub);
		} catch (BraggInputException e) {
			throw new BraggInputException(cmd.name() + " failed: " + e.getMessage(), e);
		}
		ctx.log(String.format(Locale.ROOT, "%s took %.1f s", cmd.name(), (System.nanoTime() - t0) / 1e9));
	}

	@Override
	public void run(Context<ProcessParameters> ctx) throws Exception {
		if (ctx.inputs().isEmpty()) throw new BraggInputException("bragg process needs images: files, a template with # or a directory");
		ProcessParameters p = ctx.params();
		long t0 = System.nanoTime();
		run(ctx, new ImportCommand(), p.importStep(), ctx.inputs().toArray(String[]::new));
		ExperimentList imported = ExperimentListIO.read(ctx.resolve(p.importStep().output().experiments()));
		String expt = p.importStep().output().experiments().toString();
		run(ctx, new FindSpotsCommand(), p.findSpots(), expt);
		String strong = p.findSpots().output().reflections().toString();
		run(ctx, new IndexCommand(), p.index(), expt, strong);
		String indexedExpt = p.index().output().experiments().toString(), indexedRefl = p.index().output().reflections().toString();
		boolean stills = imported.asList().stream().allMatch(e -> e.scan() == null || e.scan().isStill());
		if (stills) {
			// stills: refine (X, Y, delta psi) in the indexed setting, integrate each still, then stop before
			// symmetry/scaling: stills merging is not implemented yet
			run(ctx, new RefineCommand(), p.refine(), indexedExpt, indexedRefl);
			String refinedExpt = p.refine().output().experiments().toString(), refinedRefl = p.refine().output().reflections().toString();
			run(ctx, new IntegrateCommand(), p.integrate(), refinedExpt, refinedRefl);
			String intExpt = p.integrate().output().experiments().toString(), intRefl = p.integrate().output().reflections().toString();
			ctx.log("");
			ctx.log(String.format(Locale.ROOT, "bragg process stopped after %.1f s: the stills are indexed, refined and integrated (%s, %s)",
					(System.nanoTime() - t0) / 1e9, intExpt, intRefl));
			throw new BraggInputException("stills merging is not implemented yet: the stills are integrated (" + intExpt + ", " + intRefl
					+ "); symmetry, scaling and merging of stills are not available in this version, so bragg process stops here");
		}
		step++;
		ctx.log("");
		ctx.log("=".repeat(80));
		ctx.log(String.format(Locale.ROOT, "Step %d: refine_bravais_settings %s %s", step, indexedExpt, indexedRefl));
		ctx.log("=".repeat(80));
		List<BravaisSettings.Solution> sols;
		try {
			sols = RefineBravaisSettingsCommand.execute(new Context<>(p.refineBravaisSettings(), List.of(indexedExpt, indexedRefl),
					ctx.workingDirectory(), ctx.out(), ctx.progress(), ctx.formats(), ctx.nproc()));
		} catch (BraggInputException e) {
			throw new BraggInputException("refine_bravais_settings failed: " + e.getMessage(), e);
		}
		BravaisSettings.Solution best = null;
		for (BravaisSettings.Solution s : sols)
			if (s.recommended() && s.experiments() != null && (best == null || s.settingNumber() > best.settingNumber())) best = s;
		if (best == null) throw new BraggInputException("refine_bravais_settings recommended no solution; run the steps by hand from " + indexedExpt);
		ctx.log(String.format(Locale.ROOT, "Taking solution %d (%s, %s), change of basis %s", best.settingNumber(), best.bravais(),
				String.format(Locale.ROOT, "%.3f %.3f %.3f %.2f %.2f %.2f", best.unitCell()[0], best.unitCell()[1], best.unitCell()[2],
						best.unitCell()[3], best.unitCell()[4], best.unitCell()[5]), best.cbOp()));
		ReindexParameters rp = ReindexParameters.defaults().withChangeOfBasisOp(best.cbOp().toString());
		run(ctx, new ReindexCommand(), rp, indexedRefl);
		run(ctx, new RefineCommand(), p.refine(), "bravais_setting_" + best.settingNumber() + ".expt", rp.output().reflections().toString());
		run(ctx, new IntegrateCommand(), p.integrate(), p.refine().output().experiments().toString(), p.refine().output().reflections().toString());
		run(ctx, new SymmetryCommand(), p.symmetry(), p.integrate().output().experiments().toString(), p.integrate().output().reflections().toString());
		run(ctx, new ScaleCommand(), p.scale(), p.symmetry().output().experiments().toString(), p.symmetry().output().reflections().toString());
		String scaledExpt = p.scale().output().experiments().toString(), scaledRefl = p.scale().output().reflections().toString();
		run(ctx, new MergeCommand(), p.merge(), scaledExpt, scaledRefl);
		run(ctx, new ExportCommand(), p.export(), scaledExpt, scaledRefl);
		ctx.log("");
		ctx.log(String.format(Locale.ROOT, "bragg process finished in %.1f s: merged.mtz (merged) and scaled.mtz (unmerged)", (System.nanoTime() - t0) / 1e9));
	}
}

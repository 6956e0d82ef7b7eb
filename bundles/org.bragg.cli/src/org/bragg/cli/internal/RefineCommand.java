package org.bragg.cli.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.bragg.cli.Command;
import org.bragg.cli.Context;
import org.bragg.io.AtomicOutput;
import org.bragg.io.ExperimentListIO;
import org.bragg.io.ReflectionTableIO;
import org.bragg.model.BraggInputException;
import org.bragg.model.ExperimentList;
import org.bragg.model.reflection.ReflectionFlag;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.refinement.CorrelationPlots;
import org.bragg.refinement.RefinementParameters;
import org.bragg.refinement.RefinementResult;
import org.bragg.refinement.Refiner;
import org.bragg.refinement.RmsdStep;

/** {@code bragg refine}: geometry refinement as {@code dials.refine} → refined.expt, refined.refl. */
public final class RefineCommand implements Command<RefineProgramParameters> {
	@Override public String name() { return "refine"; }
	@Override public String summary() { return "Refine the diffraction geometry against indexed reflections (static, then scan-varying)"; }
	@Override public Class<RefineProgramParameters> parameterType() { return RefineProgramParameters.class; }

	@Override
	public String usage() {
		return """
				Usage: bragg refine indexed.expt indexed.refl [scan_varying=False/True/Auto] [name=value …]

				Refines the beam, crystal orientation and unit cell, and detector (goniometer optional) against the
				observed centroids, as dials.refine: static refinement, then (scan_varying=Auto, rotation data) a
				scan-varying macrocycle of the crystal. Writes refined.expt and refined.refl.
				Example: bragg refine indexed.expt indexed.refl detector.fix_list=Dist,Tau2,Tau3 beam.force_static=False""";
	}

	static Path[] inputs(Context<?> ctx, String program) throws BraggInputException {
		Path expt = null, refl = null;
		for (String in : ctx.inputs()) {
			if (in.endsWith(".expt") || in.endsWith(".json")) {
				if (expt != null) throw new BraggInputException(program + " reads one experiment file, found " + expt + " and " + in);
				expt = ctx.resolve(Path.of(in));
			} else if (in.endsWith(".refl") || in.endsWith(".pickle")) {
				if (refl != null) throw new BraggInputException("Only one reflections list can be imported at present (found " + refl + " and " + in + ")");
				refl = ctx.resolve(Path.of(in));
			} else throw new BraggInputException(in + ": expected an experiment file (.expt) or a reflection file (.refl)");
		}
		return new Path[] { expt, refl };
	}

	@Override
	public void run(Context<RefineProgramParameters> ctx) throws Exception {
		Path[] in = inputs(ctx, "bragg refine");
		if (in[0] == null || in[1] == null) throw new BraggInputException("bragg refine needs an experiment file (.expt) and a reflection file (.refl)");
		ExperimentList el = ExperimentListIO.read(in[0]);
		ReflectionTable refl = ReflectionTableIO.read(in[1]);
		RefineProgramParameters p = ctx.params();
		RefinementParameters rp = p.refinement();
		if (p.output().correlationPlot().filename().isPresent())
			rp = rp.withRefinery(rp.refinery().withJournal(rp.refinery().journal().withTrackParameterCorrelation(true)));
		List<RmsdStep> history = new ArrayList<>();
		RefinementResult r;
		Optional<Boolean> sv = rp.parameterisation().scanVaryingChoice();
		if (p.nStaticMacrocycles() > 1) {
			RefinementParameters st = rp.withParameterisation(rp.parameterisation().withScanVarying(Optional.of(false)));
			r = null;
			for (int i = 0; i < p.nStaticMacrocycles(); i++) {
				ctx.log("");
				ctx.log("Static refinement macrocycle " + (i + 1));
				r = Refiner.refine(r == null ? el : r.experiments(), r == null ? refl : r.reflections(), st, ctx.progress(), ctx::log);
				history.addAll(r.history());
			}
			if (sv.isEmpty() && !r.experiments().get(0).isStill()) {
				ctx.log("");
				ctx.log("Scan-varying refinement");
				r = Refiner.refine(r.experiments(), r.reflections(), rp.withParameterisation(rp.parameterisation().withScanVarying(Optional.of(true))),
						ctx.progress(), ctx::log);
				history.addAll(r.history());
			}
		} else {
			r = Refiner.refine(el, refl, rp, ctx.progress(), ctx::log);
			history.addAll(r.history());
		}
		ExperimentList out = r.experiments();
		if (out.size() > 0 && out.get(0).crystal() != null && out.asList().stream().map(e -> e.crystal()).distinct().count() == 1) {
			double[] c = out.get(0).crystal().unitCellParameters();
			ctx.log("");
			ctx.log("Final refined crystal model:");
			ctx.log(String.format(Locale.ROOT, "    Unit cell: %.4f, %.4f, %.4f, %.3f, %.3f, %.3f", c[0], c[1], c[2], c[3], c[4], c[5]));
			ctx.log("    Space group: " + org.bragg.model.symmetry.SpaceGroup.fromHall(out.get(0).crystal().spaceGroupHall()).hermannMauguin());
			if (out.get(0).crystal().isScanVarying()) ctx.log("    A sampled at " + out.get(0).crystal().aAtScanPoints().size() + " scan points");
		}
		var pf = p.output().correlationPlot().filename();
		if (pf.isPresent()) {
			for (Path f : CorrelationPlots.write(r.diagnostics().correlations(), ctx.resolve(pf.get()), p.output().correlationPlot().colSelect()))
				ctx.log("Saving parameter correlation plot to " + ctx.workingDirectory().relativize(f.toAbsolutePath()));
		}
		if (p.output().history().isPresent()) {
			Path h = ctx.resolve(p.output().history().get());
			ctx.log("Saving refinement step history to " + p.output().history().get());
			StringBuilder b = new StringBuilder("{\"data\": {\"macrocycle\": [");
			for (int i = 0; i < history.size(); i++) b.append(i > 0 ? ", " : "").append(history.get(i).macrocycle());
			b.append("], \"num_reflections\": [");
			for (int i = 0; i < history.size(); i++) b.append(i > 0 ? ", " : "").append(history.get(i).nref());
			b.append("], \"rmsd\": [");
			for (int i = 0; i < history.size(); i++) {
				RmsdStep s = history.get(i);
				b.append(i > 0 ? ", " : "").append('[').append(s.rmsdX()).append(", ").append(s.rmsdY()).append(", ").append(s.rmsdZ()).append(']');
			}
			b.append("], \"objective\": [");
			for (int i = 0; i < history.size(); i++) b.append(i > 0 ? ", " : "").append(history.get(i).objective());
			b.append("], \"condition_number\": [");
			for (int i = 0; i < history.size(); i++) {
				double c = history.get(i).conditionNumber();
				b.append(i > 0 ? ", " : "").append(Double.isFinite(c) ? Double.toString(c) : "null");
			}
			b.append("], \"parameter_vector\": [");
			for (int i = 0; i < history.size(); i++) {
				double[] v = history.get(i).parameterVector();
				b.append(i > 0 ? ", " : "").append('[');
				for (int k = 0; k < v.length; k++) b.append(k > 0 ? ", " : "").append(Double.isFinite(v[k]) ? Double.toString(v[k]) : "null");
				b.append(']');
			}
			b.append("], \"parameter_names\": [");
			for (int i = 0; i < history.size(); i++) {
				List<String> names = history.get(i).parameterNames();
				b.append(i > 0 ? ", " : "").append('[');
				for (int k = 0; k < names.size(); k++) b.append(k > 0 ? ", " : "").append('"').append(names.get(k).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
				b.append(']');
			}
			List<String> lastNames = history.isEmpty() ? List.of() : history.get(history.size() - 1).parameterNames();
			b.append("]}, \"attributes\": {\"reason_for_termination\": \"").append(r.diagnostics().terminationReason()).append("\", \"parameter_names\": [");
			for (int k = 0; k < lastNames.size(); k++) b.append(k > 0 ? ", " : "").append('"').append(lastNames.get(k).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
			b.append("]}}\n");
			AtomicOutput.write(h, o -> o.write(b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		}
		ctx.log("Saving refined experiments to " + p.output().experiments());
		ExperimentListIO.write(out, ctx.resolve(p.output().experiments()));
		ReflectionTable rr = r.reflections();
		if (!p.output().includeUnusedReflections()) rr = rr.select(rr.selectFlags(ReflectionFlag.USED_IN_REFINEMENT.mask()));
		ctx.log("Saving reflections with updated predictions to " + p.output().reflections());
		ReflectionTableIO.write(rr, ctx.resolve(p.output().reflections()));
		if (!Files.exists(ctx.resolve(p.output().experiments()))) throw new IllegalStateException("refined experiments were not written");
	}
}

package org.bragg.cli.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bragg.cli.Command;
import org.bragg.cli.Context;
import org.bragg.io.AtomicOutput;
import org.bragg.io.ExperimentListIO;
import org.bragg.io.ReflectionTableIO;
import org.bragg.model.BraggInputException;
import org.bragg.model.ExperimentList;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.report.HtmlReport;
import org.bragg.report.RefinementRun;

/** {@code bragg report}: an HTML report with plots of the processing results, as {@code dials.report}. */
public final class ReportCommand implements Command<ReportParameters> {
	@Override public String name() { return "report"; }
	@Override public String summary() { return "Write an HTML report (bragg.report.html) with plots of spot finding, refinement, integration and scaling"; }
	@Override public Class<ReportParameters> parameterType() { return ReportParameters.class; }

	@Override
	public String usage() {
		return """
				Usage: bragg report experiments.expt reflections.refl [output.html=bragg.report.html] [output.plots=false]
				                    [refinement.history=history.json] [refinement.correlation=corr.json]

				Writes a self-contained HTML page with PNG plots (JFreeChart) of what the files hold: spots per image,
				centroid RMSDs per image, the scan-varying unit cell, <I/sigma> against resolution and the I/sigma
				histogram, inverse scale factors against rotation, the scaling model smoothers and, for scaled data,
				CC1/2, completeness, multiplicity and Rmerge against resolution. With the files of
				bragg refine output.history=... output.correlation_plot.filename=..., the RMSDs and condition number per
				step and the corrgrams. output.plots=true also saves each plot as PNG and SVG.""";
	}

	@Override
	public void run(Context<ReportParameters> ctx) throws Exception {
		if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
		Path[] in = RefineCommand.inputs(ctx, "bragg report");
		if (in[0] == null || in[1] == null) throw new BraggInputException("bragg report needs an experiment file (.expt) and a reflection file (.refl)");
		ExperimentList el = ExperimentListIO.read(in[0]);
		if (el.isEmpty()) throw new BraggInputException(in[0] + ": no experiments");
		ReflectionTable refl = ReflectionTableIO.read(in[1]);
		ctx.log("Read " + el.size() + " experiment(s) and " + refl.size() + " reflections");
		List<RefinementRun> runs = new ArrayList<>();
		ReportParameters.Refinement rp = ctx.params().refinement();
		if (rp.history().isPresent())
			runs.add(RefinementRun.read("refinement", ctx.resolve(rp.history().get()), rp.correlation().map(ctx::resolve).orElse(null)));
		else if (rp.correlation().isPresent()) throw new BraggInputException("refinement.correlation needs refinement.history as well");
		HtmlReport r = HtmlReport.create(el, refl, "Bragg report: " + in[0].getFileName() + ", " + in[1].getFileName(), runs);
		Path html = ctx.resolve(ctx.params().output().html());
		byte[] page = r.html().getBytes(StandardCharsets.UTF_8);
		AtomicOutput.write(html, o -> o.write(page));
		List<HtmlReport.Plot> plots = r.plots();
		for (HtmlReport.Plot p : plots) ctx.log("  plot: " + p.section() + " / " + p.title());
		for (String n : r.notes()) ctx.log("  not shown: " + n);
		if (ctx.params().output().plots()) {
			String base = html.getFileName().toString().replaceFirst("\\.html?$", "");
			for (int k = 0; k < plots.size(); k++) {
				HtmlReport.Plot p = plots.get(k);
				AtomicOutput.write(html.resolveSibling(String.format(Locale.ROOT, "%s_plot%02d.png", base, k)), o -> o.write(p.png()));
				byte[] svg = p.svg().getBytes(StandardCharsets.UTF_8);
				AtomicOutput.write(html.resolveSibling(String.format(Locale.ROOT, "%s_plot%02d.svg", base, k)), o -> o.write(svg));
			}
		}
		ctx.log("Writing HTML report to " + html + " (" + plots.size() + " plots)");
	}
}

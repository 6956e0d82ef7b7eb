package org.bragg.ui.diagnostics.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bragg.model.Experiment;
import org.bragg.refinement.Diagnostics.CorrelationMatrix;
import org.bragg.report.RefinementCharts;
import org.bragg.report.RefinementRun;
import org.bragg.report.ScanVaryingCharts;
import org.bragg.ui.diagnostics.DiagnosticsFiles;
import org.bragg.ui.diagnostics.LiveRefinement;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.RowData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.bragg.ui.imageviewer.DataSession;
import org.eclipse.e4.core.di.annotations.Optional;
import org.jfree.chart.JFreeChart;

import jakarta.inject.Inject;

/**
 * The refinement diagnostics view: RMSD and condition number per step of each recorded refinement run (several
 * runs, e.g. with and without {@code detector.fix_list=Dist,Tau2,Tau3}, share the condition-number chart),
 * corrgrams of the X, Y and φ blocks from the engine's Jacobians, centroid residuals of {@code refined.refl},
 * parameter values, ESDs and the parameters not refined, and the scan-varying model of {@code refined.expt}.
 */
public class RefinementDiagnosticsPart extends DiagnosticsPart {
	/** View id in {@code plugin.xml}. */
	public static final String ID = "org.bragg.ui.diagnostics.refinement";

	@Inject
	public RefinementDiagnosticsPart(@Optional DataSession session) {
		super(session);
	}

	@Override protected String viewName() { return "Refinement diagnostics"; }

	/** Runs refined in this view (label → run), for the directory they were made from. */
	private final List<RefinementRun> live = new java.util.concurrent.CopyOnWriteArrayList<>();
	private volatile Path liveDir;

	@Override
	protected void createToolbar(Composite bar) {
		new Label(bar, SWT.NONE).setText("Refine refined.expt with");
		Text phil = new Text(bar, SWT.BORDER);
		phil.setText("detector.fix_list=Dist,Tau2,Tau3");
		phil.setLayoutData(new RowData(260, SWT.DEFAULT));
		Button go = new Button(bar, SWT.PUSH);
		go.setText("Refine and compare");
		go.setToolTipText("Static refinement of refined.expt/refined.refl in the shown folder, with and without these parameters; "
				+ "condition numbers, corrgrams and parameters are added to the view");
		go.addListener(SWT.Selection, e -> {
			Path dir = shownDirectory();
			if (dir == null) return;
			List<String> args = List.of(phil.getText().trim().split("\\s+"));
			status("Refining " + dir.resolve("refined.expt") + " with " + args + " …");
			Job.create("Refine and compare", m -> {
				try {
					compare(dir, args);
					bar.getDisplay().asyncExec(() -> { try { loadNow(dir); } catch (Exception ex) { status(ex.getMessage()); } });
				} catch (Exception ex) {
					bar.getDisplay().asyncExec(() -> status("Refinement failed: " + ex.getMessage()));
				}
			}).schedule();
		});
	}

	/**
	 * Refines {@code refined.expt}/{@code refined.refl} of {@code dir} statically with {@code phil} and, unless
	 * already done, with all parameters free; the runs are shown with the recorded ones from then on.
	 *
	 * @return the runs added (the free one first if it was added)
	 */
	public List<RefinementRun> compare(Path dir, List<String> phil) throws Exception {
		DiagnosticsFiles.Results r = DiagnosticsFiles.results(dir, "refined");
		if (r == null) throw new org.bragg.model.BraggInputException(dir + ": no refined.expt and refined.refl to refine");
		if (!dir.equals(liveDir)) { live.clear(); liveDir = dir; }
		List<RefinementRun> added = new ArrayList<>();
		if (live.stream().noneMatch(x -> x.label().equals("live: all free"))) added.add(LiveRefinement.refine(r.experiments(), r.reflections(), List.of(), "live: all free", null));
		added.add(LiveRefinement.refine(r.experiments(), r.reflections(), phil, "live: " + String.join(" ", phil), null));
		live.addAll(added);
		return added;
	}

	@Override
	protected Content build(Path dir) throws Exception {
		DiagnosticsFiles.Results r = DiagnosticsFiles.results(dir, "refined");
		List<RefinementRun> runs = new ArrayList<>(DiagnosticsFiles.refinementRuns(dir));
		if (dir.equals(liveDir)) runs.addAll(live);
		if (r == null && runs.isEmpty()) return null;
		Experiment e = r == null ? null : r.experiments().get(0);
		double[] px = e == null || e.detector() == null ? new double[] { 0.172, 0.172 } : e.detector().panel(0).pixelSize();
		double osc = e == null || e.isStill() ? 0 : e.scan().oscillationWidth();
		List<Tab> tabs = new ArrayList<>();
		StringBuilder title = new StringBuilder("Refinement: " + dir);
		if (!runs.isEmpty()) {
			List<JFreeChart> steps = new ArrayList<>();
			steps.add(RefinementCharts.conditionNumbers(runs));
			for (RefinementRun run : runs) steps.add(RefinementCharts.rmsdPerStep(run, px, osc));
			tabs.add(Tab.charts("Steps", steps));
			List<JFreeChart> corr = new ArrayList<>();
			for (RefinementRun run : runs)
				for (CorrelationMatrix m : run.correlations())
					corr.add(RefinementCharts.corrgram(m, "Correlations, " + m.block() + " residuals (" + run.label() + ")"));
			if (!corr.isEmpty()) tabs.add(Tab.charts("Corrgrams", corr));
			for (RefinementRun run : runs)
				title.append(String.format(Locale.ROOT, " | %s: condition number %.3g", run.label(), run.finalConditionNumber()));
		}
		if (r != null) {
			double[][] res = RefinementCharts.residuals(r.reflections());
			if (res[0].length > 0) {
				List<JFreeChart> rc = new ArrayList<>();
				int first = e.isStill() ? 1 : e.scan().firstImage();
				for (int k = 0; k < 3; k++) rc.add(RefinementCharts.residualHistogram(res, k));
				for (int k = 0; k < 3; k++) rc.add(RefinementCharts.residualsVsFrame(res, k, first));
				rc.add(RefinementCharts.residualsVsPosition(res));
				tabs.add(Tab.charts("Residuals", rc));
			}
		}
		if (!runs.isEmpty()) {
			List<String[]> rows = new ArrayList<>();
			StringBuilder text = new StringBuilder();
			for (RefinementRun run : runs) {
				double[] v = run.parameterValues(), s = run.parameterEsds(), d = run.parameterShifts();
				List<String> names = run.parameterNames();
				for (int i = 0; i < names.size(); i++)
					rows.add(new String[] { run.label(), names.get(i), i < v.length ? String.format(Locale.ROOT, "%.5f", v[i]) : "(not in the history file)",
							i < s.length ? String.format(Locale.ROOT, "%.5f", s[i]) : "", i < d.length ? String.format(Locale.ROOT, "%+.5f", d[i]) : "" });
				text.append(String.format(Locale.ROOT, "%s: %d free parameters; not refined: %s; final condition number %.4g; %s%n", run.label(), names.size(),
						run.fixedParameters().isEmpty() ? "none" : String.join(", ", run.fixedParameters()), run.finalConditionNumber(), run.terminationReason()));
			}
			tabs.add(new Tab("Parameters", null, new String[] { "run", "parameter", "value", "ESD", "shift (final macrocycle)" }, rows, text.toString()));
		}
		if (e != null) {
			List<JFreeChart> sv = new ArrayList<>();
			for (ScanVaryingCharts.Named n : ScanVaryingCharts.charts(e)) sv.add(n.chart());
			if (!sv.isEmpty()) tabs.add(Tab.charts("Scan-varying model", sv));
		}
		return new Content(title.toString(), tabs);
	}
}

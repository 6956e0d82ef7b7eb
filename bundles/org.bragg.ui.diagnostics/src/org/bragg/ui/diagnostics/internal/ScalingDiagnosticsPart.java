package org.bragg.ui.diagnostics.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.bragg.model.BraggInputException;
import org.bragg.model.Experiment;
import org.bragg.report.ScalingCharts;
import org.bragg.report.ScalingCharts.Statistic;
import org.bragg.scaling.MergingStatistics;
import org.bragg.scaling.Observations;
import org.bragg.scaling.PhysicalModel;
import org.bragg.scaling.ResolutionEstimate;
import org.bragg.ui.diagnostics.DiagnosticsFiles;
import org.bragg.ui.imageviewer.DataSession;
import org.eclipse.e4.core.di.annotations.Optional;
import org.jfree.chart.JFreeChart;

import jakarta.inject.Inject;

/**
 * The scaling diagnostics view of {@code scaled.expt/.refl}: the physical model's scale and B against rotation and
 * its absorption surface, the error-model normal probability plot, CC½, completeness, multiplicity, ⟨I/σ⟩, Rmerge
 * and anomalous statistics against resolution with the CC½ (0.3) resolution estimate marked, and the shell table.
 */
public class ScalingDiagnosticsPart extends DiagnosticsPart {
	/** View id in {@code plugin.xml}. */
	public static final String ID = "org.bragg.ui.diagnostics.scaling";

	@Inject
	public ScalingDiagnosticsPart(@Optional DataSession session) {
		super(session);
	}

	@Override protected String viewName() { return "Scaling diagnostics"; }

	@Override
	protected Content build(Path dir) throws Exception {
		DiagnosticsFiles.Results r = DiagnosticsFiles.results(dir, "scaled");
		if (r == null) return null;
		Experiment e = r.experiments().get(0);
		List<Tab> tabs = new ArrayList<>();
		String note = "";
		PhysicalModel m = null;
		if (e.scalingModel() != null && !e.scalingModel().isEmpty()) {
			try {
				m = PhysicalModel.of(e);
			} catch (BraggInputException ex) {
				note = "; scaling model not shown: " + ex.getMessage();
			}
		}
		if (m != null) {
			List<JFreeChart> mc = new ArrayList<>(List.of(ScalingCharts.scaleVsRotation(m)));
			mc.add(ScalingCharts.bVsRotation(m));
			mc.add(ScalingCharts.absorptionSurface(m));
			mc.removeIf(Objects::isNull);
			tabs.add(Tab.charts("Scaling model", mc));
		}
		Observations obs = Observations.fromReflections(r.experiments(), r.reflections());
		MergingStatistics ms = MergingStatistics.compute(obs, 20, 0L);
		ResolutionEstimate.Fit fit = ResolutionEstimate.ccHalf(ms, 0.3);
		List<JFreeChart> mg = new ArrayList<>();
		for (Statistic s : new Statistic[] { Statistic.CC_HALF, Statistic.I_OVER_SIGMA, Statistic.COMPLETENESS, Statistic.MULTIPLICITY, Statistic.R_MERGE })
			mg.add(ScalingCharts.merging(ms, s, fit));
		tabs.add(Tab.charts("Merging statistics", mg));
		List<JFreeChart> other = new ArrayList<>();
		other.add(ScalingCharts.normalProbabilityPlot(obs));
		other.add(ScalingCharts.merging(ms, Statistic.ANOMALOUS, fit));
		other.removeIf(Objects::isNull);
		tabs.add(Tab.charts("Error model and anomalous", other));
		tabs.add(Tab.text("Table", ms.formatSummary() + "\n\n" + ms.formatShellTable()));
		return new Content(String.format(Locale.ROOT, "Scaling: %s (%d observations; CC½ = 0.3 at %.2f Å)%s", r.experimentsFile(), obs.size(), fit.dMin(), note), tabs);
	}
}

package org.bragg.ui.diagnostics.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.bragg.report.IntegrationCharts;
import org.bragg.ui.diagnostics.DiagnosticsFiles;
import org.bragg.ui.imageviewer.DataSession;
import org.eclipse.e4.core.di.annotations.Optional;
import org.jfree.chart.JFreeChart;

import jakarta.inject.Inject;

/**
 * The integration diagnostics view of {@code integrated.expt/.refl}: ⟨I/σ⟩ (sum, prf) and CC prf against
 * resolution, σ_b and σ_m, the partiality histogram and integrated reflections per image.
 */
public class IntegrationDiagnosticsPart extends DiagnosticsPart {
	/** View id in {@code plugin.xml}. */
	public static final String ID = "org.bragg.ui.diagnostics.integration";

	@Inject
	public IntegrationDiagnosticsPart(@Optional DataSession session) {
		super(session);
	}

	@Override protected String viewName() { return "Integration diagnostics"; }

	@Override
	protected Content build(Path dir) throws Exception {
		DiagnosticsFiles.Results r = DiagnosticsFiles.results(dir, "integrated");
		if (r == null) return null;
		var t = r.reflections();
		int first = r.experiments().get(0).isStill() ? 1 : r.experiments().get(0).scan().firstImage();
		List<JFreeChart> res = new ArrayList<>(), prof = new ArrayList<>();
		res.add(IntegrationCharts.iOverSigmaVsResolution(t));
		res.add(IntegrationCharts.ccPrfVsResolution(t));
		prof.add(IntegrationCharts.profileModel(r.experiments()));
		prof.add(IntegrationCharts.partialityHistogram(t));
		prof.add(IntegrationCharts.countsPerFrame(t, first));
		res.removeIf(Objects::isNull);
		prof.removeIf(Objects::isNull);
		return new Content("Integration: " + r.experimentsFile() + " (" + t.size() + " reflections)",
				List.of(Tab.charts("Resolution", res), Tab.charts("Profiles and counts", prof)));
	}
}

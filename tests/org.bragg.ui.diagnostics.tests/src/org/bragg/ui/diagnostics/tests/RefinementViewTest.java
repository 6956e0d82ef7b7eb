package org.bragg.ui.diagnostics.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bragg.report.RefinementCharts;
import org.bragg.report.RefinementRun;
import org.bragg.ui.diagnostics.ChartCanvas;
import org.bragg.ui.diagnostics.DiagnosticsFiles;
import org.bragg.ui.diagnostics.internal.DiagnosticsPart;
import org.bragg.ui.diagnostics.internal.RefinementDiagnosticsPart;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The refinement diagnostics view on the processed ED sweep (sim_ed_1hpv_p61) and X-ray sweep (sim_xray_1a8o_p43212),
 * each refined twice (all parameters free; {@code detector.fix_list=Dist,Tau2,Tau3}): corrgram circles have the
 * colour of the correlations that {@code bragg refine} recorded, the ED condition number drops by orders of
 * magnitude when distance and tilts are fixed, and every tab renders (screenshots in target/screenshots).
 */
class RefinementViewTest {
	Display display;
	Shell shell;

	@BeforeEach
	void open() {
		display = Display.getDefault();
		shell = new Shell(display);
		shell.setLayout(new FillLayout());
		shell.setSize(1400, 950);
		shell.setLocation(0, 0);
		shell.open();
	}

	@AfterEach
	void close() {
		if (shell != null && !shell.isDisposed()) shell.dispose();
	}

	@Test
	void electronDiffractionConditionNumbers() throws Exception {
		Path dir = Processed.dataset("sim_ed_1hpv_p61", "dispersion.gain=3");
		RefinementDiagnosticsPart part = new RefinementDiagnosticsPart(null);
		part.createControls(shell);
		DiagnosticsPart.Content c = part.loadNow(dir);
		assertNotNull(c);
		List<String> tabs = c.tabs().stream().map(DiagnosticsPart.Tab::name).toList();
		assertEquals(List.of("Steps", "Corrgrams", "Residuals", "Parameters", "Scan-varying model"), tabs);
		List<RefinementRun> runs = DiagnosticsFiles.refinementRuns(dir);
		RefinementRun fixed = runs.stream().filter(r -> r.label().equals("fixed")).findFirst().orElseThrow();
		RefinementRun free = runs.stream().filter(r -> r.label().equals("free")).findFirst().orElseThrow();
		// the recorded condition numbers (not re-computed) are what the header and the chart show
		double kFree = free.finalConditionNumber(), kFixed = fixed.finalConditionNumber();
		assertEquals(kFree, lastFinite(dir.resolve("free_history.json")), 1e-9 * kFree);
		assertTrue(c.title().contains(String.format(Locale.ROOT, "free: condition number %.3g", kFree)), c.title());
		assertTrue(c.title().contains(String.format(Locale.ROOT, "fixed: condition number %.3g", kFixed)), c.title());
		System.out.printf(Locale.ROOT, "ED condition number: all free %.4g, Dist,Tau2,Tau3 fixed %.4g, ratio %.1f%n", kFree, kFixed, kFree / kFixed);
		assertTrue(kFree / kFixed > 10, "fixing Dist, Tau2, Tau3 lowers the condition number by more than a factor 10: " + kFree + " -> " + kFixed);
		assertTrue(fixed.fixedParameters().containsAll(List.of("Detector1Dist", "Detector1Tau2", "Detector1Tau3")), fixed.fixedParameters().toString());
		assertFalse(free.fixedParameters().contains("Detector1Dist"), free.fixedParameters().toString());
		assertTrue(free.parameterNames().stream().anyMatch(n -> n.endsWith("Dist")), free.parameterNames().toString());
		assertFalse(fixed.parameterNames().stream().anyMatch(n -> n.endsWith("Dist") || n.endsWith("Tau2") || n.endsWith("Tau3")), fixed.parameterNames().toString());
		checkCorrgramColours(part, dir, tabs.indexOf("Corrgrams"));
		// the same comparison run live in the view: identical numbers to the recorded runs, plus values and ESDs
		List<RefinementRun> live = part.compare(dir, List.of("detector.fix_list=Dist,Tau2,Tau3"));
		assertEquals(2, live.size());
		assertEquals(kFree, live.get(0).finalConditionNumber(), 1e-6 * kFree, "live all free");
		assertEquals(kFixed, live.get(1).finalConditionNumber(), 1e-6 * kFixed, "live fixed");
		assertEquals(fixed.parameterNames(), live.get(1).parameterNames());
		double[] esd = live.get(1).parameterEsds();
		assertEquals(fixed.parameterNames().size(), esd.length);
		for (double v : esd) assertTrue(v > 0 && Double.isFinite(v), "ESD " + v);
		c = part.loadNow(dir);
		assertTrue(c.title().contains("live: detector.fix_list=Dist,Tau2,Tau3: condition number"), c.title());
		screenshots(part, "refinement_ed");
	}

	@Test
	void xrayCorrgramsAndScanVaryingModel() throws Exception {
		Path dir = Processed.dataset("sim_xray_1a8o_p43212");
		RefinementDiagnosticsPart part = new RefinementDiagnosticsPart(null);
		part.createControls(shell);
		DiagnosticsPart.Content c = part.loadNow(dir);
		List<String> tabs = c.tabs().stream().map(DiagnosticsPart.Tab::name).toList();
		assertTrue(tabs.contains("Scan-varying model"), tabs.toString());
		// scan-varying cell: 4 charts (lengths, angles, volume, orientation); 60 images -> 61 scan points
		assertEquals(4, c.tabs().get(tabs.indexOf("Scan-varying model")).charts().size());
		XYPlot cell = (XYPlot) ((org.jfree.chart.plot.CombinedDomainXYPlot) c.tabs().get(tabs.indexOf("Scan-varying model")).charts().get(0).getPlot())
				.getSubplots().get(0);
		assertEquals(61, cell.getDataset().getItemCount(0));
		double a0 = cell.getDataset().getYValue(0, 30);
		assertEquals(41.98, a0, 0.1, "cell a at the middle scan point (truth 41.98 Å)");
		checkCorrgramColours(part, dir, tabs.indexOf("Corrgrams"));
		screenshots(part, "refinement_1a8o");
	}

	/** Every corrgram cell with |r| ≥ 0.15 has, at its centre, the colour of the correlation recorded in {@code <run>_corr.json}. */
	private void checkCorrgramColours(RefinementDiagnosticsPart part, Path dir, int tab) throws Exception {
		part.selectTab(tab);
		Processed.pump(display, 200);
		List<ChartCanvas> cs = part.canvases(tab);
		assertTrue(cs.size() >= 6, cs.size() + " corrgrams (X, Y, Phi of two runs)");
		Pattern title = Pattern.compile("Correlations, (\\w+) residuals \\(([^)]+)\\)");
		ObjectMapper om = new ObjectMapper();
		int checked = 0;
		for (ChartCanvas canvas : cs) {
			Matcher m = title.matcher(canvas.chart().getTitle().getText());
			assertTrue(m.matches(), canvas.chart().getTitle().getText());
			if (m.group(2).startsWith("live")) continue;
			JsonNode json = om.readTree(dir.resolve(m.group(2) + "_corr.json").toFile());
			JsonNode mat = json.path("corrmats").path(m.group(1));
			int n = json.path("labels").size();
			assertEquals(n, mat.size());
			ImageData img = canvas.renderNow();
			Rectangle2D area = canvas.renderingInfo().getPlotInfo().getDataArea();
			XYPlot p = canvas.chart().getXYPlot();
			for (int i = 0; i < n; i++) {
				assertEquals(1.0, mat.path(i).path(i).asDouble(), 1e-9, "diagonal");
				for (int j = 0; j < n; j++) {
					double r = mat.path(i).path(j).asDouble();
					double x = p.getDomainAxis().valueToJava2D(j, area, p.getDomainAxisEdge());
					double y = p.getRangeAxis().valueToJava2D(i, area, p.getRangeAxisEdge());
					double cell = Math.abs(p.getDomainAxis().valueToJava2D(j + 0.5, area, p.getDomainAxisEdge()) - p.getDomainAxis().valueToJava2D(j - 0.5, area, p.getDomainAxisEdge()));
					if (Math.abs(r) < 0.15 || Math.sqrt(Math.abs(r)) * (cell - 2) < 5) continue;
					RGB got = img.palette.getRGB(img.getPixel((int) Math.floor(x), (int) Math.floor(y)));
					Color want = RefinementCharts.correlationColour(r);
					String where = m.group(0) + " cell (" + json.path("labels").path(i).asText() + ", " + json.path("labels").path(j).asText() + ") r = " + r;
					assertEquals(want.getRed(), got.red, 3, where);
					assertEquals(want.getGreen(), got.green, 3, where);
					assertEquals(want.getBlue(), got.blue, 3, where);
					checked++;
				}
			}
		}
		assertTrue(checked > 50, checked + " corrgram cells checked");
	}

	private void screenshots(DiagnosticsPart part, String stem) throws Exception {
		for (int t = 0; t < part.folder().getItemCount(); t++) {
			part.selectTab(t);
			Processed.pump(display, 300);
			Path p = Processed.screenshot(shell, String.format(Locale.ROOT, "%s_%d_%s.png", stem, t, part.folder().getItem(t).getText().replaceAll("\\W+", "_")));
			assertTrue(Files.size(p) > 10_000, p + " has content");
			for (ChartCanvas c : part.canvases(t)) assertNotNull(c.imageData() == null ? c.renderNow() : c.imageData());
		}
	}

	static double lastFinite(Path history) throws Exception {
		JsonNode cn = new ObjectMapper().readTree(history.toFile()).path("data").path("condition_number");
		List<Double> v = new ArrayList<>();
		for (JsonNode n : cn) if (n.isNumber()) v.add(n.asDouble());
		return v.isEmpty() ? Double.NaN : v.get(v.size() - 1);
	}
}

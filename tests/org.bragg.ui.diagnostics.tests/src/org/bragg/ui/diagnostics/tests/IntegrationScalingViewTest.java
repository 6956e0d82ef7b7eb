package org.bragg.ui.diagnostics.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.bragg.io.ExperimentListIO;
import org.bragg.ui.diagnostics.ChartCanvas;
import org.bragg.ui.diagnostics.internal.DiagnosticsPart;
import org.bragg.ui.diagnostics.internal.IntegrationDiagnosticsPart;
import org.bragg.ui.diagnostics.internal.ScalingDiagnosticsPart;
import org.bragg.ui.imageviewer.DataSession;
import org.bragg.ui.imageviewer.DataSet;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The integration and scaling views on the processed X-ray (sim_xray_1a8o_p43212) and ED (sim_ed_1hpv_p61) sweeps:
 * the charts hold the expected science (I/σ falls with resolution, σ_m near the simulated 0.10°/0.12°, CC½ near 1
 * at low resolution with the CC½ estimate marked), PNG and SVG export, and a screenshot of every tab.
 */
class IntegrationScalingViewTest {
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
	void xrayIntegration() throws Exception {
		integration(Processed.dataset("sim_xray_1a8o_p43212"), "integration_1a8o", 0.10);
	}

	/** The view follows the data set made active in the data explorer (DataSession), loading in a Job. */
	@Test
	void followsActiveDataSet() throws Exception {
		Path dir = Processed.dataset("sim_xray_1a8o_p43212");
		DataSession session = new DataSession();
		IntegrationDiagnosticsPart part = new IntegrationDiagnosticsPart(session);
		part.createControls(shell);
		assertEquals(null, part.content());
		session.add(new DataSet("1a8o", dir, ExperimentListIO.read(dir.resolve("integrated.expt")), dir.resolve("integrated.expt")));
		long end = System.currentTimeMillis() + 60_000;
		while (part.content() == null && System.currentTimeMillis() < end) Processed.pump(display, 100);
		assertNotNull(part.content(), "content loaded for the active data set");
		assertTrue(part.content().title().contains(dir.toString()), part.content().title());
		part.dispose();
	}

	@Test
	void edIntegration() throws Exception {
		integration(Processed.dataset("sim_ed_1hpv_p61", "dispersion.gain=3"), "integration_ed", 0.12);
	}

	@Test
	void xrayScaling() throws Exception {
		scaling(Processed.dataset("sim_xray_1a8o_p43212"), "scaling_1a8o");
	}

	@Test
	void edScaling() throws Exception {
		scaling(Processed.dataset("sim_ed_1hpv_p61", "dispersion.gain=3"), "scaling_ed");
	}

	private void integration(Path dir, String stem, double sigmaMTruth) throws Exception {
		IntegrationDiagnosticsPart part = new IntegrationDiagnosticsPart(null);
		part.createControls(shell);
		DiagnosticsPart.Content c = part.loadNow(dir);
		assertNotNull(c);
		List<JFreeChart> res = c.tabs().get(0).charts(), prof = c.tabs().get(1).charts();
		assertEquals(2, res.size(), "I/σ and CC prf against resolution");
		assertEquals(3, prof.size(), "profile model, partiality, counts per image");
		XYDataset isig = res.get(0).getXYPlot().getDataset();
		for (int s = 0; s < isig.getSeriesCount(); s++) {
			int n = isig.getItemCount(s);
			assertTrue(isig.getYValue(s, 0) > 2 * isig.getYValue(s, n - 1), "I/σ falls with resolution (" + isig.getSeriesKey(s) + ")");
		}
		String profile = prof.get(0).getTitle().getText();
		double sigmaM = Double.parseDouble(profile.replaceAll(".*σ_m = ([0-9.]+)°.*", "$1"));
		assertEquals(sigmaMTruth, sigmaM, 0.4 * sigmaMTruth, profile);
		XYDataset counts = prof.get(2).getXYPlot().getDataset();
		double total = 0;
		for (int i = 0; i < counts.getItemCount(0); i++) total += counts.getYValue(0, i);
		assertTrue(total > 5000, total + " reflections integrated by summation");
		screenshots(part, stem);
		exportPngSvg(part.canvases(0).get(0), stem);
	}

	private void scaling(Path dir, String stem) throws Exception {
		ScalingDiagnosticsPart part = new ScalingDiagnosticsPart(null);
		part.createControls(shell);
		DiagnosticsPart.Content c = part.loadNow(dir);
		assertNotNull(c);
		List<String> tabs = c.tabs().stream().map(DiagnosticsPart.Tab::name).toList();
		assertEquals(List.of("Scaling model", "Merging statistics", "Error model and anomalous", "Table"), tabs);
		List<JFreeChart> model = c.tabs().get(0).charts();
		assertTrue(model.size() >= 2, "scale and B against rotation");
		XYDataset scale = model.get(0).getXYPlot().getDataset();
		for (int i = 0; i < scale.getItemCount(0); i++) {
			double g = scale.getYValue(0, i);
			assertTrue(g > 0.3 && g < 3, "scale term " + g + " within a factor 3 of 1");
		}
		JFreeChart cc = c.tabs().get(1).charts().get(0);
		XYPlot p = cc.getXYPlot();
		assertTrue(p.getDataset().getYValue(0, 0) > 0.9, "CC½ of the lowest-resolution shell");
		assertEquals(1, p.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND).size(), "CC½ resolution estimate marked");
		ValueMarker m = (ValueMarker) p.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND).iterator().next();
		double dEstimate = 1 / Math.sqrt(m.getValue());
		assertTrue(dEstimate > 1.0 && dEstimate < 4.0, "CC½ estimate " + dEstimate + " Å");
		JFreeChart np = c.tabs().get(2).charts().get(0);
		XYDataset d = np.getXYPlot().getDataset();
		// normal probability plot: the central half of the ordered deviations lies near y = x if the error model fits
		int n = d.getItemCount(0);
		double q1 = d.getYValue(0, n / 4), q3 = d.getYValue(0, 3 * n / 4);
		assertTrue(q3 - q1 > 0.5 && q3 - q1 < 3.0, String.format(Locale.ROOT, "interquartile range of δ %.2f (1.35 for a normal distribution)", q3 - q1));
		screenshots(part, stem);
	}

	private void screenshots(DiagnosticsPart part, String stem) throws Exception {
		for (int t = 0; t < part.folder().getItemCount(); t++) {
			part.selectTab(t);
			Processed.pump(display, 300);
			Path p = Processed.screenshot(shell, String.format(Locale.ROOT, "%s_%d_%s.png", stem, t, part.folder().getItem(t).getText().replaceAll("\\W+", "_")));
			assertTrue(Files.size(p) > 10_000, p + " has content");
		}
	}

	private static void exportPngSvg(ChartCanvas c, String stem) throws Exception {
		Path dir = Path.of("target", "exports");
		Files.createDirectories(dir);
		Path png = dir.resolve(stem + ".png"), svg = dir.resolve(stem + ".svg");
		c.savePng(png);
		c.saveSvg(svg);
		byte[] b = Files.readAllBytes(png);
		assertEquals((byte) 0x89, b[0]);
		assertEquals('P', b[1]);
		String s = Files.readString(svg);
		assertTrue(s.contains("<svg") && s.contains("</svg>"), "SVG document");
		assertTrue(s.contains(c.chart().getTitle().getText().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")), "SVG holds the chart title");
	}
}

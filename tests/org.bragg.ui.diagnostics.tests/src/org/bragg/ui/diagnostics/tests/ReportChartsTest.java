package org.bragg.ui.diagnostics.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.bragg.io.ExperimentListIO;
import org.bragg.model.Crystal;
import org.bragg.report.ChartExport;
import org.bragg.report.ScalingCharts;
import org.bragg.scaling.PhysicalModel;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYZDataset;
import org.bragg.report.ScanVaryingCharts;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

/**
 * The shared chart factories through the command line: {@code bragg plot_scan_varying_model} on the processed
 * 1a8o sweep (PNG + SVG, values equal to the model's scan points) and {@code bragg report} with the refinement
 * history and corrgram files of {@code bragg refine}; the normal quantile used by the error-model plot.
 */
class ReportChartsTest {
	@Test
	void plotScanVaryingModel() throws Exception {
		Path dir = Processed.dataset("sim_xray_1a8o_p43212");
		Path out = dir.resolve("svm");
		Processed.run(dir, "plot_scan_varying_model", "refined.expt", "output.directory=svm", "output.svg=True");
		for (String f : new String[] { "unit_cell_lengths", "unit_cell_angles", "unit_cell_volume", "orientation" }) {
			BufferedImage img = ImageIO.read(out.resolve(f + ".png").toFile());
			assertEquals(800, img.getWidth(), f);
			assertTrue(img.getHeight() >= 300, f);
			assertTrue(Files.readString(out.resolve(f + ".svg")).contains("</svg>"), f);
		}
		// the plotted lengths are the model's scan-point cells
		var e = ExperimentListIO.read(dir.resolve("refined.expt")).get(0);
		Crystal c = e.crystal();
		XYPlot a = (XYPlot) ((CombinedDomainXYPlot) ScanVaryingCharts.charts(e).get(0).chart().getPlot()).getSubplots().get(0);
		int n = c.aAtScanPoints().size();
		assertEquals(n, a.getDataset().getItemCount(0));
		for (int i = 0; i < n; i += 10) {
			assertEquals(c.unitCellParametersAtScanPoint(i)[0], a.getDataset().getYValue(0, i), 1e-9);
			assertEquals(e.scan().oscillationStart() + i * e.scan().oscillationWidth(), a.getDataset().getXValue(0, i), 1e-9);
		}
	}

	/** Beam-direction plot of a scan-varying beam: s0 tilted by 0.1 mrad per scan point about the laboratory y axis. */
	@Test
	void scanVaryingBeamAngles() throws Exception {
		Path dir = Processed.dataset("sim_xray_1a8o_p43212");
		var e = ExperimentListIO.read(dir.resolve("refined.expt")).get(0);
		int n = e.scan().numImages() + 1;
		List<org.bragg.model.Vec3> s0 = new java.util.ArrayList<>();
		for (int i = 0; i < n; i++) s0.add(e.beam().s0().rotateAround(new org.bragg.model.Vec3(0, 1, 0), 1e-4 * i));
		var sv = e.withBeam(e.beam().withS0AtScanPoints(s0));
		List<ScanVaryingCharts.Named> charts = ScanVaryingCharts.charts(sv);
		ScanVaryingCharts.Named beam = charts.get(charts.size() - 1);
		assertEquals("beam_direction", beam.name());
		XYPlot xz = (XYPlot) ((CombinedDomainXYPlot) beam.chart().getPlot()).getSubplots().get(0);
		XYPlot yz = (XYPlot) ((CombinedDomainXYPlot) beam.chart().getPlot()).getSubplots().get(1);
		assertEquals(n, xz.getDataset().getItemCount(0));
		for (int i = 1; i < n; i++) {
			assertEquals(0.1, Math.abs(xz.getDataset().getYValue(0, i) - xz.getDataset().getYValue(0, i - 1)), 1e-6, "0.1 mrad per scan point in the x–z plane");
			assertEquals(0, yz.getDataset().getYValue(0, i), 1e-6, "no tilt in the y–z plane");
		}
	}

	@Test
	void reportWithRefinementRun() throws Exception {
		Path dir = Processed.dataset("sim_ed_1hpv_p61", "dispersion.gain=3");
		Processed.run(dir, "report", "scaled.expt", "scaled.refl", "output.html=diag.html", "refinement.history=fixed_history.json",
				"refinement.correlation=fixed_corr.json", "output.plots=true");
		String html = Files.readString(dir.resolve("diag.html"));
		for (String s : List.of("Condition number of the Jacobian per step", "Parameter correlations, X residuals (refinement)",
				"Parameter correlations, Phi residuals (refinement)", "Histogram of centroid residuals in X", "Unit cell lengths against rotation angle",
				"Mean profile correlation against resolution", "Error model: normal probability plot", "Anomalous statistics against resolution",
				"Not refined: ", "Detector1Dist"))
			assertTrue(html.contains(s), "report contains " + s);
		assertTrue(Files.readString(dir.resolve("diag_plot00.svg")).contains("<svg"), "SVG of each plot");
	}

	/**
	 * The absorption surface chart: DIALS 3.12's physical model of the 1a8o sweep (dials_reference/scaled.expt; DIALS
	 * used no absorption term on these 30°) given an lmax-2 surface with P(1,0) = 0.1 and P(2,1) = −0.05 (DIALS
	 * {@code absorption} component layout); the heat map holds the surface at its grid points.
	 */
	@Test
	@SuppressWarnings("unchecked")
	void absorptionSurfaceOfDialsModel() throws Exception {
		var e = ExperimentListIO.read(Processed.shared("sim_xray_1a8o_p43212").resolve("dials_reference/scaled.expt")).get(0);
		java.util.Map<String, Object> sm = new java.util.LinkedHashMap<>(e.scalingModel());
		java.util.Map<String, Object> cfg = new java.util.LinkedHashMap<>((java.util.Map<String, Object>) sm.get("configuration_parameters"));
		cfg.put("corrections", List.of("scale", "decay", "absorption"));
		cfg.put("lmax", 2);
		cfg.put("abs_surface_weight", 5e5);
		sm.put("configuration_parameters", cfg);
		sm.put("absorption", java.util.Map.of("n_parameters", 8, "parameters", List.of(0.0, 0.1, 0.0, 0.0, 0.0, 0.0, -0.05, 0.0), "null_parameter_value", 0.0));
		PhysicalModel m = PhysicalModel.fromDials(sm, e.scan());
		assertEquals(8, m.absorptionParameters().length, "lmax 2: 8 coefficients");
		JFreeChart ch = ScalingCharts.absorptionSurface(m);
		XYZDataset d = (XYZDataset) ch.getXYPlot().getDataset();
		assertEquals(100 * 50, d.getItemCount(0));
		double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		for (int i = 0; i < d.getItemCount(0); i++) {
			double z = d.getZValue(0, i);
			lo = Math.min(lo, z);
			hi = Math.max(hi, z);
			assertEquals(m.absorptionAt(Math.toRadians(d.getYValue(0, i)), Math.toRadians(d.getXValue(0, i))), z, 1e-12, "surface value at its grid point");
		}
		assertTrue(lo > 0.5 && hi < 1.5 && hi - lo > 1e-3, "a mild, non-flat correction: " + lo + " – " + hi);
		Path png = Path.of("target", "screenshots", "absorption_surface_dials_1a8o.png");
		Files.createDirectories(png.getParent());
		Files.write(png, ChartExport.png(ch, 800, 420));
		BufferedImage img = ImageIO.read(png.toFile());
		assertEquals(800, img.getWidth());
	}

	@Test
	void normalQuantile() {
		assertEquals(0, ScalingCharts.normalQuantile(0.5), 1e-12);
		assertEquals(1.959963985, ScalingCharts.normalQuantile(0.975), 1e-8);
		assertEquals(-2.326347874, ScalingCharts.normalQuantile(0.01), 1e-8);
		assertEquals(-3.090232306, ScalingCharts.normalQuantile(0.001), 1e-8);
	}
}

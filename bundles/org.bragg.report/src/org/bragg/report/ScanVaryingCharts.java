package org.bragg.report;

import java.util.ArrayList;
import java.util.List;

import org.bragg.model.Crystal;
import org.bragg.model.Experiment;
import org.bragg.model.Mat3;
import org.bragg.model.Scan;
import org.bragg.model.Vec3;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Plots of a scan-varying model against rotation angle, as {@code dials.plot_scan_varying_model}: unit cell
 * lengths a, b, c (Å) and angles α, β, γ (°), cell volume (Å³), the crystal orientation angles φ1, φ2, φ3 (°) and,
 * for a scan-varying beam, the beam direction angles (mrad).
 * <p>Scan point i lies at the rotation angle of the start of image {@code first + i}
 * ({@code Scan.angleFromArrayIndex(first − 1 + i)}, degrees). Orientation angles decompose
 * ΔU = U(i)·U_static⁻¹ as R = Rx(φ1)·Ry(φ2)·Rz(φ3) about the laboratory x, y, z axes; U is taken from A = U·B
 * with B lower-triangular (c* along the crystal-frame z, cctbx convention). Beam angles are those of the unit
 * s0 direction in the laboratory x–z and y–z planes relative to their mean.
 *
 * @since 0.1
 */
public final class ScanVaryingCharts {
	private ScanVaryingCharts() {}

	/** A named set of charts. @param name short file-name stem, e.g. "unit_cell" */
	public record Named(String name, JFreeChart chart) {}

	/**
	 * @return the charts that the experiment's model supports (none for a static crystal and beam)
	 */
	public static List<Named> charts(Experiment e) {
		List<Named> out = new ArrayList<>();
		Scan scan = e.scan();
		if (scan == null || scan.isStill()) return out;
		Crystal c = e.crystal();
		if (c != null && c.isScanVarying()) {
			int n = c.aAtScanPoints().size();
			double[] phi = angles(scan, n);
			double[][] cell = new double[7][n];
			for (int i = 0; i < n; i++) {
				double[] p = c.unitCellParametersAtScanPoint(i);
				for (int k = 0; k < 6; k++) cell[k][i] = p[k];
				cell[6][i] = Math.abs(c.aAtScanPoints().get(i).determinant()) > 0 ? 1 / Math.abs(c.aAtScanPoints().get(i).determinant()) : Double.NaN;
			}
			out.add(new Named("unit_cell_lengths", stacked("Unit cell lengths", phi, new String[] { "a (Å)", "b (Å)", "c (Å)" },
					new double[][] { cell[0], cell[1], cell[2] })));
			out.add(new Named("unit_cell_angles", stacked("Unit cell angles", phi, new String[] { "α (°)", "β (°)", "γ (°)" },
					new double[][] { cell[3], cell[4], cell[5] })));
			out.add(new Named("unit_cell_volume", stacked("Cell volume", phi, new String[] { "volume (Å³)" }, new double[][] { cell[6] })));
			Mat3 u0inv = uMatrix(c.a()).transpose();
			double[][] ang = new double[3][n];
			for (int i = 0; i < n; i++) {
				double[] a = xyzAngles(uMatrix(c.aAtScanPoints().get(i)).times(u0inv));
				for (int k = 0; k < 3; k++) ang[k][i] = a[k];
			}
			out.add(new Named("orientation", stacked("Crystal orientation relative to the static U", phi, new String[] { "φ1 (°)", "φ2 (°)", "φ3 (°)" }, ang)));
		}
		List<Vec3> s0 = e.beam() == null ? List.of() : e.beam().s0AtScanPoints();
		if (!s0.isEmpty()) {
			int n = s0.size();
			double[] phi = angles(scan, n);
			double[][] b = new double[2][n];
			double mx = 0, my = 0;
			for (int i = 0; i < n; i++) {
				Vec3 u = s0.get(i).normalize();
				b[0][i] = 1000 * Math.atan2(u.x(), -u.z());
				b[1][i] = 1000 * Math.atan2(u.y(), -u.z());
				mx += b[0][i] / n;
				my += b[1][i] / n;
			}
			for (int i = 0; i < n; i++) { b[0][i] -= mx; b[1][i] -= my; }
			out.add(new Named("beam_direction", stacked("Beam direction relative to its mean", phi,
					new String[] { "x–z plane (mrad)", "y–z plane (mrad)" }, b)));
		}
		return out;
	}

	/** @return a height in pixels that gives each sub-plot of {@code chart} about 220 px */
	public static int height(JFreeChart chart) {
		return chart.getPlot() instanceof CombinedDomainXYPlot p ? 220 * p.getSubplots().size() + 80 : ChartExport.HEIGHT;
	}

	/**
	 * Writes {@code <name><suffix>.png} (and {@code .svg} if asked) for each chart of {@link #charts(Experiment)}
	 * into {@code dir}, {@link ChartExport#WIDTH} wide and {@link #height} high, atomically.
	 *
	 * @return the files written (none for a scan-static model)
	 * @throws java.io.IOException on a write error
	 */
	public static List<java.nio.file.Path> write(Experiment e, java.nio.file.Path dir, String suffix, boolean svg) throws java.io.IOException {
		List<java.nio.file.Path> out = new ArrayList<>();
		for (Named n : charts(e)) {
			java.nio.file.Path base = dir.resolve(n.name() + suffix);
			if (svg) out.addAll(ChartExport.write(n.chart(), base, ChartExport.WIDTH, height(n.chart())));
			else {
				byte[] png = ChartExport.png(n.chart(), ChartExport.WIDTH, height(n.chart()));
				java.nio.file.Path f = base.resolveSibling(base.getFileName() + ".png");
				org.bragg.io.AtomicOutput.write(f, o -> o.write(png));
				out.add(f);
			}
		}
		return out;
	}

	private static double[] angles(Scan scan, int n) {
		double[] phi = new double[n];
		for (int i = 0; i < n; i++) phi[i] = scan.angleFromArrayIndex(scan.firstImage() - 1 + i);
		return phi;
	}

	/** U of A = U·B with B lower-triangular: u3 ∥ c*, u2 ⊥ u3 in the (b*, c*) plane, u1 = u2 × u3. */
	static Mat3 uMatrix(Mat3 a) {
		Vec3 u3 = a.column(2).normalize();
		Vec3 b = a.column(1);
		Vec3 u2 = b.minus(u3.times(b.dot(u3))).normalize();
		Vec3 u1 = u2.cross(u3);
		return Mat3.fromColumns(u1, u2, u3);
	}

	/** Angles (°) of R = Rx(φ1)·Ry(φ2)·Rz(φ3). */
	static double[] xyzAngles(Mat3 r) {
		double p2 = Math.asin(Math.max(-1, Math.min(1, r.get(0, 2))));
		double p1 = Math.atan2(-r.get(1, 2), r.get(2, 2));
		double p3 = Math.atan2(-r.get(0, 1), r.get(0, 0));
		return new double[] { Math.toDegrees(p1), Math.toDegrees(p2), Math.toDegrees(p3) };
	}

	/** One sub-plot per quantity, sharing the rotation-angle axis. */
	private static JFreeChart stacked(String title, double[] phi, String[] names, double[][] values) {
		CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("rotation angle (°)"));
		plot.setGap(8);
		for (int k = 0; k < names.length; k++) {
			XYSeries s = new XYSeries(names[k]);
			for (int i = 0; i < phi.length; i++) if (Double.isFinite(values[k][i])) s.add(phi[i], values[k][i]);
			NumberAxis y = new NumberAxis(names[k]);
			y.setAutoRangeIncludesZero(false);
			double mean = 0;
			for (double v : values[k]) if (Double.isFinite(v)) mean += Math.abs(v) / values[k].length;
			// constrained quantities (α = 90° in a hexagonal cell) stay flat instead of showing rounding noise
			y.setAutoRangeMinimumSize(Math.max(1e-3, 2e-5 * mean));
			y.setNumberFormatOverride(new java.text.DecimalFormat("0.####"));
			XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
			r.setSeriesStroke(0, new java.awt.BasicStroke(2f));
			XYPlot sub = new XYPlot(new XYSeriesCollection(s), null, y, r);
			sub.setBackgroundPaint(java.awt.Color.WHITE);
			sub.setDomainGridlinePaint(java.awt.Color.LIGHT_GRAY);
			sub.setRangeGridlinePaint(java.awt.Color.LIGHT_GRAY);
			plot.add(sub, 1);
		}
		JFreeChart ch = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
		ch.setBackgroundPaint(java.awt.Color.WHITE);
		return ch;
	}
}

package org.bragg.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionFlag;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.refinement.Diagnostics.CorrelationMatrix;
import org.bragg.refinement.RmsdStep;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.entity.EntityCollection;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.AbstractXYItemRenderer;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Chart factories for refinement diagnostics (after {@code dials.refine}'s journal and correlation plots and
 * {@code dials.report}'s refinement section; Waterman et al. 2016, Acta Cryst. D72, 558–575): RMSDs and
 * condition number per step, corrgrams, centroid residual histograms and residuals against image number and
 * detector position. The same charts feed {@code bragg report} and the workbench's refinement view.
 * <p>Residuals are observed − calculated centroids in pixels and images ({@code xyzobs.px.value − xyzcal.px}) of
 * the reflections flagged {@code used_in_refinement} (all with both centroids if none is flagged). RMSDs of the
 * history are converted from mm and rad with the given pixel size and oscillation width.
 *
 * @since 0.1
 */
public final class RefinementCharts {
	private RefinementCharts() {}

	/** Residual coordinate names: X (px), Y (px), φ (images). */
	public static final String[] AXES = { "X", "Y", "Phi" };

	/**
	 * @param pixelSize {fast, slow} pixel size in mm (the first panel's)
	 * @param oscillationDeg image width in degrees (0 for stills: φ series then in mrad of ΔΨ)
	 * @return RMSD X, Y (px) and φ (images) against the running step number over all macrocycles
	 */
	public static JFreeChart rmsdPerStep(RefinementRun run, double[] pixelSize, double oscillationDeg) {
		XYSeries x = new XYSeries("RMSD X (px)"), y = new XYSeries("RMSD Y (px)"),
				z = new XYSeries(oscillationDeg > 0 ? "RMSD φ (images)" : "RMSD ΔΨ (mrad)");
		List<RmsdStep> h = run.history();
		for (int i = 0; i < h.size(); i++) {
			RmsdStep s = h.get(i);
			x.add(i, s.rmsdX() / pixelSize[0]);
			y.add(i, s.rmsdY() / pixelSize[1]);
			z.add(i, oscillationDeg > 0 ? Math.toDegrees(s.rmsdZ()) / oscillationDeg : 1000 * s.rmsdZ());
		}
		XYSeriesCollection c = new XYSeriesCollection(x);
		c.addSeries(y);
		c.addSeries(z);
		return line("RMSD per step" + (run.label().isEmpty() ? "" : " (" + run.label() + ")"), "step (all macrocycles)", "RMSD", c);
	}

	/**
	 * @param runs one or more runs (e.g. with and without {@code detector.fix_list=Dist,Tau2,Tau3}), one series each
	 * @return the condition number of the weighted Jacobian against step, log scale; steps without one are left out
	 */
	public static JFreeChart conditionNumbers(List<RefinementRun> runs) {
		XYSeriesCollection c = new XYSeriesCollection();
		double lo = Double.POSITIVE_INFINITY, hi = 0;
		for (RefinementRun r : runs) {
			XYSeries s = new XYSeries(String.format(java.util.Locale.ROOT, "%s (final %.3g)", r.label(), r.finalConditionNumber()));
			double[] cn = r.conditionNumbers();
			for (int i = 0; i < cn.length; i++)
				if (Double.isFinite(cn[i]) && cn[i] > 0) { s.add(i, cn[i]); lo = Math.min(lo, cn[i]); hi = Math.max(hi, cn[i]); }
			c.addSeries(s);
		}
		JFreeChart ch = line("Condition number of the Jacobian per step", "step (all macrocycles)", "condition number", c);
		LogAxis ax = new LogAxis("condition number (log scale)");
		if (hi > 0) ax.setRange(lo / 3, hi * 3);
		ax.setNumberFormatOverride(new java.text.DecimalFormat("0.#E0"));
		ch.getXYPlot().setRangeAxis(ax);
		return ch;
	}

	/** @return observed − calculated {x px, y px, z images, obs x, obs y, obs z} of the used reflections, as [6][n] */
	public static double[][] residuals(ReflectionTable t) {
		if (!t.has(Columns.XYZOBS_PX_VALUE) || !t.has(Columns.XYZCAL_PX)) return new double[6][0];
		double[] obs = t.get(Columns.XYZOBS_PX_VALUE), cal = t.get(Columns.XYZCAL_PX);
		long[] flags = t.has(Columns.FLAGS) ? t.get(Columns.FLAGS) : null;
		long used = ReflectionFlag.USED_IN_REFINEMENT.mask();
		boolean anyUsed = false;
		if (flags != null) for (long f : flags) if ((f & used) != 0) { anyUsed = true; break; }
		int n = 0;
		double[][] r = new double[6][t.size()];
		for (int i = 0; i < t.size(); i++) {
			if (anyUsed && (flags[i] & used) == 0) continue;
			if (cal[3 * i] == 0 && cal[3 * i + 1] == 0 && cal[3 * i + 2] == 0) continue;
			if (obs[3 * i] == 0 && obs[3 * i + 1] == 0 && obs[3 * i + 2] == 0) continue;
			for (int k = 0; k < 3; k++) { r[k][n] = obs[3 * i + k] - cal[3 * i + k]; r[3 + k][n] = obs[3 * i + k]; }
			n++;
		}
		for (int k = 0; k < 6; k++) r[k] = java.util.Arrays.copyOf(r[k], n);
		return r;
	}

	/**
	 * @param axis 0 (X, px), 1 (Y, px) or 2 (φ, images)
	 * @return histogram of the residuals of one coordinate, 60 bins over ±4 RMSD
	 */
	public static JFreeChart residualHistogram(double[][] res, int axis) {
		double[] v = res[axis];
		double rms = 0;
		for (double d : v) rms += d * d;
		rms = v.length == 0 ? 1 : Math.sqrt(rms / v.length);
		double lim = Math.max(1e-6, 4 * rms);
		double[] c = new double[v.length];
		for (int i = 0; i < v.length; i++) c[i] = Math.max(-lim, Math.min(lim, v[i]));
		HistogramDataset h = new HistogramDataset();
		String unit = axis < 2 ? "px" : "images";
		h.addSeries(String.format(java.util.Locale.ROOT, "%s residual (%d reflections, RMSD %.3f %s)", AXES[axis], v.length, rms, unit), c, 60, -lim, lim);
		return ChartExport.style(ChartFactory.createHistogram("Residuals in " + AXES[axis], AXES[axis] + " observed − calculated (" + unit + ")",
				"number of reflections", h, PlotOrientation.VERTICAL, true, false, false));
	}

	/** @return residuals of one coordinate (px or images) against the observed image number (z + 1) */
	public static JFreeChart residualsVsFrame(double[][] res, int axis, int firstImage) {
		XYSeries s = new XYSeries(AXES[axis] + " residual", false, true);
		int step = Math.max(1, res[axis].length / 20000);
		for (int i = 0; i < res[axis].length; i += step) s.add(firstImage + res[5][i], res[axis][i]);
		return scatter("Residuals in " + AXES[axis] + " against image", "image (observed centroid)", AXES[axis] + " residual (" + (axis < 2 ? "px" : "images") + ")", s);
	}

	/** @return X residual against observed X and Y residual against observed Y (px), in one chart */
	public static JFreeChart residualsVsPosition(double[][] res) {
		XYSeries sx = new XYSeries("ΔX against X", false, true), sy = new XYSeries("ΔY against Y", false, true);
		int step = Math.max(1, res[0].length / 20000);
		for (int i = 0; i < res[0].length; i += step) { sx.add(res[3][i], res[0][i]); sy.add(res[4][i], res[1][i]); }
		XYSeriesCollection c = new XYSeriesCollection(sx);
		c.addSeries(sy);
		JFreeChart ch = ChartFactory.createScatterPlot("Residuals against detector position", "observed position (px)", "residual (px)", c,
				PlotOrientation.VERTICAL, true, false, false);
		ChartExport.style(ch);
		for (int k = 0; k < 2; k++) ch.getXYPlot().getRenderer().setSeriesShape(k, new Rectangle2D.Double(-1, -1, 2, 2));
		return ch;
	}

	// ------------------------------------------------------------------ corrgram

	/**
	 * The diverging colour of a correlation coefficient: white at 0, pure red (255, 0, 0) at +1, pure blue (0, 0, 255)
	 * at −1, linear in between (NaN is drawn as 0). The corrgram circles are filled with exactly this colour.
	 */
	public static Color correlationColour(double r) {
		double t = Math.max(-1, Math.min(1, Double.isFinite(r) ? r : 0));
		int c = (int) Math.round(255 * (1 - Math.abs(t)));
		return t >= 0 ? new Color(255, c, c) : new Color(c, c, 255);
	}

	/**
	 * A corrgram (Waterman et al. 2016, Fig. 4): one cell per parameter pair, row i from the top and column j from
	 * the left, holding a circle whose area is proportional to |r_ij| (diameter √|r|·cell) filled with
	 * {@link #correlationColour}; a colour bar on the right. The parameters are labelled on both axes.
	 */
	public static JFreeChart corrgram(CorrelationMatrix m, String title) {
		int n = m.labels().size();
		double[][] v = m.values();
		double[] xs = new double[n * n], ys = new double[n * n], zs = new double[n * n];
		for (int i = 0; i < n; i++)
			for (int j = 0; j < n; j++) { xs[i * n + j] = j; ys[i * n + j] = i; zs[i * n + j] = v[i][j]; }
		DefaultXYZDataset d = new DefaultXYZDataset();
		d.addSeries(m.block(), new double[][] { xs, ys, zs });
		String[] labels = m.labels().toArray(new String[0]);
		SymbolAxis xa = new SymbolAxis(null, labels), ya = new SymbolAxis(null, labels);
		xa.setVerticalTickLabels(true);
		xa.setGridBandsVisible(false);
		ya.setGridBandsVisible(false);
		xa.setRange(-0.5, n - 0.5);
		ya.setRange(-0.5, n - 0.5);
		ya.setInverted(true);
		java.awt.Font f = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, n > 30 ? 8 : n > 15 ? 10 : 12);
		xa.setTickLabelFont(f);
		ya.setTickLabelFont(f);
		XYPlot p = new XYPlot(d, xa, ya, new CorrgramRenderer());
		p.setDomainAxisLocation(AxisLocation.TOP_OR_LEFT);
		p.setDomainGridlinesVisible(false);
		p.setRangeGridlinesVisible(false);
		p.setBackgroundPaint(Color.WHITE);
		JFreeChart ch = new JFreeChart(title == null ? "Parameter correlations, " + m.block() + " residuals" : title, JFreeChart.DEFAULT_TITLE_FONT, p, false);
		ch.setBackgroundPaint(Color.WHITE);
		NumberAxis scaleAxis = new NumberAxis("r");
		scaleAxis.setRange(-1, 1);
		PaintScaleLegend legend = new PaintScaleLegend(new CorrelationScale(), scaleAxis);
		legend.setPosition(RectangleEdge.RIGHT);
		legend.setMargin(4, 4, 40, 4);
		legend.setStripWidth(14);
		ch.addSubtitle(legend);
		return ch;
	}

	/** The correlation colour map as a JFreeChart paint scale over [−1, 1]. */
	private static final class CorrelationScale implements PaintScale {
		@Override public double getLowerBound() { return -1; }
		@Override public double getUpperBound() { return 1; }
		@Override public Paint getPaint(double value) { return correlationColour(value); }
	}

	/** Draws each (x = column, y = row, z = r) item as a grey-outlined cell with a circle of diameter √|r|·cell. */
	private static final class CorrgramRenderer extends AbstractXYItemRenderer {
		private static final long serialVersionUID = 1L;

		@Override
		public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info, XYPlot plot,
				ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series, int item, CrosshairState crosshairState, int pass) {
			double x = dataset.getXValue(series, item), y = dataset.getYValue(series, item);
			double r = ((DefaultXYZDataset) dataset).getZValue(series, item);
			RectangleEdge xe = plot.getDomainAxisEdge(), ye = plot.getRangeAxisEdge();
			double x0 = domainAxis.valueToJava2D(x - 0.5, dataArea, xe), x1 = domainAxis.valueToJava2D(x + 0.5, dataArea, xe);
			double y0 = rangeAxis.valueToJava2D(y - 0.5, dataArea, ye), y1 = rangeAxis.valueToJava2D(y + 0.5, dataArea, ye);
			double cx = Math.min(x0, x1), cy = Math.min(y0, y1), w = Math.abs(x1 - x0), h = Math.abs(y1 - y0);
			g2.setPaint(new Color(245, 245, 245));
			g2.fill(new Rectangle2D.Double(cx, cy, w, h));
			double dia = Math.sqrt(Math.abs(Double.isFinite(r) ? r : 0)) * (Math.min(w, h) - 2);
			g2.setPaint(correlationColour(r));
			g2.fill(new Ellipse2D.Double(cx + (w - dia) / 2, cy + (h - dia) / 2, dia, dia));
			g2.setPaint(new Color(200, 200, 200));
			g2.setStroke(new BasicStroke(0.5f));
			g2.draw(new Rectangle2D.Double(cx, cy, w, h));
			EntityCollection ec = state.getEntityCollection();
			if (ec != null) addEntity(ec, new Rectangle2D.Double(cx, cy, w, h), dataset, series, item, cx + w / 2, cy + h / 2);
		}
	}

	// ------------------------------------------------------------------ helpers

	static JFreeChart line(String title, String x, String y, XYDataset data) {
		JFreeChart ch = ChartFactory.createXYLineChart(title, x, y, data, PlotOrientation.VERTICAL, true, false, false);
		if (ch.getXYPlot().getRenderer() instanceof XYLineAndShapeRenderer r) r.setDefaultShapesVisible(true);
		return ChartExport.style(ch);
	}

	static JFreeChart scatter(String title, String x, String y, XYSeries s) {
		JFreeChart ch = ChartFactory.createScatterPlot(title, x, y, new XYSeriesCollection(s), PlotOrientation.VERTICAL, false, false, false);
		ChartExport.style(ch);
		ch.getXYPlot().getRenderer().setSeriesShape(0, new Rectangle2D.Double(-1, -1, 2, 2));
		return ch;
	}
}

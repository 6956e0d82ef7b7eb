package org.bragg.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Arrays;
import java.util.Locale;

import org.bragg.scaling.MergingStatistics;
import org.bragg.scaling.Observations;
import org.bragg.scaling.PhysicalModel;
import org.bragg.scaling.ResolutionEstimate;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Chart factories for scaling and merging (after {@code dials.scale}'s HTML report; Beilsten-Edmands et al. 2020,
 * Acta Cryst. D76, 385–399): the physical model's scale term and relative B against rotation, the absorption
 * surface, the error-model normal probability plot, and merging statistics against resolution (CC½,
 * completeness, multiplicity, ⟨I/σ⟩, Rmerge, anomalous statistics) with the CC½ resolution estimate marked.
 * <p>Rotation in degrees; resolution axes 1/d² (Å⁻²) at shell centres; B in Å²; the absorption surface over
 * azimuth 0–360° and polar angle 0–180° in the crystal frame. A factory returns null when its input is empty.
 *
 * @since 0.1
 */
public final class ScalingCharts {
	private ScalingCharts() {}

	/** @return the scale term C(φ) and its smoother parameters against rotation angle */
	public static JFreeChart scaleVsRotation(PhysicalModel m) {
		return smoother("Scale term against rotation", "scale", m, m.scaleParameters(), m.scaleParameterPhi(), true);
	}

	/** @return the decay term B(φ) (Å²) and its parameters against rotation angle, or null without decay */
	public static JFreeChart bVsRotation(PhysicalModel m) {
		if (m.decayParameters() == null) return null;
		return smoother("Relative B factor against rotation", "B (Å²)", m, m.decayParameters(), m.decayParameterPhi(), false);
	}

	private static JFreeChart smoother(String title, String y, PhysicalModel m, double[] p, double[] knots, boolean scale) {
		double[] r = m.validOscRange();
		XYSeries curve = new XYSeries(scale ? "C(φ)" : "B(φ)"), par = new XYSeries("smoother parameters");
		int n = 200;
		for (int i = 0; i <= n; i++) {
			double phi = r[0] + (r[1] - r[0]) * i / n;
			curve.add(phi, scale ? m.scaleAt(phi) : m.bAt(phi));
		}
		for (int i = 0; i < p.length; i++) par.add(knots[i], p[i]);
		XYSeriesCollection c = new XYSeriesCollection(curve);
		c.addSeries(par);
		JFreeChart ch = RefinementCharts.line(title, "rotation angle (°)", y, c);
		XYLineAndShapeRenderer rr = (XYLineAndShapeRenderer) ch.getXYPlot().getRenderer();
		rr.setSeriesShapesVisible(0, false);
		rr.setSeriesLinesVisible(1, false);
		return ch;
	}

	/** @return the absorption surface as a heat map over (azimuth, polar angle), or null without absorption */
	public static JFreeChart absorptionSurface(PhysicalModel m) {
		if (m.absorptionParameters() == null) return null;
		int na = 100, np = 50;
		double[][] s = m.absorptionSurface(na, np);
		double[] x = new double[na * np], y = new double[na * np], z = new double[na * np];
		double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		for (int a = 0; a < na; a++)
			for (int p = 0; p < np; p++) {
				int k = a * np + p;
				x[k] = 360.0 * a / (na - 1);
				y[k] = 180.0 * p / (np - 1);
				z[k] = s[a][p];
				lo = Math.min(lo, z[k]);
				hi = Math.max(hi, z[k]);
			}
		if (!(hi > lo)) { hi = lo + 1e-6; }
		DefaultXYZDataset d = new DefaultXYZDataset();
		d.addSeries("absorption", new double[][] { x, y, z });
		XYBlockRenderer r = new XYBlockRenderer();
		r.setBlockWidth(360.0 / (na - 1));
		r.setBlockHeight(180.0 / (np - 1));
		LookupPaintScale ps = new LookupPaintScale(lo, hi + 1e-9, Color.BLACK);
		for (int i = 0; i < 64; i++) ps.add(lo + (hi - lo) * i / 64, viridis(i / 63.0));
		r.setPaintScale(ps);
		NumberAxis xa = new NumberAxis("azimuthal angle (°)"), ya = new NumberAxis("polar angle (°)");
		xa.setRange(0, 360);
		ya.setRange(0, 180);
		ya.setInverted(true);
		XYPlot plot = new XYPlot(d, xa, ya, r);
		plot.setBackgroundPaint(Color.WHITE);
		JFreeChart ch = new JFreeChart(String.format(Locale.ROOT, "Absorption correction surface (%.3f – %.3f)", lo, hi), JFreeChart.DEFAULT_TITLE_FONT, plot, false);
		ch.setBackgroundPaint(Color.WHITE);
		NumberAxis sa = new NumberAxis("relative absorption correction");
		sa.setRange(lo, hi);
		PaintScaleLegend leg = new PaintScaleLegend(ps, sa);
		leg.setPosition(RectangleEdge.RIGHT);
		leg.setStripWidth(14);
		leg.setMargin(4, 4, 40, 4);
		ch.addSubtitle(leg);
		return ch;
	}

	/** An approximation of the viridis colour map at t ∈ [0, 1]. */
	static Color viridis(double t) {
		double[][] k = { { 68, 1, 84 }, { 59, 82, 139 }, { 33, 145, 140 }, { 94, 201, 98 }, { 253, 231, 37 } };
		double u = Math.max(0, Math.min(1, t)) * (k.length - 1);
		int i = Math.min(k.length - 2, (int) u);
		double f = u - i;
		return new Color((int) Math.round(k[i][0] + f * (k[i + 1][0] - k[i][0])), (int) Math.round(k[i][1] + f * (k[i + 1][1] - k[i][1])),
				(int) Math.round(k[i][2] + f * (k[i + 1][2] - k[i][2])));
	}

	/**
	 * Normalised deviations δ = √((n−1)/n)·(I − ⟨I⟩)/σ of every observation of reflections measured n ≥ 2 times
	 * (⟨I⟩ the inverse-variance weighted mean of its group, σ the error-model-adjusted σ of the scaled data),
	 * sorted ascending.
	 */
	public static double[] normalisedDeviations(Observations o) {
		double[] out = new double[o.size()];
		int k = 0;
		for (int g = 0; g < o.numGroups(); g++) {
			int a = o.groupStart[g], b = o.groupStart[g + 1], n = b - a;
			if (n < 2) continue;
			double sw = 0, swi = 0;
			for (int i = a; i < b; i++) if (o.variance[i] > 0) { sw += 1 / o.variance[i]; swi += o.intensity[i] / o.variance[i]; }
			if (!(sw > 0)) continue;
			double mean = swi / sw, f = Math.sqrt((n - 1.0) / n);
			for (int i = a; i < b; i++) if (o.variance[i] > 0) out[k++] = f * (o.intensity[i] - mean) / Math.sqrt(o.variance[i]);
		}
		double[] d = Arrays.copyOf(out, k);
		Arrays.sort(d);
		return d;
	}

	/**
	 * @return the normal probability plot of {@link #normalisedDeviations}: ordered δ against the expected normal
	 *         quantiles Φ⁻¹((i − ½)/n), with the line y = x (a correct error model puts the points on it), or null
	 */
	public static JFreeChart normalProbabilityPlot(Observations o) {
		double[] d = normalisedDeviations(o);
		if (d.length < 2) return null;
		XYSeries s = new XYSeries("δ (" + d.length + " observations)", false, true), ideal = new XYSeries("y = x");
		int step = Math.max(1, d.length / 5000);
		for (int i = 0; i < d.length; i += step) s.add(normalQuantile((i + 0.5) / d.length), d[i]);
		ideal.add(-4, -4);
		ideal.add(4, 4);
		XYSeriesCollection c = new XYSeriesCollection(s);
		c.addSeries(ideal);
		JFreeChart ch = ChartFactory.createScatterPlot("Error model: normal probability plot", "expected normal quantile", "ordered δ", c,
				PlotOrientation.VERTICAL, true, false, false);
		ChartExport.style(ch);
		XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
		r.setSeriesLinesVisible(0, false);
		r.setSeriesShape(0, new java.awt.geom.Rectangle2D.Double(-1, -1, 2, 2));
		r.setSeriesShapesVisible(1, false);
		r.setSeriesStroke(1, new BasicStroke(1.5f));
		ch.getXYPlot().setRenderer(r);
		ch.getXYPlot().getRangeAxis().setRange(-6, 6);
		ch.getXYPlot().getDomainAxis().setRange(-4, 4);
		return ch;
	}

	/** Φ⁻¹(p), the standard normal quantile (Acklam's rational approximation, relative error below 1.2·10⁻⁹). */
	public static double normalQuantile(double p) {
		if (!(p > 0 && p < 1)) throw new IllegalArgumentException("p = " + p + " outside (0, 1)");
		double[] a = { -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00 };
		double[] b = { -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01 };
		double[] c = { -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00 };
		double[] d = { 7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00 };
		double q, r;
		if (p < 0.02425) {
			q = Math.sqrt(-2 * Math.log(p));
			return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
		}
		if (p > 1 - 0.02425) {
			q = Math.sqrt(-2 * Math.log(1 - p));
			return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
		}
		q = p - 0.5;
		r = q * q;
		return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
	}

	/** Which merging statistic to plot against resolution. */
	public enum Statistic {
		CC_HALF("CC½", "CC½"), COMPLETENESS("Completeness", "completeness (%)"), MULTIPLICITY("Multiplicity", "multiplicity"),
		I_OVER_SIGMA("<I/σ(I)>", "<I/σ(I)>"), R_MERGE("Rmerge(I)", "Rmerge"), ANOMALOUS("Anomalous statistics", "value");

		final String title, axis;

		Statistic(String title, String axis) { this.title = title; this.axis = axis; }
	}

	/**
	 * @param estimate the CC½ resolution estimate (its d_min is marked as a vertical line), or null
	 * @return one statistic against 1/d² at the shell centres; {@link Statistic#ANOMALOUS} shows CC_anom, R_anom,
	 *         anomalous completeness (fraction) and anomalous multiplicity
	 */
	public static JFreeChart merging(MergingStatistics ms, Statistic st, ResolutionEstimate.Fit estimate) {
		XYSeriesCollection c = new XYSeriesCollection();
		XYSeries a = new XYSeries(st.title), ccAnom = new XYSeries("CC anom"), rAnom = new XYSeries("R anom"),
				anomC = new XYSeries("anomalous completeness"), anomM = new XYSeries("anomalous multiplicity");
		for (MergingStatistics.Shell s : ms.shells()) {
			if (s.nObs() == 0) continue;
			double x = 0.5 * (1 / (s.dMax() * s.dMax()) + 1 / (s.dMin() * s.dMin()));
			switch (st) {
			case CC_HALF -> { if (Double.isFinite(s.ccHalf()) && s.ccHalfN() >= 5) a.add(x, s.ccHalf()); }
			case COMPLETENESS -> a.add(x, 100 * s.completeness());
			case MULTIPLICITY -> a.add(x, s.multiplicity());
			case I_OVER_SIGMA -> { if (Double.isFinite(s.meanIOverSigma())) a.add(x, s.meanIOverSigma()); }
			case R_MERGE -> { if (s.multiplicity() > 1 && Double.isFinite(s.rMerge())) a.add(x, s.rMerge()); }
			case ANOMALOUS -> {
				if (Double.isFinite(s.ccAnom()) && s.ccAnomN() >= 5) ccAnom.add(x, s.ccAnom());
				if (Double.isFinite(s.rAnom())) rAnom.add(x, s.rAnom());
				if (Double.isFinite(s.anomCompleteness())) anomC.add(x, s.anomCompleteness());
				if (Double.isFinite(s.anomMultiplicity())) anomM.add(x, s.anomMultiplicity());
			}
			}
		}
		if (st == Statistic.ANOMALOUS) { c.addSeries(ccAnom); c.addSeries(rAnom); c.addSeries(anomC); c.addSeries(anomM); }
		else c.addSeries(a);
		JFreeChart ch = RefinementCharts.line(st.title + " against resolution", "1/d² (Å⁻²)", st.axis, c);
		double lo = Double.POSITIVE_INFINITY, hi = 0;
		for (MergingStatistics.Shell s : ms.shells())
			if (s.nObs() > 0) { lo = Math.min(lo, 1 / (s.dMax() * s.dMax())); hi = Math.max(hi, 1 / (s.dMin() * s.dMin())); }
		if (estimate != null && Double.isFinite(estimate.dMin()) && estimate.dMin() > 0) hi = Math.max(hi, 1 / (estimate.dMin() * estimate.dMin()));
		if (hi > lo) ch.getXYPlot().getDomainAxis().setRange(Math.max(0, lo - 0.02 * (hi - lo)), hi + 0.02 * (hi - lo));
		if (estimate != null && Double.isFinite(estimate.dMin()) && estimate.dMin() > 0) {
			ValueMarker m = new ValueMarker(1 / (estimate.dMin() * estimate.dMin()), new Color(200, 0, 0), new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
					BasicStroke.JOIN_MITER, 1, new float[] { 6, 4 }, 0));
			m.setLabel(String.format(Locale.ROOT, "CC½ estimate %.2f Å", estimate.dMin()));
			m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
			m.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
			ch.getXYPlot().addDomainMarker(m);
		}
		return ch;
	}
}

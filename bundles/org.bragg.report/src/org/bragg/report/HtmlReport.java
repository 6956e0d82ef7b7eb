package org.bragg.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Scan;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionFlag;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.model.BraggInputException;
import org.bragg.scaling.MergingStatistics;
import org.bragg.scaling.PhysicalModel;
import org.bragg.scaling.ResolutionEstimate;
import org.bragg.scaling.Observations;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * An HTML processing report in the spirit of {@code dials.report}: plots (JFreeChart PNGs, embedded as base64
 * data URIs) of whatever the experiments and reflections hold — spots per image, centroid RMSDs per image,
 * centroid residual histograms and residuals against image and position, refinement steps, condition numbers and
 * corrgrams of given {@link RefinementRun}s, the scan-varying model ({@link ScanVaryingCharts}), I/σ and CC prf
 * against resolution, the profile model, partialities and counts per image ({@link IntegrationCharts}), scale
 * factors against rotation, the physical scaling model and absorption surface, the error-model normal probability
 * plot and, for scaled data, the merging statistics ({@link MergingStatistics}) against resolution with the CC½
 * resolution estimate marked ({@link ScalingCharts}). The chart factories are shared with the workbench views.
 * <p>Rendering needs AWT in headless mode: callers set {@code java.awt.headless=true} before the first AWT use.
 * Resolution axes are 1/d² (Å⁻²); image numbers are those of the scan (first image 1); angles in degrees.
 *
 * @since 0.1
 */
public final class HtmlReport {
	/** One plot: its section heading, title, PNG bytes and the chart itself (for SVG export). @since 0.1 */
	public record Plot(String section, String title, byte[] png, JFreeChart chart) {
		/** @return the chart as an SVG document of {@link HtmlReport#WIDTH} × {@link HtmlReport#HEIGHT} */
		public String svg() { return ChartExport.svg(chart, WIDTH, HEIGHT); }
	}

	/** Plot width and height in pixels. */
	public static final int WIDTH = 800, HEIGHT = 420;

	private final List<Plot> plots = new ArrayList<>();
	private final List<String> notes = new ArrayList<>();
	private final StringBuilder tables = new StringBuilder();
	private final String title;

	private HtmlReport(String title) { this.title = title; }

	/** The plots in report order. */
	public List<Plot> plots() { return List.copyOf(plots); }

	/** Remarks on sections left out and why (no such column, …). */
	public List<String> notes() { return List.copyOf(notes); }

	/**
	 * Builds the report of one sweep (the first experiment's scan and crystal are used for axes and the cell plot).
	 *
	 * @param experiments the experiments (may lack crystal/scan: the plots needing them are then left out)
	 * @param table the reflections (DIALS columns)
	 * @param title shown at the top of the page
	 * @return the report, plots rendered
	 * @throws IllegalArgumentException if {@code experiments} is empty
	 */
	public static HtmlReport create(ExperimentList experiments, ReflectionTable table, String title) {
		return create(experiments, table, title, List.of());
	}

	/**
	 * Builds the report of one sweep, with the refinement diagnostics of {@code runs} (RMSD and condition number
	 * per step, corrgrams, parameters) in the refinement section.
	 *
	 * @param runs refinement runs (e.g. read from {@code bragg refine output.history=… output.correlation_plot.filename=…}); may be empty
	 * @throws IllegalArgumentException if {@code experiments} is empty
	 */
	public static HtmlReport create(ExperimentList experiments, ReflectionTable table, String title, List<RefinementRun> runs) {
		if (experiments.isEmpty()) throw new IllegalArgumentException("no experiments");
		HtmlReport r = new HtmlReport(title);
		Experiment e = experiments.get(0);
		Scan scan = e.isStill() ? null : e.scan();
		int first = scan == null ? 1 : scan.firstImage();
		r.spotsPerImage(table, first);
		r.centroidRmsd(table, first);
		r.refinement(e, table, first, runs);
		r.scanVarying(e);
		r.intensities(table);
		r.integration(experiments, table, first);
		r.scaleFactors(table, scan);
		r.scalingModel(e);
		r.merging(experiments, table);
		return r;
	}

	// ---- sections ----

	private void spotsPerImage(ReflectionTable t, int first) {
		if (!t.has(Columns.XYZOBS_PX_VALUE)) { notes.add("Spots per image: no xyzobs.px.value column"); return; }
		double[] xyz = t.get(Columns.XYZOBS_PX_VALUE);
		long[] flags = t.has(Columns.FLAGS) ? t.get(Columns.FLAGS) : null;
		int n = t.size();
		int maxZ = 0;
		for (int i = 0; i < n; i++) if (observed(xyz, i)) maxZ = Math.max(maxZ, (int) Math.floor(xyz[3 * i + 2]));
		int[] all = new int[maxZ + 1], indexed = new int[maxZ + 1];
		for (int i = 0; i < n; i++) {
			if (!observed(xyz, i)) continue;
			int z = (int) Math.floor(xyz[3 * i + 2]);
			if (z < 0) continue;
			all[z]++;
			if (flags != null && ReflectionFlag.INDEXED.isSet(flags[i])) indexed[z]++;
		}
		XYSeries sAll = new XYSeries("observed"), sIdx = new XYSeries("indexed");
		boolean anyIndexed = false;
		for (int z = 0; z <= maxZ; z++) { sAll.add(first + z, all[z]); sIdx.add(first + z, indexed[z]); anyIndexed |= indexed[z] > 0; }
		XYSeriesCollection c = new XYSeriesCollection(sAll);
		if (anyIndexed) c.addSeries(sIdx);
		add("Spot finding", "Reflections per image (image of the observed centroid, xyzobs.px.value z)", line("Spots / reflections per image", "image", "number of spots", c, true));
	}

	private void centroidRmsd(ReflectionTable t, int first) {
		if (!t.has(Columns.XYZOBS_PX_VALUE) || !t.has(Columns.XYZCAL_PX)) { notes.add("Centroid residuals: no xyzcal.px column (not indexed)"); return; }
		double[] obs = t.get(Columns.XYZOBS_PX_VALUE), cal = t.get(Columns.XYZCAL_PX);
		long[] flags = t.has(Columns.FLAGS) ? t.get(Columns.FLAGS) : null;
		// reflections used in refinement if any are flagged, else indexed ones, else integrated ones, else all
		long useMask = 0;
		String which = "all reflections";
		if (flags != null) {
			long[] masks = { ReflectionFlag.USED_IN_REFINEMENT.mask(), ReflectionFlag.INDEXED.mask(), ReflectionFlag.INTEGRATED };
			String[] names = { "used in refinement", "indexed", "integrated" };
			for (int m = 0; m < masks.length && useMask == 0; m++)
				for (long f : flags) if ((f & masks[m]) != 0) { useMask = masks[m]; which = names[m]; break; }
		}
		int maxZ = 0;
		for (int i = 0; i < t.size(); i++) if (observed(obs, i)) maxZ = Math.max(maxZ, (int) Math.floor(obs[3 * i + 2]));
		double[][] s = new double[3][maxZ + 1];
		int[] cnt = new int[maxZ + 1];
		for (int i = 0; i < t.size(); i++) {
			if (!observed(obs, i) || !observed(cal, i)) continue;
			if (useMask != 0 && (flags[i] & useMask) == 0) continue;
			int z = (int) Math.floor(obs[3 * i + 2]);
			if (z < 0) continue;
			for (int k = 0; k < 3; k++) { double d = obs[3 * i + k] - cal[3 * i + k]; s[k][z] += d * d; }
			cnt[z]++;
		}
		XYSeries x = new XYSeries("RMSD x (px)"), y = new XYSeries("RMSD y (px)"), zz = new XYSeries("RMSD z (images)");
		int used = 0;
		for (int z = 0; z <= maxZ; z++) {
			if (cnt[z] == 0) continue;
			used += cnt[z];
			x.add(first + z, Math.sqrt(s[0][z] / cnt[z]));
			y.add(first + z, Math.sqrt(s[1][z] / cnt[z]));
			zz.add(first + z, Math.sqrt(s[2][z] / cnt[z]));
		}
		if (used == 0) { notes.add("Centroid residuals: no reflections with observed and calculated centroids"); return; }
		XYSeriesCollection c = new XYSeriesCollection(x);
		c.addSeries(y);
		c.addSeries(zz);
		add("Refinement", "Centroid RMSD per image (" + which + ", " + used + " reflections)",
				line("Centroid RMSDs per image", "image", "RMSD", c, true));
	}

	private void refinement(Experiment e, ReflectionTable t, int first, List<RefinementRun> runs) {
		double[][] res = RefinementCharts.residuals(t);
		if (res[0].length > 0) {
			for (int k = 0; k < 3; k++) add("Refinement", "Histogram of centroid residuals in " + RefinementCharts.AXES[k], RefinementCharts.residualHistogram(res, k));
			for (int k = 0; k < 3; k++) add("Refinement", "Centroid residuals in " + RefinementCharts.AXES[k] + " against image", RefinementCharts.residualsVsFrame(res, k, first));
			add("Refinement", "Centroid residuals against detector position", RefinementCharts.residualsVsPosition(res));
		}
		if (runs.isEmpty()) return;
		double[] px = e.detector() == null ? new double[] { 1, 1 } : e.detector().panel(0).pixelSize();
		double osc = e.isStill() ? 0 : e.scan().oscillationWidth();
		for (RefinementRun run : runs) add("Refinement", "RMSDs per refinement step (" + run.label() + ")", RefinementCharts.rmsdPerStep(run, px, osc));
		add("Refinement", "Condition number of the Jacobian per step", RefinementCharts.conditionNumbers(runs));
		for (RefinementRun run : runs) {
			for (var m : run.correlations())
				add("Refinement", "Parameter correlations, " + m.block() + " residuals (" + run.label() + ")",
						RefinementCharts.corrgram(m, "Parameter correlations, " + m.block() + " residuals (" + run.label() + ")"));
			tables.append("<h3>Refinement parameters (").append(escape(run.label())).append(")</h3>\n<pre>").append(escape(run.parameterTable()))
					.append(String.format(Locale.ROOT, "Final condition number: %.4g%nTermination: %s%n", run.finalConditionNumber(), run.terminationReason()))
					.append("</pre>\n");
		}
	}

	private void scanVarying(Experiment e) {
		List<ScanVaryingCharts.Named> cs = ScanVaryingCharts.charts(e);
		if (cs.isEmpty()) { notes.add("Scan-varying model: no A_at_scan_points in the crystal and no s0_at_scan_points in the beam"); return; }
		for (ScanVaryingCharts.Named n : cs) add("Scan-varying model", n.chart().getTitle().getText() + " against rotation angle (scan points)", n.chart());
	}

	private void integration(ExperimentList el, ReflectionTable t, int first) {
		JFreeChart c;
		if ((c = IntegrationCharts.ccPrfVsResolution(t)) != null) add("Integration", "Mean profile correlation against resolution", c);
		if ((c = IntegrationCharts.profileModel(el)) != null) add("Integration", "Profile model σ_b and σ_m", c);
		if ((c = IntegrationCharts.partialityHistogram(t)) != null) add("Integration", "Histogram of partialities", c);
		if ((c = IntegrationCharts.countsPerFrame(t, first)) != null) add("Integration", "Integrated reflections per image", c);
	}

	private void intensities(ReflectionTable t) {
		if (!t.has(Columns.D)) { notes.add("Intensities: no d column"); return; }
		double[] d = t.get(Columns.D);
		long[] flags = t.has(Columns.FLAGS) ? t.get(Columns.FLAGS) : null;
		XYSeriesCollection c = new XYSeriesCollection();
		double[] isigSum = null;
		for (String kind : new String[] { "sum", "prf" }) {
			String v = "intensity." + kind + ".value", var = "intensity." + kind + ".variance";
			if (!t.has(v) || !t.has(var)) continue;
			double[] iv = (double[]) t.getRaw(v), vv = (double[]) t.getRaw(var);
			ReflectionFlag need = kind.equals("sum") ? ReflectionFlag.INTEGRATED_SUM : ReflectionFlag.INTEGRATED_PRF;
			List<double[]> pts = new ArrayList<>(); // {1/d², I/σ}
			for (int i = 0; i < t.size(); i++) {
				if (flags != null && !need.isSet(flags[i])) continue;
				if (!(vv[i] > 0) || !(d[i] > 0) || !Double.isFinite(iv[i])) continue;
				pts.add(new double[] { 1 / (d[i] * d[i]), iv[i] / Math.sqrt(vv[i]) });
			}
			if (pts.isEmpty()) continue;
			c.addSeries(IntegrationCharts.binned(pts, 20, kind.equals("sum") ? "summation" : "profile fitted"));
			if (kind.equals("sum")) { isigSum = new double[pts.size()]; for (int k = 0; k < isigSum.length; k++) isigSum[k] = pts.get(k)[1]; }
		}
		if (c.getSeriesCount() == 0) { notes.add("Intensities: no integrated intensities"); return; }
		add("Integration", "Mean I/σ(I) against resolution", line("<I/σ(I)> by resolution", "1/d² (Å⁻²)", "<I/σ(I)>", c, true));
		if (isigSum != null) {
			HistogramDataset h = new HistogramDataset();
			double[] clipped = new double[isigSum.length];
			for (int k = 0; k < clipped.length; k++) clipped[k] = Math.max(-5, Math.min(50, isigSum[k]));
			h.addSeries("summation I/σ(I) (clipped to [-5, 50])", clipped, 55, -5, 50);
			JFreeChart ch = ChartFactory.createHistogram("Distribution of I/σ(I)", "I/σ(I)", "number of reflections", h,
					PlotOrientation.VERTICAL, true, false, false);
			style(ch);
			add("Integration", "Histogram of summation I/σ(I)", ch);
		}
	}

	private void scaleFactors(ReflectionTable t, Scan scan) {
		if (!t.has(Columns.INVERSE_SCALE_FACTOR)) { notes.add("Scale factors: no inverse_scale_factor column (not scaled)"); return; }
		double[] s = t.get(Columns.INVERSE_SCALE_FACTOR);
		double[] xyz = t.has(Columns.XYZCAL_PX) ? t.get(Columns.XYZCAL_PX) : t.has(Columns.XYZOBS_PX_VALUE) ? t.get(Columns.XYZOBS_PX_VALUE) : null;
		if (xyz == null || scan == null) { notes.add("Scale factors: no centroid or scan for the rotation axis"); return; }
		long[] flags = t.has(Columns.FLAGS) ? t.get(Columns.FLAGS) : null;
		boolean anyScaled = false;
		if (flags != null) for (long f : flags) if (ReflectionFlag.SCALED.isSet(f)) { anyScaled = true; break; }
		XYSeries ser = new XYSeries("inverse scale factor", false, true);
		int step = Math.max(1, t.size() / 20000);
		for (int i = 0; i < t.size(); i += step) {
			if (anyScaled && !ReflectionFlag.SCALED.isSet(flags[i])) continue;
			if (!(s[i] > 0) || !Double.isFinite(s[i])) continue;
			ser.add(scan.angleFromArrayIndex(xyz[3 * i + 2]), s[i]);
		}
		if (ser.getItemCount() == 0) { notes.add("Scale factors: no reflections with a positive inverse_scale_factor"); return; }
		JFreeChart ch = ChartFactory.createScatterPlot("Inverse scale factor against rotation", "rotation angle (°)", "inverse scale factor",
				new XYSeriesCollection(ser), PlotOrientation.VERTICAL, false, false, false);
		style(ch);
		ch.getXYPlot().getRenderer().setSeriesShape(0, new java.awt.geom.Rectangle2D.Double(-1, -1, 2, 2));
		add("Scaling", "Inverse scale factors against rotation" + (step > 1 ? " (every " + step + "th reflection)" : ""), ch);
	}

	private void scalingModel(Experiment e) {
		if (e.scalingModel() == null || e.scalingModel().isEmpty()) return;
		PhysicalModel m;
		try {
			m = PhysicalModel.of(e);
		} catch (BraggInputException | RuntimeException ex) {
			notes.add("Scaling model: " + ex.getMessage());
			return;
		}
		add("Scaling", "Scaling model: scale term against rotation", ScalingCharts.scaleVsRotation(m));
		JFreeChart c;
		if ((c = ScalingCharts.bVsRotation(m)) != null) add("Scaling", "Scaling model: relative B against rotation", c);
		if ((c = ScalingCharts.absorptionSurface(m)) != null) add("Scaling", "Scaling model: absorption surface", c);
		else notes.add("Absorption surface: the scaling model has no absorption term");
	}

	private void merging(ExperimentList el, ReflectionTable t) {
		if (!t.has(Columns.INVERSE_SCALE_FACTOR)) return;
		MergingStatistics ms;
		Observations obs;
		try {
			obs = Observations.fromReflections(el, t);
			if (obs.size() == 0) { notes.add("Merging statistics: no reflections to merge"); return; }
			ms = MergingStatistics.compute(obs, 20, 0L);
		} catch (RuntimeException ex) {
			notes.add("Merging statistics: " + ex.getMessage());
			return;
		}
		XYSeries cc = new XYSeries("CC½"), comp = new XYSeries("completeness (%)"), mult = new XYSeries("multiplicity"), rm = new XYSeries("Rmerge(I)"),
				rpim = new XYSeries("Rpim(I)");
		for (MergingStatistics.Shell s : ms.shells()) {
			if (s.nObs() == 0) continue;
			double x = 0.5 * (1 / (s.dMax() * s.dMax()) + 1 / (s.dMin() * s.dMin()));
			if (Double.isFinite(s.ccHalf()) && s.ccHalfN() >= 5) cc.add(x, s.ccHalf()); // too few multiply measured reflections: no CC½
			comp.add(x, 100 * s.completeness());
			mult.add(x, s.multiplicity());
			if (s.multiplicity() > 1 && Double.isFinite(s.rMerge())) rm.add(x, s.rMerge());
			if (s.multiplicity() > 1 && Double.isFinite(s.rPim())) rpim.add(x, s.rPim());
		}
		String res = "1/d² (Å⁻²)";
		ResolutionEstimate.Fit fit = null;
		try {
			fit = ResolutionEstimate.ccHalf(ms, 0.3);
		} catch (RuntimeException ex) {
			notes.add("Resolution estimate: " + ex.getMessage());
		}
		add("Merging statistics", "CC½ against resolution" + (fit != null ? String.format(Locale.ROOT, " (CC½ = 0.3 fit: %.2f Å)", fit.dMin()) : ""),
				ScalingCharts.merging(ms, ScalingCharts.Statistic.CC_HALF, fit));
		add("Merging statistics", "<I/σ(I)> of merged data against resolution", ScalingCharts.merging(ms, ScalingCharts.Statistic.I_OVER_SIGMA, fit));
		add("Merging statistics", "Anomalous statistics against resolution", ScalingCharts.merging(ms, ScalingCharts.Statistic.ANOMALOUS, fit));
		JFreeChart np = ScalingCharts.normalProbabilityPlot(obs);
		if (np != null) add("Scaling", "Error model: normal probability plot of normalised deviations", np);
		add("Merging statistics", "Completeness against resolution", line("Completeness", res, "completeness (%)", new XYSeriesCollection(comp), true));
		add("Merging statistics", "Multiplicity against resolution", line("Multiplicity", res, "multiplicity", new XYSeriesCollection(mult), true));
		XYSeriesCollection r = new XYSeriesCollection(rm);
		r.addSeries(rpim);
		add("Merging statistics", "Rmerge and Rpim against resolution", line("Rmerge(I), Rpim(I)", res, "R", r, true));
		tables.append("<h3>Merging statistics by resolution shell</h3>\n<pre>").append(escape(ms.formatShellTable())).append("</pre>\n")
				.append("<h3>Summary</h3>\n<pre>").append(escape(ms.formatSummary())).append("</pre>\n");
	}

	// ---- output ----

	/** The self-contained HTML page (PNG images inline as data URIs). */
	public String html() {
		StringBuilder sb = new StringBuilder();
		sb.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(escape(title)).append("</title>\n")
				.append("<style>body{font-family:sans-serif;margin:2em} img{border:1px solid #ccc;margin:0.5em 0} pre{font-size:85%}</style>\n")
				.append("</head><body>\n<h1>").append(escape(title)).append("</h1>\n");
		String section = null;
		int k = 0;
		for (Plot p : plots) {
			if (!p.section().equals(section)) { section = p.section(); sb.append("<h2>").append(escape(section)).append("</h2>\n"); }
			sb.append("<h4>").append(escape(p.title())).append("</h4>\n<img id=\"plot").append(k++).append("\" alt=\"").append(escape(p.title()))
					.append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" src=\"data:image/png;base64,")
					.append(Base64.getEncoder().encodeToString(p.png())).append("\">\n");
		}
		sb.append(tables);
		if (!notes.isEmpty()) {
			sb.append("<h2>Not shown</h2>\n<ul>\n");
			for (String n : notes) sb.append("<li>").append(escape(n)).append("</li>\n");
			sb.append("</ul>\n");
		}
		sb.append("</body></html>\n");
		return sb.toString();
	}

	// ---- helpers ----

	private static boolean observed(double[] xyz, int i) {
		return !(xyz[3 * i] == 0 && xyz[3 * i + 1] == 0 && xyz[3 * i + 2] == 0) && Double.isFinite(xyz[3 * i + 2]);
	}

	private static JFreeChart line(String title, String x, String y, XYDataset data, boolean shapes) {
		JFreeChart ch = ChartFactory.createXYLineChart(title, x, y, data, PlotOrientation.VERTICAL, true, false, false);
		if (shapes && ch.getXYPlot().getRenderer() instanceof XYLineAndShapeRenderer r) r.setDefaultShapesVisible(true);
		style(ch);
		return ch;
	}

	private static void style(JFreeChart ch) {
		ch.setBackgroundPaint(Color.WHITE);
		XYPlot p = ch.getXYPlot();
		p.setBackgroundPaint(Color.WHITE);
		p.setDomainGridlinePaint(Color.LIGHT_GRAY);
		p.setRangeGridlinePaint(Color.LIGHT_GRAY);
		if (p.getRangeAxis() instanceof NumberAxis a) a.setAutoRangeIncludesZero(false);
		if (p.getDomainAxis() instanceof NumberAxis a) a.setAutoRangeIncludesZero(false);
		XYItemRenderer r = p.getRenderer();
		for (int i = 0; i < p.getDataset().getSeriesCount(); i++) r.setSeriesStroke(i, new BasicStroke(2f));
	}

	private void add(String section, String caption, JFreeChart ch) {
		plots.add(new Plot(section, caption, ChartExport.png(ch, WIDTH, HEIGHT), ch));
	}

	private static String escape(String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	@Override public String toString() { return String.format(Locale.ROOT, "HtmlReport[%d plots]", plots.size()); }
}

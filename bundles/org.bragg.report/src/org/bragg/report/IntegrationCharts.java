package org.bragg.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionFlag;
import org.bragg.model.reflection.ReflectionTable;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Chart factories for integration results (after {@code dials.report}'s integration section): ⟨I/σ(I)⟩ of
 * summation and profile fitting and the mean profile correlation (CC prf) against resolution, the profile model
 * σ_b and σ_m, the partiality histogram and integrated reflections per image.
 * <p>Resolution axes are 1/d² (Å⁻²), binned in 20 bins of equal counts; σ_b and σ_m in degrees (DIALS profile
 * model, Kabsch 2010, Acta Cryst. D66, 133–144); image numbers from {@code xyzcal.px} z (first image of the scan
 * = 1). Only reflections flagged {@code integrated_sum}/{@code integrated_prf} are used for the respective series.
 * A factory returns null when the table lacks the columns it needs.
 *
 * @since 0.1
 */
public final class IntegrationCharts {
	private IntegrationCharts() {}

	/** @return ⟨I/σ(I)⟩ (sum and prf) against 1/d², or null without {@code d} and intensities */
	public static JFreeChart iOverSigmaVsResolution(ReflectionTable t) {
		if (!t.has(Columns.D)) return null;
		XYSeriesCollection c = new XYSeriesCollection();
		for (String kind : new String[] { "sum", "prf" }) {
			List<double[]> pts = points(t, kind, true);
			if (!pts.isEmpty()) c.addSeries(binned(pts, 20, kind.equals("sum") ? "summation" : "profile fitted"));
		}
		if (c.getSeriesCount() == 0) return null;
		return RefinementCharts.line("<I/σ(I)> against resolution", "1/d² (Å⁻²)", "<I/σ(I)>", c);
	}

	/** @return mean {@code profile.correlation} of profile-fitted reflections against 1/d², or null */
	public static JFreeChart ccPrfVsResolution(ReflectionTable t) {
		if (!t.has(Columns.D) || !t.has(Columns.PROFILE_CORRELATION)) return null;
		double[] d = t.get(Columns.D), cc = t.get(Columns.PROFILE_CORRELATION);
		long[] flags = t.has(Columns.FLAGS) ? t.get(Columns.FLAGS) : null;
		List<double[]> pts = new ArrayList<>();
		for (int i = 0; i < t.size(); i++) {
			if (flags != null && !ReflectionFlag.INTEGRATED_PRF.isSet(flags[i])) continue;
			if (d[i] > 0 && Double.isFinite(cc[i])) pts.add(new double[] { 1 / (d[i] * d[i]), cc[i] });
		}
		if (pts.isEmpty()) return null;
		return RefinementCharts.line("Profile correlation (CC prf) against resolution", "1/d² (Å⁻²)", "<CC prf>",
				new XYSeriesCollection(binned(pts, 20, "profile fitted (" + pts.size() + ")")));
	}

	/** @return a bar chart of σ_b and σ_m (°) of each experiment's profile model, or null if none has one */
	@SuppressWarnings("unchecked")
	public static JFreeChart profileModel(ExperimentList el) {
		DefaultCategoryDataset d = new DefaultCategoryDataset();
		for (int i = 0; i < el.size(); i++) {
			Experiment e = el.get(i);
			Map<String, Object> p = e.profile();
			if (p == null) continue;
			for (String k : new String[] { "sigma_b", "sigma_m" })
				if (p.get(k) instanceof Number v) d.addValue(v.doubleValue(), k.equals("sigma_b") ? "σ_b (°)" : "σ_m (°)", "experiment " + i);
		}
		if (d.getRowCount() == 0) return null;
		StringBuilder t = new StringBuilder("Profile model");
		if (el.size() == 1 && d.getColumnCount() == 1)
			t.append(String.format(Locale.ROOT, ": σ_b = %.4f°, σ_m = %.4f°", d.getValue(0, 0).doubleValue(), d.getRowCount() > 1 ? d.getValue(1, 0).doubleValue() : Double.NaN));
		JFreeChart ch = ChartExport.style(ChartFactory.createBarChart(t.toString(), "", "degrees", d, PlotOrientation.VERTICAL, true, false, false));
		if (ch.getCategoryPlot().getRenderer() instanceof BarRenderer r) r.setBarPainter(new StandardBarPainter());
		return ch;
	}

	/** @return histogram of {@code partiality} of integrated reflections in 20 bins over [0, 1], or null */
	public static JFreeChart partialityHistogram(ReflectionTable t) {
		if (!t.has(Columns.PARTIALITY)) return null;
		double[] p = t.get(Columns.PARTIALITY);
		long[] flags = t.has(Columns.FLAGS) ? t.get(Columns.FLAGS) : null;
		double[] v = new double[p.length];
		int n = 0;
		for (int i = 0; i < p.length; i++) {
			if (flags != null && (flags[i] & ReflectionFlag.INTEGRATED) == 0) continue;
			if (Double.isFinite(p[i])) v[n++] = Math.max(0, Math.min(1, p[i]));
		}
		if (n == 0) return null;
		HistogramDataset h = new HistogramDataset();
		h.addSeries("partiality (" + n + " integrated reflections)", java.util.Arrays.copyOf(v, n), 20, 0, 1);
		return ChartExport.style(ChartFactory.createHistogram("Partiality", "partiality", "number of reflections", h, PlotOrientation.VERTICAL, true, false, false));
	}

	/** @return reflections integrated by summation and by profile fitting per image (from xyzcal.px z), or null */
	public static JFreeChart countsPerFrame(ReflectionTable t, int firstImage) {
		if (!t.has(Columns.XYZCAL_PX) || !t.has(Columns.FLAGS)) return null;
		double[] xyz = t.get(Columns.XYZCAL_PX);
		long[] flags = t.get(Columns.FLAGS);
		int maxZ = 0;
		for (int i = 0; i < t.size(); i++) if (Double.isFinite(xyz[3 * i + 2])) maxZ = Math.max(maxZ, (int) Math.floor(xyz[3 * i + 2]));
		int[] sum = new int[maxZ + 1], prf = new int[maxZ + 1];
		for (int i = 0; i < t.size(); i++) {
			double z = xyz[3 * i + 2];
			if (!(z >= 0) || z > maxZ + 1) continue;
			int k = Math.min(maxZ, (int) Math.floor(z));
			if (ReflectionFlag.INTEGRATED_SUM.isSet(flags[i])) sum[k]++;
			if (ReflectionFlag.INTEGRATED_PRF.isSet(flags[i])) prf[k]++;
		}
		XYSeries s = new XYSeries("summation"), p = new XYSeries("profile fitted");
		boolean any = false;
		for (int k = 0; k <= maxZ; k++) { s.add(firstImage + k, sum[k]); p.add(firstImage + k, prf[k]); any |= sum[k] + prf[k] > 0; }
		if (!any) return null;
		XYSeriesCollection c = new XYSeriesCollection(s);
		c.addSeries(p);
		return RefinementCharts.line("Integrated reflections per image", "image (calculated centroid)", "number of reflections", c);
	}

	/** {1/d², I/σ} of the reflections integrated by {@code kind} ("sum" or "prf"). */
	static List<double[]> points(ReflectionTable t, String kind, boolean flagged) {
		List<double[]> pts = new ArrayList<>();
		String v = "intensity." + kind + ".value", var = "intensity." + kind + ".variance";
		if (!t.has(v) || !t.has(var) || !t.has(Columns.D)) return pts;
		double[] d = t.get(Columns.D);
		double[] iv = (double[]) t.getRaw(v), vv = (double[]) t.getRaw(var);
		long[] flags = t.has(Columns.FLAGS) ? t.get(Columns.FLAGS) : null;
		ReflectionFlag need = kind.equals("sum") ? ReflectionFlag.INTEGRATED_SUM : ReflectionFlag.INTEGRATED_PRF;
		for (int i = 0; i < t.size(); i++) {
			if (flagged && flags != null && !need.isSet(flags[i])) continue;
			if (!(vv[i] > 0) || !(d[i] > 0) || !Double.isFinite(iv[i])) continue;
			pts.add(new double[] { 1 / (d[i] * d[i]), iv[i] / Math.sqrt(vv[i]) });
		}
		return pts;
	}

	/** Mean of y in {@code n} bins of x holding equal numbers of points; x at the mean x of each bin. */
	static XYSeries binned(List<double[]> pts, int n, String name) {
		pts.sort((p, q) -> Double.compare(p[0], q[0]));
		XYSeries s = new XYSeries(name);
		int nb = Math.min(n, pts.size());
		for (int b = 0; b < nb; b++) {
			int lo = b * pts.size() / nb, hi = (b + 1) * pts.size() / nb;
			double sx = 0, sy = 0;
			for (int k = lo; k < hi; k++) { sx += pts.get(k)[0]; sy += pts.get(k)[1]; }
			if (hi > lo) s.add(sx / (hi - lo), sy / (hi - lo));
		}
		return s;
	}
}

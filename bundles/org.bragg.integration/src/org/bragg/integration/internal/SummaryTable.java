package org.bragg.integration.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.bragg.model.ExperimentList;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionFlag;
import org.bragg.model.reflection.ReflectionTable;

/** DIALS's "Summary vs resolution" table and overall summary of {@code dials.integrate}, from the integration columns. */
public final class SummaryTable {
	private SummaryTable() {}

	/** @return the lines of the per-resolution-bin table (20 bins of equal width in 1/d², as DIALS) and the overall table */
	public static List<String> format(ReflectionTable t, ExperimentList el) {
		List<String> out = new ArrayList<>();
		int n = t.size();
		double[] d = t.get(Columns.D);
		long[] flags = t.get(Columns.FLAGS);
		double[] part = t.get(Columns.PARTIALITY);
		double[] I = t.get(Columns.INTENSITY_SUM_VALUE), V = t.get(Columns.INTENSITY_SUM_VARIANCE), bg = t.get(Columns.BACKGROUND_MEAN);
		double[] Ip = t.has(Columns.INTENSITY_PRF_VALUE) ? t.get(Columns.INTENSITY_PRF_VALUE) : null;
		double[] Vp = Ip != null ? t.get(Columns.INTENSITY_PRF_VARIANCE) : null, cc = Ip != null ? t.get(Columns.PROFILE_CORRELATION) : null;
		long dont = ReflectionFlag.DONT_INTEGRATE.mask();
		double lo = Double.POSITIVE_INFINITY, hi = 0;
		for (int i = 0; i < n; i++) {
			if ((flags[i] & dont) != 0 || !(d[i] > 0)) continue;
			double s = 1 / (d[i] * d[i]);
			lo = Math.min(lo, s);
			hi = Math.max(hi, s);
		}
		int nb = 20;
		int[][] cnt = new int[nb + 1][5];
		double[][] acc = new double[nb + 1][4];
		for (int i = 0; i < n; i++) {
			if ((flags[i] & dont) != 0 || !(d[i] > 0)) continue;
			double s = 1 / (d[i] * d[i]);
			int b = Math.min(nb - 1, (int) ((s - lo) / (hi - lo) * nb));
			for (int bb : new int[] { b, nb }) {
				if (part[i] > RotationIntegrator.FULL) cnt[bb][0]++;
				else cnt[bb][1]++;
				if (ReflectionFlag.OVERLOADED.isSet(flags[i])) cnt[bb][2]++;
				if (ReflectionFlag.INTEGRATED_SUM.isSet(flags[i])) {
					cnt[bb][3]++;
					acc[bb][0] += bg[i];
					acc[bb][1] += V[i] > 0 ? I[i] / Math.sqrt(V[i]) : 0;
				}
				if (Ip != null && ReflectionFlag.INTEGRATED_PRF.isSet(flags[i])) {
					cnt[bb][4]++;
					acc[bb][2] += Vp[i] > 0 ? Ip[i] / Math.sqrt(Vp[i]) : 0;
					acc[bb][3] += Double.isFinite(cc[i]) ? cc[i] : 0;
				}
			}
		}
		out.add("");
		out.add(" Summary vs resolution");
		String hdr = "|   ID |   d min |   # full |   # part |   # over |   # ice |   # sum |   # prf |   Ibg |   I/sigI |   I/sigI |   CC prf |";
		String sep = "+" + "-".repeat(hdr.length() - 2) + "+";
		out.add(sep);
		out.add(hdr);
		out.add("|      |         |          |          |          |         |         |         |       |    (sum) |    (prf) |          |");
		out.add(sep);
		for (int b = nb - 1; b >= 0; b--) {
			double dmin = 1 / Math.sqrt(lo + (hi - lo) * (b + 1) / nb);
			out.add(row(String.format(Locale.ROOT, "%7.2f", dmin), cnt[b], acc[b]));
		}
		out.add(sep);
		out.add("");
		out.add(" Summary for experiment(s) " + Arrays.toString(java.util.stream.IntStream.range(0, el.size()).toArray()));
		int[] c = cnt[nb];
		int badFg = 0, badBg = 0, failBg = 0, failSum = 0, failPrf = 0;
		for (long f : flags) {
			if ((f & dont) != 0) continue;
			if (ReflectionFlag.FOREGROUND_INCLUDES_BAD_PIXELS.isSet(f)) badFg++;
			if (ReflectionFlag.BACKGROUND_INCLUDES_BAD_PIXELS.isSet(f)) badBg++;
			if (ReflectionFlag.FAILED_DURING_BACKGROUND_MODELLING.isSet(f)) failBg++;
			if (ReflectionFlag.FAILED_DURING_SUMMATION.isSet(f)) failSum++;
			if (Ip != null && ReflectionFlag.FAILED_DURING_PROFILE_FITTING.isSet(f)) failPrf++;
		}
		out.add(String.format(Locale.ROOT, "| dmin                                  | %9.2f |", 1 / Math.sqrt(hi)));
		out.add(String.format(Locale.ROOT, "| dmax                                  | %9.2f |", 1 / Math.sqrt(lo)));
		out.add(String.format(Locale.ROOT, "| number fully recorded                 | %9d |", c[0]));
		out.add(String.format(Locale.ROOT, "| number partially recorded             | %9d |", c[1]));
		out.add(String.format(Locale.ROOT, "| number with invalid background pixels | %9d |", badBg));
		out.add(String.format(Locale.ROOT, "| number with invalid foreground pixels | %9d |", badFg));
		out.add(String.format(Locale.ROOT, "| number with overloaded pixels         | %9d |", c[2]));
		out.add(String.format(Locale.ROOT, "| number processed with summation       | %9d |", c[3]));
		if (Ip != null) out.add(String.format(Locale.ROOT, "| number processed with profile fitting | %9d |", c[4]));
		out.add(String.format(Locale.ROOT, "| number failed in background modelling | %9d |", failBg));
		out.add(String.format(Locale.ROOT, "| number failed in summation            | %9d |", failSum));
		if (Ip != null) out.add(String.format(Locale.ROOT, "| number failed in profile fitting      | %9d |", failPrf));
		out.add(String.format(Locale.ROOT, "| ibg                                   | %9.2f |", c[3] > 0 ? acc[nb][0] / c[3] : 0));
		out.add(String.format(Locale.ROOT, "| i/sigi (summation)                    | %9.2f |", c[3] > 0 ? acc[nb][1] / c[3] : 0));
		if (Ip != null) {
			out.add(String.format(Locale.ROOT, "| i/sigi (profile fitting)              | %9.2f |", c[4] > 0 ? acc[nb][2] / c[4] : 0));
			out.add(String.format(Locale.ROOT, "| cc prf                                | %9.2f |", c[4] > 0 ? acc[nb][3] / c[4] : 0));
		}
		return out;
	}

	private static String row(String dmin, int[] c, double[] a) {
		String ip = c[4] > 0 ? String.format(Locale.ROOT, "%8.2f", a[2] / c[4]) : "-", cp = c[4] > 0 ? String.format(Locale.ROOT, "%8.2f", a[3] / c[4]) : "-";
		return String.format(Locale.ROOT, "|    0 | %s | %8d | %8d | %8d | %7d | %7d | %7d | %5.2f | %8.2f | %8s | %8s |", dmin, c[0], c[1], c[2], 0, c[3], c[4],
				c[3] > 0 ? a[0] / c[3] : 0, c[3] > 0 ? a[1] / c[3] : 0, ip, cp);
	}
}

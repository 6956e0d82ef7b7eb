package org.bragg.export.mtz;

import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ColumnKey;
import org.bragg.model.reflection.ReflectionFlag;
import org.bragg.model.reflection.ReflectionTable;

/**
 * The intensities a merge or export uses, chosen and filtered as DIALS's {@code filter_reflection_table}
 * (DIALS 3.12, {@code dials/util/filter_reflections.py}):
 * <ul>
 * <li>scaled data ({@code intensity.scale.value} and {@code inverse_scale_factor} present): rows flagged
 * bad for scaling or with inverse scale factor ≤ 0 are removed, then I = I_scale/g, σ² = V_scale/g²;</li>
 * <li>otherwise profile-fitted intensities (rows not integrated by profile fitting are dropped, as DIALS's
 * prf reducer does) when the table has them, else summation intensities, with the
 * Lorentz–polarisation factor {@code lp} applied and the detector efficiency {@code qe} divided out,
 * I = I_raw·lp/qe, σ² = V_raw·lp²/qe²; the inverse scale factor is 1 when the column is absent;</li>
 * <li>then rows with {@code id} &lt; 0, variance ≤ 0, partiality &lt; {@code partialityThreshold} or
 * I/σ &lt; {@code minIsigi} are removed.</li>
 * </ul>
 *
 * @param rows        selected row indices into the source table
 * @param intensity   I per selected row (photons, after scaling)
 * @param variance    σ²(I) per selected row
 * @param scale       inverse scale factor g per selected row (1 if unscaled)
 * @param scaleSigma  σ(g) per selected row (0 if absent)
 * @param scaled      whether {@code intensity.scale.value} was used
 * @since 0.1
 */
public record ScaledIntensities(int[] rows, double[] intensity, double[] variance, double[] scale, double[] scaleSigma, boolean scaled) {
	/** DIALS's {@code intensity.scale.value}. */
	public static final ColumnKey<double[]> INTENSITY_SCALE_VALUE = ColumnKey.ofDouble("intensity.scale.value");
	/** DIALS's {@code intensity.scale.variance}. */
	public static final ColumnKey<double[]> INTENSITY_SCALE_VARIANCE = ColumnKey.ofDouble("intensity.scale.variance");
	/** DIALS's {@code inverse_scale_factor_variance}. */
	public static final ColumnKey<double[]> INVERSE_SCALE_FACTOR_VARIANCE = ColumnKey.ofDouble("inverse_scale_factor_variance");

	/** Selects with DIALS's defaults for export and merge: partiality ≥ 0.4, I/σ ≥ −5. */
	public static ScaledIntensities select(ReflectionTable t) { return select(t, 0.4, -5.0); }

	/**
	 * Chooses and filters intensities.
	 * @throws IllegalArgumentException if the table holds neither scaled, profile nor summation intensities
	 */
	public static ScaledIntensities select(ReflectionTable t, double partialityThreshold, double minIsigi) {
		int n = t.size();
		boolean scaled = t.has(INTENSITY_SCALE_VALUE) && t.has(INTENSITY_SCALE_VARIANCE) && t.has(Columns.INVERSE_SCALE_FACTOR);
		boolean prf = t.has(Columns.INTENSITY_PRF_VALUE), sum = t.has(Columns.INTENSITY_SUM_VALUE);
		if (!scaled && !prf && !sum) throw new IllegalArgumentException("reflection table has no intensity.scale, intensity.prf or intensity.sum column");
		long[] flags = t.has(Columns.FLAGS) ? t.get(Columns.FLAGS) : new long[n];
		int[] id = t.has(Columns.ID) ? t.get(Columns.ID) : new int[n];
		double[] g = t.has(Columns.INVERSE_SCALE_FACTOR) ? t.get(Columns.INVERSE_SCALE_FACTOR) : null;
		double[] gv = t.has(INVERSE_SCALE_FACTOR_VARIANCE) ? t.get(INVERSE_SCALE_FACTOR_VARIANCE) : null;
		double[] part = t.has(Columns.PARTIALITY) ? t.get(Columns.PARTIALITY) : null;
		double[] lp = t.has(Columns.LP) ? t.get(Columns.LP) : null, qe = t.has(Columns.QE) ? t.get(Columns.QE) : null;
		double[] iv = scaled ? t.get(INTENSITY_SCALE_VALUE) : null, vv = scaled ? t.get(INTENSITY_SCALE_VARIANCE) : null;
		double[] ip = prf ? t.get(Columns.INTENSITY_PRF_VALUE) : null, vp = prf ? t.get(Columns.INTENSITY_PRF_VARIANCE) : null;
		double[] is = sum ? t.get(Columns.INTENSITY_SUM_VALUE) : null, vs = sum ? t.get(Columns.INTENSITY_SUM_VARIANCE) : null;
		int[] rows = new int[n];
		double[] oi = new double[n], ov = new double[n], og = new double[n], ogs = new double[n];
		int m = 0;
		for (int r = 0; r < n; r++) {
			if (id[r] < 0) continue;
			double I, V, s = g == null ? 1.0 : g[r];
			if (scaled) {
				if ((flags[r] & ReflectionFlag.BAD_FOR_SCALING) != 0 || s <= 0) continue;
				if (part != null && !(part[r] > 0)) continue;
				I = iv[r] / s;
				V = vv[r] / (s * s);
			} else {
				if (prf) {
					if (!ReflectionFlag.INTEGRATED_PRF.isSet(flags[r])) continue;
					I = ip[r]; V = vp[r];
				} else if (ReflectionFlag.INTEGRATED_SUM.isSet(flags[r])) { I = is[r]; V = vs[r]; }
				else continue;
				double c = (lp == null ? 1 : lp[r]) / (qe == null ? 1 : qe[r]);
				I *= c / s;
				V *= c * c / (s * s);
			}
			if (!(V > 0) || !Double.isFinite(I)) continue;
			if (part != null && part[r] < partialityThreshold) continue;
			if (I / Math.sqrt(V) < minIsigi) continue;
			rows[m] = r;
			oi[m] = I;
			ov[m] = V;
			og[m] = s;
			ogs[m] = gv == null ? 0 : Math.sqrt(Math.max(0, gv[r]));
			m++;
		}
		return new ScaledIntensities(java.util.Arrays.copyOf(rows, m), java.util.Arrays.copyOf(oi, m), java.util.Arrays.copyOf(ov, m),
				java.util.Arrays.copyOf(og, m), java.util.Arrays.copyOf(ogs, m), scaled);
	}

	/** Number of selected reflections. */
	public int size() { return rows.length; }
}

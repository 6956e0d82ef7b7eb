package org.bragg.spotfinding.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import org.bragg.model.Beam;
import org.bragg.model.Experiment;
import org.bragg.model.Panel;
import org.bragg.model.Vec3;

/**
 * The table {@code dials.find_spots per_image_statistics=True} prints for one experiment
 * ({@code per_image_analysis.stats_per_image} without resolution analysis): per image, the number of
 * spots, the number outside ice rings and their total intensity, in {@code tabulate}'s "psql" layout.
 *
 * <p>A spot belongs to image ⌊z⌋ (array index); its resolution is d = 1/|s1 − s0| with s1 towards the
 * centroid (px → mm with the panel's parallax correction). Ice rings are those of hexagonal ice within
 * 0.002 Å⁻² (half of the 0.004 width) in d*², generated down to the smallest d of the image's spots, as
 * DIALS's {@code PowderRingFilter}. Stateless.
 */
public final class PerImageStatistics {
	private PerImageStatistics() {}

	private static final double[] ICE = { 4.498, 4.498, 7.338, 90, 90, 120 };

	/**
	 * @param e    the experiment
	 * @param x    centroid x (px) of the experiment's spots
	 * @param y    centroid y (px)
	 * @param z    centroid z (frames)
	 * @param panel panel of each spot
	 * @param intensity summed intensity of each spot
	 * @return the table, header first
	 */
	public static String table(Experiment e, double[] x, double[] y, double[] z, int[] panel, double[] intensity) {
		int start = 0, end = 1;
		if (e.scan() != null) {
			start = e.scan().firstImage() - 1;
			end = e.scan().lastImage();
		}
		Beam beam = e.beam();
		Vec3 s0 = beam.s0();
		double k = 1 / beam.wavelength();
		int n = x.length;
		double[] d = new double[n];
		for (int i = 0; i < n; i++) {
			Panel p = e.detector().panel(panel[i]);
			Vec3 r = p.pixelToLab(x[i], y[i]).normalize().times(k).minus(s0);
			d[i] = r.length() > 0 ? 1 / r.length() : Double.POSITIVE_INFINITY;
		}
		List<String[]> rows = new ArrayList<>();
		rows.add(new String[] { "image", "#spots", "#spots_no_ice", "total_intensity" });
		for (int img = start; img < end; img++) {
			int total = 0, noIce = 0;
			double dmin = Double.POSITIVE_INFINITY;
			for (int i = 0; i < n; i++) if (Math.floor(z[i]) == img && Double.isFinite(d[i])) dmin = Math.min(dmin, d[i]);
			double[] rings = new double[0];
			if (Double.isFinite(dmin)) {
				double ringMin = 1 / Math.sqrt(1 / (dmin * dmin) + 0.002);
				double[] ds = IceRings.dSpacings(ICE, ringMin);
				rings = new double[ds.length];
				for (int r = 0; r < ds.length; r++) rings[r] = 1 / (ds[r] * ds[r]);
			}
			double sum = 0;
			for (int i = 0; i < n; i++) {
				if (Math.floor(z[i]) != img || !Double.isFinite(d[i])) continue;
				total++;
				double s = 1 / (d[i] * d[i]);
				boolean ice = false;
				for (double ring : rings) if (Math.abs(s - ring) < 0.002) ice = true;
				if (!ice) {
					noIce++;
					sum += intensity[i];
				}
			}
			rows.add(new String[] { Integer.toString(img - start + 1), Integer.toString(total), Integer.toString(noIce),
					new BigDecimal(sum).setScale(0, RoundingMode.HALF_EVEN).toPlainString() });
		}
		return psql(rows);
	}

	/** tabulate "psql" for all-numeric columns: right-aligned, width = max(header + 2, values). */
	static String psql(List<String[]> rows) {
		int nc = rows.get(0).length;
		int[] w = new int[nc];
		for (int c = 0; c < nc; c++) {
			w[c] = rows.get(0)[c].length() + 2;
			for (int r = 1; r < rows.size(); r++) w[c] = Math.max(w[c], rows.get(r)[c].length());
		}
		StringBuilder sb = new StringBuilder();
		String border = line('+', '+', '+', w);
		sb.append(border).append('\n');
		for (int r = 0; r < rows.size(); r++) {
			sb.append('|');
			for (int c = 0; c < nc; c++) sb.append(' ').append(" ".repeat(w[c] - rows.get(r)[c].length())).append(rows.get(r)[c]).append(" |");
			sb.append('\n');
			if (r == 0) sb.append(line('|', '+', '|', w)).append('\n');
		}
		sb.append(border);
		return sb.toString();
	}

	private static String line(char l, char m, char r, int[] w) {
		StringBuilder sb = new StringBuilder().append(l);
		for (int c = 0; c < w.length; c++) sb.append("-".repeat(w[c] + 2)).append(c == w.length - 1 ? r : m);
		return sb.toString();
	}
}

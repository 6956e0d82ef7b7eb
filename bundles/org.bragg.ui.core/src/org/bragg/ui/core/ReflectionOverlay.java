package org.bragg.ui.core;

import java.util.Arrays;

import org.bragg.model.Scan;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionTable;

/**
 * The reflections to draw on one image, extracted once from a {@link ReflectionTable} into flat
 * arrays: observed spots (centroid {@code xyzobs.px.value} and bounding box {@code bbox}), predicted
 * positions ({@code xyzcal.px}) and Miller indices ({@code miller_index}). Coordinates are panel pixel
 * coordinates (pixel centres at +0.5, as DIALS writes them); {@code panel} gives the panel of each row.
 *
 * <p>Selection for image {@code i} of an experiment: rows whose {@code id} equals the experiment's
 * index (all rows if the table has no {@code id} column). For a rotation scan the frame index is
 * {@code z = firstImage − 1 + i} (DIALS's array index): an observed spot is shown on every image its
 * bounding box spans ({@code z0 ≤ z < z1}), or, without a {@code bbox}, on the image holding its centroid;
 * a prediction on the image holding {@code xyzcal.px} z. For stills all rows of the experiment are shown.
 * A row counts as observed if its {@code xyzobs.px.value} is not (0, 0, 0), as predicted if
 * {@code xyzcal.px} is not (0, 0, 0), and is labelled if its Miller index is not (0, 0, 0).
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ReflectionOverlay {
	/** An overlay without reflections. */
	public static final ReflectionOverlay EMPTY = new ReflectionOverlay(new int[0], new double[0], new int[0], new int[0], new double[0],
			new int[0]);

	private final int[] obsPanel;
	private final double[] obsXy;
	private final int[] obsBbox;
	private final int[] calPanel;
	private final double[] calXy;
	private final int[] calHkl;

	private ReflectionOverlay(int[] obsPanel, double[] obsXy, int[] obsBbox, int[] calPanel, double[] calXy, int[] calHkl) {
		this.obsPanel = obsPanel;
		this.obsXy = obsXy;
		this.obsBbox = obsBbox;
		this.calPanel = calPanel;
		this.calXy = calXy;
		this.calHkl = calHkl;
	}

	/**
	 * Selects the reflections of one image (see class documentation).
	 *
	 * @param table the reflections, or null for none
	 * @param experimentId the experiment's index in its experiment list (the {@code id} column)
	 * @param scan the experiment's scan, or null for a still
	 * @param imageIndex 0-based image index within the scan (ignored for stills)
	 * @return the overlay (never null)
	 */
	public static ReflectionOverlay forImage(ReflectionTable table, int experimentId, Scan scan, int imageIndex) {
		if (table == null || table.size() == 0) return EMPTY;
		int n = table.size();
		int[] id = table.has(Columns.ID) ? table.get(Columns.ID) : null;
		long[] panel = table.has(Columns.PANEL) ? table.get(Columns.PANEL) : null;
		double[] obs = table.has(Columns.XYZOBS_PX_VALUE) ? table.get(Columns.XYZOBS_PX_VALUE) : null;
		int[] bbox = table.has(Columns.BBOX) ? table.get(Columns.BBOX) : null;
		double[] cal = table.has(Columns.XYZCAL_PX) ? table.get(Columns.XYZCAL_PX) : null;
		int[] hkl = table.has(Columns.MILLER_INDEX) ? table.get(Columns.MILLER_INDEX) : null;
		boolean rotation = scan != null && !scan.isStill();
		int zf = rotation ? scan.firstImage() - 1 + imageIndex : 0;
		int[] op = new int[n], ob = new int[4 * n], cp = new int[n], ch = new int[3 * n];
		double[] oxy = new double[2 * n], cxy = new double[2 * n];
		int no = 0, nc = 0;
		for (int r = 0; r < n; r++) {
			if (id != null && id[r] != experimentId) continue;
			int pan = panel == null ? 0 : (int) panel[r];
			if (obs != null && (obs[3 * r] != 0 || obs[3 * r + 1] != 0 || obs[3 * r + 2] != 0)) {
				boolean on = !rotation || (bbox != null ? bbox[6 * r + 4] <= zf && zf < bbox[6 * r + 5] : (int) Math.floor(obs[3 * r + 2]) == zf);
				if (on) {
					op[no] = pan;
					oxy[2 * no] = obs[3 * r];
					oxy[2 * no + 1] = obs[3 * r + 1];
					if (bbox != null) System.arraycopy(bbox, 6 * r, ob, 4 * no, 4);
					else Arrays.fill(ob, 4 * no, 4 * no + 4, 0);
					no++;
				}
			}
			boolean hasCal = cal != null && (cal[3 * r] != 0 || cal[3 * r + 1] != 0 || cal[3 * r + 2] != 0);
			boolean hasHkl = hkl != null && (hkl[3 * r] != 0 || hkl[3 * r + 1] != 0 || hkl[3 * r + 2] != 0);
			if (hasCal && (!rotation || (int) Math.floor(cal[3 * r + 2]) == zf)) {
				cp[nc] = pan;
				cxy[2 * nc] = cal[3 * r];
				cxy[2 * nc + 1] = cal[3 * r + 1];
				if (hasHkl) System.arraycopy(hkl, 3 * r, ch, 3 * nc, 3);
				nc++;
			}
		}
		return new ReflectionOverlay(Arrays.copyOf(op, no), Arrays.copyOf(oxy, 2 * no), bbox == null ? null : Arrays.copyOf(ob, 4 * no),
				Arrays.copyOf(cp, nc), Arrays.copyOf(cxy, 2 * nc), hkl == null ? null : Arrays.copyOf(ch, 3 * nc));
	}

	/** @return number of observed spots */
	public int observedCount() { return obsPanel.length; }

	/** @return panel of observed spot i */
	public int observedPanel(int i) { return obsPanel[i]; }

	/** @return centroid x (fast, px) of observed spot i */
	public double observedX(int i) { return obsXy[2 * i]; }

	/** @return centroid y (slow, px) of observed spot i */
	public double observedY(int i) { return obsXy[2 * i + 1]; }

	/** @return true if bounding boxes are known */
	public boolean hasBoundingBoxes() { return obsBbox != null; }

	/** @return bounding box of observed spot i: {x0, x1, y0, y1} px, upper bounds exclusive (DIALS {@code bbox}) */
	public int[] observedBbox(int i) { return Arrays.copyOfRange(obsBbox, 4 * i, 4 * i + 4); }

	/** @return number of predicted positions */
	public int predictedCount() { return calPanel.length; }

	/** @return panel of prediction i */
	public int predictedPanel(int i) { return calPanel[i]; }

	/** @return x (fast, px) of prediction i */
	public double predictedX(int i) { return calXy[2 * i]; }

	/** @return y (slow, px) of prediction i */
	public double predictedY(int i) { return calXy[2 * i + 1]; }

	/** @return Miller index {h, k, l} of prediction i, or null if unknown or (0, 0, 0) */
	public int[] millerIndex(int i) {
		if (calHkl == null) return null;
		int h = calHkl[3 * i], k = calHkl[3 * i + 1], l = calHkl[3 * i + 2];
		return h == 0 && k == 0 && l == 0 ? null : new int[] { h, k, l };
	}
}

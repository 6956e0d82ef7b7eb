package org.bragg.ui.rlv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

import org.bragg.model.Crystal;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Goniometer;
import org.bragg.model.Vec3;
import org.bragg.model.reflection.ReflectionFlag;
import org.bragg.ui.rlv.RlvParameters.ColourBy;
import org.bragg.ui.rlv.RlvParameters.Display;
import org.bragg.ui.rlv.RlvParameters.OutlierDisplay;

/**
 * Software renderer of the reciprocal lattice viewer: filters and colours the points and writes them
 * as squares of {@code marker_size} pixels into an RGB buffer, and computes the overlay lines
 * (reciprocal cell a*, b*, c*, rotation axis, beam) in screen coordinates for the toolkit to draw.
 * Colours follow {@code dials.reciprocal_lattice_viewer} (its colour-blind palette: white for
 * unindexed spots, then one colour per lattice).
 *
 * <p>Buffer layout: {@code byte[w·h]} indices into {@link #palette()} (what the viewer hands to SWT
 * as an 8-bit image) or {@code int[w·h]} 0x00RRGGBB, row-major from the top-left pixel. The point loop
 * allocates nothing; at 100 000 points it takes a few milliseconds, so rotation is limited by the
 * toolkit's image upload (measured by {@code dev/bench_rlv.sh}). Not thread-safe (UI-thread confined).
 *
 * @since 0.1
 */
public final class RlvRenderer {
	/** DIALS's colour-blind palette (0 = unindexed), 0xRRGGBB, for a black background. */
	public static final int[] PALETTE = { 0xFFFFFF, 0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7 };
	/**
	 * Colours of {@link ColourBy#INLIER}: used in refinement (inlier), flagged {@code centroid_outlier},
	 * indexed but not used (refinement takes a subset of the spots), unindexed.
	 */
	public static final int INLIER = 0x009E73, OUTLIER = 0xD55E00, NOT_USED = 0x0072B2, UNINDEXED_GREY = 0x8C8C8C;
	private static final int[] FRAME_MAP = { 0x440154, 0x3B528B, 0x21918C, 0x5EC962, 0xFDE725 };

	/** An overlay line in screen pixels; {@code label} (may be null) is drawn at the end point. */
	public record Segment(double x0, double y0, double x1, double y1, int rgb, boolean dashed, int width, String label) {}

	private RlvPoints points;
	private ExperimentList experiments;
	private int[] colour = new int[0];
	private byte[] colourIndex = new byte[0];
	private int[] palette = { 0 };
	private boolean[] pass = new boolean[0];
	private int visible;

	private ColourBy colourBy = ColourBy.LATTICE;
	private Display display = Display.ALL;
	private OutlierDisplay outlierDisplay;
	private final BitSet hiddenLattices = new BitSet();
	private double dMin = 0, zMin = Double.NEGATIVE_INFINITY, zMax = Double.POSITIVE_INFINITY;
	private int markerSize = 2;
	private boolean black = true, showCell = true, showAxis = true, showBeam = true;
	private double[] frameRange = { 0, 1 };
	private final int[] bounds = new int[4];

	/**
	 * @param points the mapped points
	 * @param experiments the models the points were mapped with (crystals for the cell, goniometer and beam for the axes)
	 */
	public RlvRenderer(RlvPoints points, ExperimentList experiments) {
		setPoints(points, experiments);
	}

	/** Replaces the points (after a re-map), keeping the display settings. */
	public void setPoints(RlvPoints p, ExperimentList e) {
		points = p;
		experiments = e;
		frameRange = p.frameRange();
		recolour();
		refilter();
	}

	/** Applies the display settings of {@code p} ({@code d_min}, {@code z_min}/{@code z_max}, {@code display}, colours, …). */
	public void apply(RlvParameters p) {
		colourBy = p.colourBy();
		display = p.display();
		outlierDisplay = p.outlierDisplay().orElse(null);
		dMin = p.dMin().orElse(0);
		zMin = p.zMin().orElse(Double.NEGATIVE_INFINITY);
		zMax = p.zMax().orElse(Double.POSITIVE_INFINITY);
		markerSize = p.markerSize();
		black = p.blackBackground();
		showCell = p.showReciprocalCell();
		showAxis = p.showRotationAxis();
		showBeam = p.showBeamVector();
		hiddenLattices.clear();
		if (!p.experimentIds().isEmpty()) {
			for (int l = -1; l <= Math.max(points.maxLattice(), 64); l++) hiddenLattices.set(l + 1);
			for (int id : p.experimentIds()) if (id >= -1) hiddenLattices.clear(id + 1);
		}
		recolour();
		refilter();
	}

	public RlvPoints points() { return points; }

	public ExperimentList experiments() { return experiments; }

	public ColourBy colourBy() { return colourBy; }

	public void setColourBy(ColourBy c) {
		colourBy = c;
		recolour();
	}

	public Display display() { return display; }

	/** @return outliers only, inliers only, or null for both */
	public OutlierDisplay outlierDisplay() { return outlierDisplay; }

	public boolean showCell() { return showCell; }

	public boolean showRotationAxis() { return showAxis; }

	public boolean showBeam() { return showBeam; }

	public void setDisplay(Display d) {
		display = d;
		refilter();
	}

	/** @param o outliers only, inliers only, or null for both */
	public void setOutlierDisplay(OutlierDisplay o) {
		outlierDisplay = o;
		refilter();
	}

	/** Shows or hides a lattice (experiment id; −1 = unindexed spots). */
	public void setLatticeVisible(int lattice, boolean on) {
		hiddenLattices.set(lattice + 1, !on);
		refilter();
	}

	public boolean isLatticeVisible(int lattice) { return !hiddenLattices.get(lattice + 1); }

	/** @param d high-resolution limit in Å (0 = all) */
	public void setDMin(double d) {
		dMin = d;
		countVisible();
	}

	public double dMin() { return dMin; }

	/** @param lo lowest frame shown, @param hi highest frame shown (centroid z) */
	public void setZRange(double lo, double hi) {
		zMin = lo;
		zMax = hi;
		countVisible();
	}

	public double zMax() { return zMax; }

	public double zMin() { return zMin; }

	public void setMarkerSize(int s) { markerSize = Math.max(1, Math.min(9, s)); }

	public void setBlackBackground(boolean b) {
		black = b;
		recolour();
	}

	public boolean blackBackground() { return black; }

	public void setShowCell(boolean b) { showCell = b; }

	public void setShowRotationAxis(boolean b) { showAxis = b; }

	public void setShowBeam(boolean b) { showBeam = b; }

	/** @return the number of points that pass all filters */
	public int visibleCount() { return visible; }

	/** @return the background colour 0xRRGGBB */
	public int background() { return black ? 0x000000 : 0xFFFFFF; }

	/** @return the colour 0xRRGGBB of point {@code i} in the current scheme */
	public int colourOf(int i) { return colour[i]; }

	/** @return the colour of lattice {@code l} (−1 = unindexed) in the current background */
	public int latticeColour(int l) {
		return onBackground(PALETTE[l < 0 ? 0 : (l % (PALETTE.length - 1)) + 1]);
	}

	/**
	 * Draws the visible points as colours.
	 *
	 * @param cam the camera (its viewport gives w and h)
	 * @param rgb the target, {@code int[w·h]}, row-major, 0x00RRGGBB; cleared to the background first
	 * @return the number of points drawn inside the viewport
	 * @throws IllegalArgumentException if {@code rgb} is smaller than the viewport
	 */
	public int render(RlvCamera cam, int[] rgb) {
		int w = cam.width(), h = cam.height();
		if (rgb.length < w * h) throw new IllegalArgumentException("buffer of " + rgb.length + " pixels for a " + w + "x" + h + " viewport");
		byte[] idx = new byte[w * h];
		int drawn = render(cam, idx);
		int[] pal = palette();
		for (int i = 0; i < w * h; i++) rgb[i] = pal[idx[i] & 255];
		return drawn;
	}

	/**
	 * The colour table of {@link #render(RlvCamera, byte[])}: entry 0 is the background, the others
	 * the colours in use (at most 256 entries; frame colours are quantised to 128 levels).
	 *
	 * @return a copy of the table, 0xRRGGBB
	 */
	public int[] palette() { return palette.clone(); }

	/**
	 * Draws the visible points as indices into {@link #palette()} (an 8-bit image is the cheapest to
	 * hand to the toolkit).
	 *
	 * @param cam the camera (its viewport gives w and h)
	 * @param out the target, {@code byte[w·h]}, row-major; cleared to 0 (background) first
	 * @return the number of points drawn inside the viewport
	 * @throws IllegalArgumentException if {@code out} is smaller than the viewport
	 */
	public int render(RlvCamera cam, byte[] out) {
		int w = cam.width(), h = cam.height();
		if (out.length < w * h) throw new IllegalArgumentException("buffer of " + out.length + " pixels for a " + w + "x" + h + " viewport");
		Arrays.fill(out, 0, w * h, (byte) 0);
		double[] v = cam.view();
		double z = cam.zoom();
		double[] o = cam.origin();
		double m0 = z * v[0], m1 = z * v[1], m2 = z * v[2], m3 = -z * v[3], m4 = -z * v[4], m5 = -z * v[5];
		double ox = o[0], oy = o[1];
		float[] xyz = points.xyz();
		float[] d = points.d();
		float[] fr = points.frame();
		byte[] ci = colourIndex;
		boolean[] ok = pass;
		int n = points.size();
		int s = markerSize, off = s / 2;
		double dLo = dMin, zLo = zMin, zHi = zMax;
		int drawn = 0;
		int bx0 = w, by0 = h, bx1 = 0, by1 = 0;
		for (int i = 0; i < n; i++) {
			if (!ok[i] || d[i] < dLo) continue;
			float fz = fr[i];
			if (fz < zLo || fz > zHi) continue;
			double x = xyz[3 * i], y = xyz[3 * i + 1], zz = xyz[3 * i + 2];
			int px = (int) Math.floor(ox + m0 * x + m1 * y + m2 * zz) - off;
			int py = (int) Math.floor(oy + m3 * x + m4 * y + m5 * zz) - off;
			if (px >= w || py >= h || px + s <= 0 || py + s <= 0) continue;
			byte c = ci[i];
			drawn++;
			int x0 = Math.max(px, 0), x1 = Math.min(px + s, w), y0 = Math.max(py, 0), y1 = Math.min(py + s, h);
			if (x0 < bx0) bx0 = x0;
			if (x1 > bx1) bx1 = x1;
			if (y0 < by0) by0 = y0;
			if (y1 > by1) by1 = y1;
			for (int yy = y0; yy < y1; yy++) {
				int row = yy * w;
				for (int xx = x0; xx < x1; xx++) out[row + xx] = c;
			}
		}
		bounds[0] = bx0;
		bounds[1] = by0;
		bounds[2] = Math.max(0, bx1 - bx0);
		bounds[3] = Math.max(0, by1 - by0);
		return drawn;
	}

	/**
	 * The visible point drawn nearest to a screen position (as {@code dials.reciprocal_lattice_viewer}
	 * labels the nearest point).
	 *
	 * @param cam the camera
	 * @param x screen x in pixels
	 * @param y screen y in pixels
	 * @param maxPixels largest distance accepted, in pixels
	 * @return the point index (= reflection row), or −1 if none is that close
	 */
	public int nearest(RlvCamera cam, double x, double y, double maxPixels) {
		double[] v = cam.view();
		double z = cam.zoom();
		double[] o = cam.origin();
		float[] xyz = points.xyz(), d = points.d(), fr = points.frame();
		int best = -1;
		double bestD2 = maxPixels * maxPixels;
		for (int i = 0; i < points.size(); i++) {
			if (!pass[i] || d[i] < dMin || fr[i] < zMin || fr[i] > zMax) continue;
			double px = o[0] + z * (v[0] * xyz[3 * i] + v[1] * xyz[3 * i + 1] + v[2] * xyz[3 * i + 2]);
			double py = o[1] - z * (v[3] * xyz[3 * i] + v[4] * xyz[3 * i + 1] + v[5] * xyz[3 * i + 2]);
			double d2 = (px - x) * (px - x) + (py - y) * (py - y);
			if (d2 <= bestD2) {
				bestD2 = d2;
				best = i;
			}
		}
		return best;
	}

	/**
	 * The rectangle of the buffer that the last {@link #render} wrote points into; outside it the
	 * buffer holds only the background.
	 *
	 * @return {x, y, width, height} in pixels (width and height 0 if no point was drawn)
	 */
	public int[] lastBounds() { return bounds.clone(); }

	/**
	 * The overlay lines for the current settings: for each shown crystal a*, b*, c* from the origin
	 * (solid, labelled) and the three far faces of the reciprocal cell (dashed); the rotation axis
	 * (labelled "phi", dashed on its negative side) and the beam direction s0 (labelled "beam"), scaled
	 * to the radius of the points. Axes are not drawn in the crystal frame.
	 */
	public List<Segment> overlay(RlvCamera cam) {
		List<Segment> out = new ArrayList<>();
		boolean cf = points.crystalFrame();
		int fg = black ? 0xFFFFFF : 0x000000;
		double radius = Math.max(points.maxRadius(), 1e-6);
		Experiment e0 = experiments.get(0);
		if (!cf && showAxis && e0.goniometer() != null) {
			Goniometer g = e0.goniometer();
			Vec3 axis = g.fixedRotation().transpose().times(g.rotationAxis()).normalize().times(radius);
			axisSegments(cam, axis, fg, "phi", out);
		}
		if (!cf && showBeam) {
			Goniometer g = e0.goniometer();
			Vec3 s0 = e0.beam().unitS0();
			if (g != null) s0 = g.fixedRotation().transpose().times(g.settingRotation().transpose().times(s0));
			axisSegments(cam, s0.times(radius), fg, "beam", out);
		}
		if (showCell)
			for (int i = 0; i < experiments.size(); i++) {
				Crystal c = experiments.get(i).crystal();
				if (c == null || !isLatticeVisible(i) || isDuplicateCrystal(i)) continue;
				Vec3[] abc = RlvMapper.reciprocalBasis(c, cf);
				int col = latticeColour(i);
				String[] names = { "a*", "b*", "c*" };
				for (int k = 0; k < 3; k++) out.add(seg(cam, Vec3.ZERO, abc[k], col, false, 2, names[k]));
				Vec3 far = abc[0].plus(abc[1]).plus(abc[2]);
				for (int k = 0; k < 3; k++) {
					Vec3 p = abc[(k + 1) % 3], q = abc[(k + 2) % 3];
					Vec3[] loop = { far, far.minus(p), far.minus(p).minus(q), far.minus(q) };
					for (int j = 0; j < 4; j++) out.add(seg(cam, loop[j], loop[(j + 1) % 4], col, true, 1, null));
				}
			}
		return out;
	}

	private boolean isDuplicateCrystal(int i) {
		Crystal c = experiments.get(i).crystal();
		for (int j = 0; j < i; j++) if (experiments.get(j).crystal() == c) return true;
		return false;
	}

	private static void axisSegments(RlvCamera cam, Vec3 a, int rgb, String label, List<Segment> out) {
		out.add(seg(cam, Vec3.ZERO, a, rgb, false, 1, label));
		out.add(seg(cam, Vec3.ZERO, a.negate(), rgb, true, 1, null));
	}

	private static Segment seg(RlvCamera cam, Vec3 a, Vec3 b, int rgb, boolean dashed, int width, String label) {
		double[] p = cam.project(a.toArray()), q = cam.project(b.toArray());
		return new Segment(p[0], p[1], q[0], q[1], rgb, dashed, width, label);
	}

	private int onBackground(int c) {
		return black ? c : 0xFFFFFF - c;
	}

	private void recolour() {
		int n = points.size();
		if (colour.length != n) colour = new int[n];
		boolean[] idx = points.indexed(), inl = points.inlier();
		int[] lat = points.lattice();
		long[] fl = points.flags();
		float[] fr = points.frame();
		double lo = frameRange[0], span = Math.max(frameRange[1] - frameRange[0], 1e-9);
		for (int i = 0; i < n; i++) {
			colour[i] = switch (colourBy) {
				case LATTICE -> latticeColour(lat[i]);
				case INDEXED -> onBackground(idx[i] ? PALETTE[2] : PALETTE[0]);
				case INLIER -> !idx[i] ? UNINDEXED_GREY
						: ReflectionFlag.CENTROID_OUTLIER.isSet(fl[i]) ? OUTLIER : inl[i] ? INLIER : NOT_USED;
				case FRAME -> frameColour(Math.rint(127 * (fr[i] - lo) / span) / 127);
			};
		}
		java.util.Map<Integer, Integer> index = new java.util.HashMap<>();
		int bg = background();
		index.put(bg, 0);
		if (colourIndex.length != n) colourIndex = new byte[n];
		for (int i = 0; i < n; i++) {
			Integer k = index.get(colour[i]);
			if (k == null) {
				k = index.size();
				if (k > 255) throw new IllegalStateException("more than 256 colours");
				index.put(colour[i], k);
			}
			colourIndex[i] = (byte) (int) k;
		}
		int[] pal = new int[index.size()];
		index.forEach((c, k) -> pal[k] = c);
		palette = pal;
	}

	/** @return the blue→yellow (viridis-like) colour of {@code t} in [0, 1] */
	public static int frameColour(double t) {
		t = Math.max(0, Math.min(1, t)) * (FRAME_MAP.length - 1);
		int k = Math.min((int) t, FRAME_MAP.length - 2);
		double f = t - k;
		int a = FRAME_MAP[k], b = FRAME_MAP[k + 1];
		int r = (int) Math.round(((a >> 16) & 255) * (1 - f) + ((b >> 16) & 255) * f);
		int g = (int) Math.round(((a >> 8) & 255) * (1 - f) + ((b >> 8) & 255) * f);
		int bl = (int) Math.round((a & 255) * (1 - f) + (b & 255) * f);
		return (r << 16) | (g << 8) | bl;
	}

	private void refilter() {
		int n = points.size();
		if (pass.length != n) pass = new boolean[n];
		boolean[] idx = points.indexed();
		int[] lat = points.lattice();
		long[] flags = points.flags();
		for (int i = 0; i < n; i++) {
			boolean ok = !hiddenLattices.get(lat[i] + 1);
			if (ok && display != Display.ALL) {
				ok = switch (display) {
					case INDEXED -> idx[i];
					case UNINDEXED -> !idx[i];
					case INTEGRATED -> (flags[i] & ReflectionFlag.INTEGRATED) != 0;
					default -> true;
				};
			}
			// as DIALS: outliers are the spots flagged centroid_outlier
			if (ok && outlierDisplay != null)
				ok = (outlierDisplay == OutlierDisplay.OUTLIERS) == ReflectionFlag.CENTROID_OUTLIER.isSet(flags[i]);
			pass[i] = ok;
		}
		countVisible();
	}

	private void countVisible() {
		int c = 0;
		float[] d = points.d(), fr = points.frame();
		for (int i = 0; i < pass.length; i++) if (pass[i] && d[i] >= dMin && fr[i] >= zMin && fr[i] <= zMax) c++;
		visible = c;
	}
}

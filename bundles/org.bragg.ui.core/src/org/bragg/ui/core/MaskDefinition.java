package org.bragg.ui.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A user mask as a list of shapes, in the terms of {@code dials.generate_mask}: untrusted polygons,
 * circles and rectangles on one panel each (panel pixel coordinates, integers as DIALS takes them) and
 * untrusted resolution ranges (Å). {@link #toPhil()} writes it in DIALS PHIL syntax, so that
 * {@code bragg generate_mask imported.expt mask.phil} (or {@code dials.generate_mask}) reproduces the
 * mask; the pixels follow dxtbx: a rectangle x0,x1,y0,y1 masks x0 ≤ x &lt; x1, y0 ≤ y &lt; y1, a circle
 * xc,yc,r masks (x−xc)² + (y−yc)² &lt; r², a polygon masks the pixels whose centre lies inside
 * (even–odd rule).
 *
 * <p>Immutable; {@link #with} and {@link #withoutLast} return new definitions.
 *
 * @since 0.1
 */
public final class MaskDefinition {
	/** One shape of the mask. */
	public sealed interface Region permits Polygon, Circle, Rectangle, ResolutionRange {
		/** @return the PHIL text of this region (one or more lines, no trailing newline) */
		String toPhil();
	}

	/**
	 * An untrusted polygon.
	 *
	 * @param panel panel index
	 * @param xy corners x1,y1,x2,y2,… (fast, slow; px), at least 4 corners as DIALS requires
	 */
	public record Polygon(int panel, int[] xy) implements Region {
		/** @throws IllegalArgumentException for fewer than 4 corners or an odd number of values */
		public Polygon {
			xy = xy.clone();
			if (xy.length % 2 != 0 || xy.length < 8) throw new IllegalArgumentException("a polygon needs at least 4 corners (x,y pairs), got " + xy.length + " values");
		}

		@Override public int[] xy() { return xy.clone(); }

		@Override
		public String toPhil() { return untrusted(panel, "polygon", xy); }

		@Override public boolean equals(Object o) { return o instanceof Polygon p && p.panel == panel && java.util.Arrays.equals(p.xy, xy); }
		@Override public int hashCode() { return 31 * panel + java.util.Arrays.hashCode(xy); }
		@Override public String toString() { return "Polygon[panel=" + panel + ", xy=" + java.util.Arrays.toString(xy) + "]"; }
	}

	/** An untrusted circle: centre (xc, yc) and radius r, px, on a panel. */
	public record Circle(int panel, int xc, int yc, int r) implements Region {
		/** @throws IllegalArgumentException if r &lt; 1 */
		public Circle {
			if (r < 1) throw new IllegalArgumentException("circle radius must be >= 1 px, got " + r);
		}

		@Override public String toPhil() { return untrusted(panel, "circle", new int[] { xc, yc, r }); }
	}

	/** An untrusted rectangle x0 ≤ x &lt; x1, y0 ≤ y &lt; y1 (px) on a panel. */
	public record Rectangle(int panel, int x0, int x1, int y0, int y1) implements Region {
		/** @throws IllegalArgumentException if the rectangle is empty */
		public Rectangle {
			if (x1 <= x0 || y1 <= y0) throw new IllegalArgumentException("empty rectangle " + x0 + "," + x1 + "," + y0 + "," + y1);
		}

		@Override public String toPhil() { return untrusted(panel, "rectangle", new int[] { x0, x1, y0, y1 }); }
	}

	/** An untrusted resolution range between two resolutions d1, d2 (Å, any order, different). */
	public record ResolutionRange(double d1, double d2) implements Region {
		/** @throws IllegalArgumentException unless both are positive, finite and different */
		public ResolutionRange {
			if (!(d1 > 0 && d2 > 0) || Double.isInfinite(d1) || Double.isInfinite(d2) || d1 == d2)
				throw new IllegalArgumentException("resolution_range needs two different positive resolutions (Å), got " + d1 + ", " + d2);
		}

		@Override
		public String toPhil() { return String.format(Locale.ROOT, "resolution_range = %.4f,%.4f", Math.min(d1, d2), Math.max(d1, d2)); }
	}

	private static String untrusted(int panel, String key, int[] v) {
		StringBuilder b = new StringBuilder("untrusted {\n  panel = ").append(panel).append("\n  ").append(key).append(" = ");
		for (int i = 0; i < v.length; i++) b.append(i > 0 ? "," : "").append(v[i]);
		return b.append("\n}").toString();
	}

	/** The empty mask. */
	public static final MaskDefinition EMPTY = new MaskDefinition(List.of());

	private final List<Region> regions;

	/** @param regions the shapes, in drawing order */
	public MaskDefinition(List<Region> regions) {
		this.regions = List.copyOf(regions);
	}

	/** @return the shapes */
	public List<Region> regions() { return regions; }

	/** @return true if there is no shape */
	public boolean isEmpty() { return regions.isEmpty(); }

	/** @return this definition with one more shape */
	public MaskDefinition with(Region r) {
		List<Region> l = new ArrayList<>(regions);
		l.add(Objects.requireNonNull(r));
		return new MaskDefinition(l);
	}

	/** @return this definition without its last shape (itself if empty) */
	public MaskDefinition withoutLast() {
		return regions.isEmpty() ? this : new MaskDefinition(regions.subList(0, regions.size() - 1));
	}

	/**
	 * @return the definition as a {@code dials.generate_mask} PHIL file: one {@code untrusted { … }}
	 *         scope per shape (with its {@code panel}), one {@code resolution_range} per range
	 */
	public String toPhil() {
		StringBuilder b = new StringBuilder("# mask drawn in the Bragg image viewer: bragg generate_mask imported.expt mask.phil\n");
		for (Region r : regions) b.append(r.toPhil()).append('\n');
		return b.toString();
	}

	@Override public boolean equals(Object o) { return o instanceof MaskDefinition m && m.regions.equals(regions); }
	@Override public int hashCode() { return regions.hashCode(); }
	@Override public String toString() { return "MaskDefinition" + regions; }
}

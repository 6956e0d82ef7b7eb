package org.bragg.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A detector: an ordered list of {@link Panel}s plus an optional hierarchy of panel groups, as
 * dxtbx's {@code Detector}. Frames are global DIALS laboratory frames in mm.
 *
 * @since 0.1
 */
public final class Detector {
	private final List<Panel> panels;
	private final DetectorNode.Group hierarchy;

	/**
	 * @param hierarchy the root group, or null for a flat detector (a root group containing every panel is then implied)
	 * @throws IllegalArgumentException if there are no panels
	 */
	public Detector(List<Panel> panels, DetectorNode.Group hierarchy) {
		if (panels.isEmpty()) throw new IllegalArgumentException("a detector needs at least one panel");
		this.panels = List.copyOf(panels);
		this.hierarchy = hierarchy;
	}

	/** A single-panel detector with a trivial hierarchy. */
	public static Detector single(Panel p) { return new Detector(List.of(p), null); }

	public List<Panel> panels() { return panels; }
	public Panel panel(int i) { return panels.get(i); }
	public int size() { return panels.size(); }

	/** @return the root group; for a flat detector, a synthetic root at the first panel's frame containing every panel */
	public DetectorNode.Group hierarchy() {
		if (hierarchy != null) return hierarchy;
		List<DetectorNode> kids = new ArrayList<>();
		for (int i = 0; i < panels.size(); i++) kids.add(new DetectorNode.PanelRef(i));
		Panel p = panels.get(0);
		return new DetectorNode.Group("", "", p.fastAxis(), p.slowAxis(), p.origin(), kids);
	}

	/** @return true if the hierarchy was given explicitly (e.g. read from a file) */
	public boolean hasExplicitHierarchy() { return hierarchy != null; }

	/** Copy with panel i replaced. */
	public Detector withPanel(int i, Panel p) {
		List<Panel> l = new ArrayList<>(panels);
		l.set(i, p);
		return new Detector(l, hierarchy);
	}

	public Detector withPanels(List<Panel> ps) { return new Detector(ps, hierarchy); }

	public Detector withHierarchy(DetectorNode.Group h) { return new Detector(panels, h); }

	/** Where a ray hits the detector: panel index and mm coordinates in that panel's frame. */
	public record Intersection(int panel, double xMm, double yMm) {}

	/**
	 * The first panel (lowest index) whose area the ray from the sample along {@code s} crosses.
	 *
	 * @return the intersection, or null if no panel is hit
	 */
	public Intersection rayIntersection(Vec3 s) {
		for (int i = 0; i < panels.size(); i++) {
			Panel p = panels.get(i);
			double[] mm = p.rayIntersection(s);
			if (mm == null) continue;
			double[] px = p.millimetreToPixel(mm[0], mm[1]);
			if (p.isCoordValid(px[0], px[1])) return new Intersection(i, mm[0], mm[1]);
		}
		return null;
	}

	/**
	 * The panel on which the beam centre falls, or, if the beam misses every panel, the panel whose
	 * plane the beam crosses closest to the panel centre (as dials.show reports for multi-panel detectors).
	 *
	 * @return the intersection with the beam (mm, possibly outside the panel), or null if no plane is hit
	 */
	public Intersection beamCentre(Vec3 s0) {
		Intersection hit = rayIntersection(s0);
		if (hit != null) return hit;
		Intersection best = null;
		double bestD = Double.POSITIVE_INFINITY;
		for (int i = 0; i < panels.size(); i++) {
			Panel p = panels.get(i);
			double[] mm = p.rayIntersection(s0);
			if (mm == null) continue;
			double cx = p.nFast() * p.pixelSize()[0] / 2, cy = p.nSlow() * p.pixelSize()[1] / 2;
			double dd = Math.hypot(mm[0] - cx, mm[1] - cy);
			if (dd < bestD) {
				bestD = dd;
				best = new Intersection(i, mm[0], mm[1]);
			}
		}
		return best;
	}

	/** @return the highest resolution d (Å) reached at any panel corner (dials.show "Max resolution (at corners)") */
	public double maxResolutionAtCorners(Vec3 s0) {
		double best = Double.POSITIVE_INFINITY;
		for (Panel p : panels) {
			int nf = p.nFast(), ns = p.nSlow();
			double[][] corners = { { 0, 0 }, { nf, 0 }, { 0, ns }, { nf, ns } };
			for (double[] c : corners) best = Math.min(best, p.resolutionAtPixel(s0, c[0], c[1]));
		}
		return best;
	}

	/**
	 * The resolution of the largest circle about the beam that is inscribed in the detector
	 * (dials.show "Max resolution (inscribed)"), as dxtbx computes it: for one panel, the best resolution
	 * reached along the horizontal and vertical lines through the beam centre at the panel edges; for
	 * several panels, the distance from the beam to the convex hull of the stereographic projections
	 * of all panel corners.
	 *
	 * @return d in Å
	 */
	public double maxResolutionInscribed(Vec3 s0) {
		if (panels.size() == 1) {
			Panel p = panels.get(0);
			double[] c = p.beamCentrePx(s0);
			if (c != null) {
				return Math.max(Math.max(p.resolutionAtPixel(s0, 0, c[1]), p.resolutionAtPixel(s0, p.nFast(), c[1])),
						Math.max(p.resolutionAtPixel(s0, c[0], 0), p.resolutionAtPixel(s0, c[0], p.nSlow())));
			}
		}
		Vec3 za = s0.normalize().negate();
		Vec3 ya = (za.dot(new Vec3(1, 0, 0)) < 0.9 ? za.cross(new Vec3(1, 0, 0)) : za.cross(new Vec3(0, 1, 0))).normalize();
		Vec3 xa = za.cross(ya).normalize();
		List<double[]> pts = new ArrayList<>();
		for (Panel p : panels) {
			for (double[] c : new double[][] { { 0, 0 }, { p.nFast(), 0 }, { 0, p.nSlow() }, { p.nFast(), p.nSlow() } }) {
				Vec3 v = p.pixelToLab(c[0], c[1]).normalize();
				double pz = v.dot(za);
				pts.add(new double[] { 2 * v.dot(xa) / (1 - pz), 2 * v.dot(ya) / (1 - pz) });
			}
		}
		List<double[]> hull = convexHull(pts);
		double minD = Double.POSITIVE_INFINITY;
		for (int i = 0, j = hull.size() - 1; i < hull.size(); j = i++) minD = Math.min(minD, distanceToSegment(hull.get(j), hull.get(i)));
		double angle = 2 * Math.atan(minD / 2);
		return 1.0 / (2 * s0.length() * Math.sin(angle / 2));
	}

	/** Andrew's monotone chain convex hull (counter-clockwise). */
	private static List<double[]> convexHull(List<double[]> in) {
		List<double[]> p = new ArrayList<>(in);
		p.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
		int n = p.size();
		double[][] h = new double[2 * n][];
		int k = 0;
		for (int i = 0; i < n; i++) {
			while (k >= 2 && cross(h[k - 2], h[k - 1], p.get(i)) <= 0) k--;
			h[k++] = p.get(i);
		}
		for (int i = n - 2, t = k + 1; i >= 0; i--) {
			while (k >= t && cross(h[k - 2], h[k - 1], p.get(i)) <= 0) k--;
			h[k++] = p.get(i);
		}
		List<double[]> out = new ArrayList<>();
		for (int i = 0; i < k - 1; i++) out.add(h[i]);
		return out;
	}

	private static double cross(double[] o, double[] a, double[] b) {
		return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
	}

	/** Distance from the origin to segment ab. */
	private static double distanceToSegment(double[] a, double[] b) {
		double dx = b[0] - a[0], dy = b[1] - a[1];
		double l2 = dx * dx + dy * dy;
		double t = l2 == 0 ? 0 : Math.max(0, Math.min(1, -(a[0] * dx + a[1] * dy) / l2));
		return Math.hypot(a[0] + t * dx, a[1] + t * dy);
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof Detector d && d.panels.equals(panels) && Objects.equals(d.hierarchy, hierarchy);
	}

	@Override
	public int hashCode() { return panels.size(); }

	@Override
	public String toString() { return "Detector[" + panels.size() + " panel(s)]"; }
}

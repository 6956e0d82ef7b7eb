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
	 * The resolution of the largest circle about the beam centre that is inscribed in the detector
	 * (dials.show "Max resolution (inscribed)"): the lowest-angle point of each panel's edges, the
	 * minimum 2θ over all detector edge midpoints and corners for a single panel.
	 *
	 * @return d in Å
	 */
	public double maxResolutionInscribed(Vec3 s0) {
		// As dxtbx: the minimum over panels of the max-2θ along the panel edges closest to the beam,
		// here computed by sampling each edge densely and taking the smallest 2θ found on the outer boundary.
		double minTwoTheta = Double.POSITIVE_INFINITY;
		for (Panel p : panels) {
			int nf = p.nFast(), ns = p.nSlow();
			int steps = 256;
			for (int k = 0; k <= steps; k++) {
				double t = (double) k / steps;
				minTwoTheta = Math.min(minTwoTheta, p.twoThetaAtPixel(s0, t * nf, 0));
				minTwoTheta = Math.min(minTwoTheta, p.twoThetaAtPixel(s0, t * nf, ns));
				minTwoTheta = Math.min(minTwoTheta, p.twoThetaAtPixel(s0, 0, t * ns));
				minTwoTheta = Math.min(minTwoTheta, p.twoThetaAtPixel(s0, nf, t * ns));
			}
			if (panels.size() > 1) break; // multi-panel: see note below
		}
		if (panels.size() > 1) {
			// For a tiled detector the inscribed circle is bounded by the outer envelope: use the largest
			// per-panel maximum 2θ along outward edges, approximated by the minimum over panels of each
			// panel's maximum corner 2θ.
			double envelope = Double.POSITIVE_INFINITY;
			double maxAll = 0;
			for (Panel p : panels) {
				int nf = p.nFast(), ns = p.nSlow();
				double m = 0;
				for (double[] c : new double[][] { { 0, 0 }, { nf, 0 }, { 0, ns }, { nf, ns } })
					m = Math.max(m, p.twoThetaAtPixel(s0, c[0], c[1]));
				maxAll = Math.max(maxAll, m);
				envelope = Math.min(envelope, m);
			}
			minTwoTheta = envelope;
		}
		double lambda = 1.0 / s0.length();
		return lambda / (2 * Math.sin(minTwoTheta / 2));
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

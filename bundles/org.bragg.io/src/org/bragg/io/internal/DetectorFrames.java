package org.bragg.io.internal;

import org.bragg.model.Mat3;
import org.bragg.model.Vec3;

/**
 * Conversion between the <em>local</em> panel and group frames stored in a dxtbx detector hierarchy
 * and the <em>global</em> laboratory frames Bragg keeps.
 *
 * <p>A node's frame is (fast, slow, origin), mm, and its parent's global frame (f<sub>p</sub>,
 * s<sub>p</sub>, o<sub>p</sub>), with the axes normalised, defines the orientation P = [f<sub>p</sub> | s<sub>p</sub> |
 * f<sub>p</sub>×s<sub>p</sub>] (columns). A local frame (f, s, o), with f and s first normalised,
 * maps to the global frame (P·f, P·s, P·o + o<sub>p</sub>); the root's parent is the identity frame
 * at the lab origin. This is the composition dxtbx's {@code VirtualPanelFrame} performs
 * (Parkhurst et al. 2014, J. Appl. Cryst. 47, 1459–1465); the sums are evaluated in the same order so
 * that results agree to the last bit in practice.
 */
public final class DetectorFrames {
	private DetectorFrames() {}

	/** A frame: unit fast and slow axes and an origin (mm). */
	public record Frame(Vec3 fast, Vec3 slow, Vec3 origin) {
		/** The identity frame at the lab origin (the parent of a hierarchy root). */
		public static final Frame IDENTITY = new Frame(new Vec3(1, 0, 0), new Vec3(0, 1, 0), Vec3.ZERO);
	}

	/** @return the global frame of a node with local frame {@code local} under a parent with global frame {@code parent} */
	public static Frame toGlobal(Frame parent, Frame local) {
		Vec3 pf = parent.fast().normalize(), ps = parent.slow().normalize(), pn = pf.cross(ps);
		Vec3 lf = local.fast().normalize(), ls = local.slow().normalize(), lo = local.origin();
		Vec3 f = apply(pf, ps, pn, lf);
		Vec3 s = apply(pf, ps, pn, ls);
		Vec3 o = apply(pf, ps, pn, lo);
		o = new Vec3(o.x() + parent.origin().x(), o.y() + parent.origin().y(), o.z() + parent.origin().z());
		return new Frame(f, s, o);
	}

	/** @return the local frame of a node with global frame {@code global} under a parent with global frame {@code parent} */
	public static Frame toLocal(Frame parent, Frame global) {
		Vec3 pf = parent.fast().normalize(), ps = parent.slow().normalize(), pn = pf.cross(ps);
		Mat3 inv = Mat3.fromColumns(pf, ps, pn).inverse();
		Vec3 f = inv.times(global.fast());
		Vec3 s = inv.times(global.slow());
		Vec3 o = inv.times(global.origin().minus(parent.origin()));
		return new Frame(f, s, o);
	}

	/** P·v with P's columns a, b, c, summed in the order scitbx's mat3 product uses. */
	private static Vec3 apply(Vec3 a, Vec3 b, Vec3 c, Vec3 v) {
		return new Vec3(a.x() * v.x() + b.x() * v.y() + c.x() * v.z(), a.y() * v.x() + b.y() * v.y() + c.y() * v.z(),
				a.z() * v.x() + b.z() * v.y() + c.z() * v.z());
	}
}

package org.bragg.indexing.internal;

import org.bragg.model.Beam;
import org.bragg.model.Experiment;
import org.bragg.model.Goniometer;
import org.bragg.model.Mat3;
import org.bragg.model.Panel;
import org.bragg.model.Vec3;

/**
 * Spot prediction for scoring indexing solutions and for stills, following DIALS's rotation
 * predictor (Ewald condition solved for φ) and its stills ΔΨ predictor.
 *
 * <p>Rotation: with r_f = F·A·h and s0′ = S⁻¹·s0, the condition |s0′ + R(e, φ)·r_f| = |s0| is
 * A·cos φ + B·sin φ + C = 0 (r_f split along and across e); of the two solutions the one closer to
 * the observed φ is used; s1 = s0 + S·R(e, φ)·r_f. Still: r = A·h is rotated about r × s0 onto the
 * Ewald sphere (the smallest rotation, ΔΨ) and s1 = s0 + r′. Positions are where s1 meets the given
 * panel, in mm in the panel frame (parallax is not applied: mm ↔ px conversions stay with the
 * caller). {@link Geometry} caches an experiment's models as primitives for hot loops; it is
 * immutable and thread-safe.
 */
public final class SpotPrediction {
	private SpotPrediction() {}

	/** An experiment's beam, goniometer and panels as primitive arrays. */
	public static final class Geometry {
		final double s0x, s0y, s0z, s0len;
		final boolean still;
		final double[] f, s; // row-major
		final double ex, ey, ez;
		final double s0px, s0py, s0pz; // S^T s0
		final double[][] dinv; // per panel, row-major inverse d matrix (null if none)

		public Geometry(Experiment e) {
			Vec3 s0 = e.beam().s0();
			s0x = s0.x();
			s0y = s0.y();
			s0z = s0.z();
			s0len = s0.length();
			still = e.isStill() || e.goniometer() == null;
			Goniometer g = e.goniometer();
			if (!still) {
				f = g.fixedRotation().toArray();
				s = g.settingRotation().toArray();
				Vec3 ax = g.rotationAxis();
				ex = ax.x();
				ey = ax.y();
				ez = ax.z();
				Vec3 sp = g.settingRotation().transpose().times(s0);
				s0px = sp.x();
				s0py = sp.y();
				s0pz = sp.z();
			} else {
				f = s = null;
				ex = ey = ez = s0px = s0py = s0pz = 0;
			}
			dinv = new double[e.detector().size()][];
			for (int i = 0; i < dinv.length; i++) {
				Mat3 d = e.detector().panel(i).dInverse();
				dinv[i] = d == null ? null : d.toArray();
			}
		}

		public boolean isStill() { return still; }

		/**
		 * Predicts one reflection: rotation (x, y, φ) nearest {@code phiObs}, or still (x, y, ΔΨ).
		 *
		 * @param a row-major A = U·B
		 * @return false if the reflection cannot be predicted on that panel
		 */
		public boolean predict(double[] a, double h, double k, double l, double phiObs, int panel, double[] out, int off) {
			double qx = a[0] * h + a[1] * k + a[2] * l, qy = a[3] * h + a[4] * k + a[5] * l, qz = a[6] * h + a[7] * k + a[8] * l;
			double s1x, s1y, s1z, third;
			if (still) {
				double ql = Math.sqrt(qx * qx + qy * qy + qz * qz);
				if (ql == 0 || ql > 2 * s0len) return false;
				double ux = s0x / s0len, uy = s0y / s0len, uz = s0z / s0len;
				double qpar = qx * ux + qy * uy + qz * uz;
				double wx = qx - ux * qpar, wy = qy - uy * qpar, wz = qz - uz * qpar;
				double wl = Math.sqrt(wx * wx + wy * wy + wz * wz);
				if (wl == 0) return false;
				wx /= wl;
				wy /= wl;
				wz /= wl;
				double cosB = -ql / (2 * s0len), sinB = Math.sqrt(Math.max(0, 1 - cosB * cosB));
				s1x = s0x + ql * (cosB * ux + sinB * wx);
				s1y = s0y + ql * (cosB * uy + sinB * wy);
				s1z = s0z + ql * (cosB * uz + sinB * wz);
				third = Math.atan2(wl, qpar) - Math.atan2(sinB, cosB);
			} else {
				double rx = f[0] * qx + f[1] * qy + f[2] * qz, ry = f[3] * qx + f[4] * qy + f[5] * qz, rz = f[6] * qx + f[7] * qy + f[8] * qz;
				double par = rx * ex + ry * ey + rz * ez;
				double px = rx - ex * par, py = ry - ey * par, pz = rz - ez * par;
				double cx = ey * pz - ez * py, cy = ez * px - ex * pz, cz = ex * py - ey * px; // e × perp
				double ca = s0px * px + s0py * py + s0pz * pz, cb = s0px * cx + s0py * cy + s0pz * cz;
				double cc = par * (s0px * ex + s0py * ey + s0pz * ez) + (rx * rx + ry * ry + rz * rz) / 2;
				double rr = Math.hypot(ca, cb);
				if (rr == 0 || Math.abs(cc) > rr) return false;
				double theta = Math.atan2(cb, ca), dphi = Math.acos(-cc / rr);
				double p1 = closest(theta + dphi, phiObs), p2 = closest(theta - dphi, phiObs);
				double phi = Math.abs(p1 - phiObs) <= Math.abs(p2 - phiObs) ? p1 : p2;
				double c = Math.cos(phi), sn = Math.sin(phi);
				double vx = ex * par + c * px + sn * cx, vy = ey * par + c * py + sn * cy, vz = ez * par + c * pz + sn * cz;
				s1x = s0x + s[0] * vx + s[1] * vy + s[2] * vz;
				s1y = s0y + s[3] * vx + s[4] * vy + s[5] * vz;
				s1z = s0z + s[6] * vx + s[7] * vy + s[8] * vz;
				third = phi;
			}
			if (panel < 0 || panel >= dinv.length || dinv[panel] == null) return false;
			double[] d = dinv[panel];
			double u = d[0] * s1x + d[1] * s1y + d[2] * s1z, v = d[3] * s1x + d[4] * s1y + d[5] * s1z, w = d[6] * s1x + d[7] * s1y + d[8] * s1z;
			if (w <= 0) return false;
			out[off] = u / w;
			out[off + 1] = v / w;
			out[off + 2] = third;
			return true;
		}
	}

	/**
	 * Predicts (x mm, y mm, φ rad) for a rotation experiment, or returns false if h does not
	 * reach the Ewald sphere or the ray misses the panel plane.
	 *
	 * @param a the crystal setting matrix A (at φ = 0)
	 * @param out receives {x, y, φ} at {@code off}
	 */
	public static boolean rotation(Beam beam, Goniometer g, Panel panel, Mat3 a, double h, double k, double l, double phiObs, double[] out, int off) {
		Vec3 s0 = beam.s0();
		Mat3 f = g.fixedRotation(), s = g.settingRotation();
		Vec3 e = g.rotationAxis();
		Vec3 rf = f.times(a.times(new Vec3(h, k, l)));
		Vec3 s0p = s.transpose().times(s0);
		double par = rf.dot(e);
		Vec3 perp = rf.minus(e.times(par));
		Vec3 exp = e.cross(perp);
		double ca = s0p.dot(perp), cb = s0p.dot(exp), cc = par * s0p.dot(e) + rf.lengthSq() / 2;
		double rr = Math.hypot(ca, cb);
		if (rr == 0 || Math.abs(cc) > rr) return false;
		double theta = Math.atan2(cb, ca);
		double dphi = Math.acos(-cc / rr);
		double p1 = closest(theta + dphi, phiObs), p2 = closest(theta - dphi, phiObs);
		double phi = Math.abs(p1 - phiObs) <= Math.abs(p2 - phiObs) ? p1 : p2;
		Vec3 r = s.times(rf.rotateAround(e, phi));
		Vec3 s1 = s0.plus(r);
		double[] mm = panel.rayIntersection(s1);
		if (mm == null) return false;
		out[off] = mm[0];
		out[off + 1] = mm[1];
		out[off + 2] = phi;
		return true;
	}

	/**
	 * Predicts (x mm, y mm, ΔΨ rad) for a still, or returns false if the ray misses the panel.
	 */
	public static boolean still(Beam beam, Panel panel, Mat3 a, double h, double k, double l, double[] out, int off) {
		Vec3 s0 = beam.s0();
		Vec3 q = a.times(new Vec3(h, k, l));
		double ql = q.length();
		double s0l = s0.length();
		if (ql == 0 || ql > 2 * s0l) return false;
		Vec3 u = s0.times(1 / s0l);
		double qpar = q.dot(u);
		Vec3 w = q.minus(u.times(qpar));
		double wl = w.length();
		if (wl == 0) return false;
		w = w.times(1 / wl);
		double cosB = -ql / (2 * s0l);
		double sinB = Math.sqrt(Math.max(0, 1 - cosB * cosB));
		Vec3 qn = u.times(ql * cosB).plus(w.times(ql * sinB));
		Vec3 s1 = s0.plus(qn);
		double[] mm = panel.rayIntersection(s1);
		if (mm == null) return false;
		double alpha = Math.atan2(wl, qpar);
		double beta = Math.atan2(sinB, cosB);
		out[off] = mm[0];
		out[off + 1] = mm[1];
		out[off + 2] = alpha - beta;
		return true;
	}

	/** @return angle equivalent (mod 2π) to {@code x} that is nearest to {@code ref} */
	static double closest(double x, double ref) {
		double d = x - ref;
		d -= 2 * Math.PI * Math.rint(d / (2 * Math.PI));
		return ref + d;
	}
}

package org.bragg.refinement.internal;

import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Mat3;
import org.bragg.model.Panel;
import org.bragg.model.Scan;
import org.bragg.model.Vec3;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionFlag;
import org.bragg.model.reflection.ReflectionTable;

/**
 * Index assignment with a known crystal by rounding (DIALS {@code assign_indices.simple}): spot centroids
 * are mapped to mm/rad (DIALS {@code centroid_px_to_mm_panel}: variances scaled by the pixel size² and the
 * oscillation width², assuming a locally flat px→mm transform), to s1 and to the reciprocal lattice
 * point at φ = 0, r₀ = F⁻¹·R(e, −φ)·S⁻¹·(s1 − s0); hkl = round(A⁻¹·r₀) is accepted when every fractional
 * part is within the tolerance. Used to build refinement input from strong spots and a known model
 * (tests, benchmarks); the indexing bundle has the full algorithms.
 */
public final class SimpleIndexer {
	private SimpleIndexer() {}

	/** Adds xyzobs.mm.value/variance, s1 and rlp if absent (DIALS {@code centroid_px_to_mm}, {@code map_centroids_to_reciprocal_space}). */
	public static void centroidsToMm(ExperimentList el, ReflectionTable t) {
		int n = t.size();
		int[] id = t.has(Columns.ID) ? t.get(Columns.ID) : new int[n];
		long[] panel = t.has(Columns.PANEL) ? t.get(Columns.PANEL) : new long[n];
		double[] px = t.get(Columns.XYZOBS_PX_VALUE);
		double[] vpx = t.has(Columns.XYZOBS_PX_VARIANCE) ? t.get(Columns.XYZOBS_PX_VARIANCE) : new double[3 * n];
		boolean have = t.has(Columns.XYZOBS_MM_VALUE);
		double[] mm = have ? t.get(Columns.XYZOBS_MM_VALUE) : new double[3 * n];
		double[] vmm = t.has(Columns.XYZOBS_MM_VARIANCE) ? t.get(Columns.XYZOBS_MM_VARIANCE) : new double[3 * n];
		double[] s1 = new double[3 * n], rlp = new double[3 * n];
		for (int i = 0; i < n; i++) {
			Experiment e = el.get(id[i]);
			Panel p = e.detector().panel((int) panel[i]);
			Scan scan = e.scan();
			double osc = scan == null || e.isStill() ? 0 : Math.toRadians(scan.oscillationWidth());
			if (!have) {
				double[] xy = p.pixelToMillimetre(px[3 * i], px[3 * i + 1]);
				mm[3 * i] = xy[0];
				mm[3 * i + 1] = xy[1];
				mm[3 * i + 2] = osc == 0 ? 0 : Math.toRadians(scan.angleFromArrayIndex(px[3 * i + 2]));
				double[] ps = p.pixelSize();
				vmm[3 * i] = vpx[3 * i] * ps[0] * ps[0];
				vmm[3 * i + 1] = vpx[3 * i + 1] * ps[1] * ps[1];
				vmm[3 * i + 2] = vpx[3 * i + 2] * osc * osc;
			}
			Vec3 v = p.labCoord(mm[3 * i], mm[3 * i + 1]).normalize().times(1 / e.beam().wavelength());
			s1[3 * i] = v.x();
			s1[3 * i + 1] = v.y();
			s1[3 * i + 2] = v.z();
			Vec3 r = v.minus(e.beam().s0());
			if (e.goniometer() != null && osc != 0) {
				Mat3 rot = e.goniometer().rotationAt(mm[3 * i + 2]);
				r = rot.inverse().times(r);
			}
			rlp[3 * i] = r.x();
			rlp[3 * i + 1] = r.y();
			rlp[3 * i + 2] = r.z();
		}
		t.put(Columns.XYZOBS_MM_VALUE, mm);
		t.put(Columns.XYZOBS_MM_VARIANCE, vmm);
		t.put(Columns.S1, s1);
		t.put(Columns.RLP, rlp);
	}

	/**
	 * Assigns Miller indices with each experiment's crystal; sets {@code miller_index}, the {@code indexed}
	 * flag and {@code id} (the first experiment whose crystal indexes the spot; unindexed rows keep id −1).
	 *
	 * @return the number of indexed reflections
	 */
	public static int assign(ExperimentList el, ReflectionTable t, double tolerance) {
		centroidsToMm(el, t);
		int n = t.size();
		double[] rlp = t.get(Columns.RLP);
		int[] hkl = t.getOrCreate(Columns.MILLER_INDEX);
		long[] flags = t.getOrCreate(Columns.FLAGS);
		int[] id = t.getOrCreate(Columns.ID);
		int count = 0;
		Mat3[] ainv = new Mat3[el.size()];
		for (int e = 0; e < el.size(); e++) ainv[e] = el.get(e).crystal().a().inverse();
		for (int i = 0; i < n; i++) {
			hkl[3 * i] = hkl[3 * i + 1] = hkl[3 * i + 2] = 0;
			flags[i] &= ~ReflectionFlag.INDEXED.mask();
			int found = -1;
			for (int e = 0; e < el.size() && found < 0; e++) {
				Vec3 f = ainv[e].times(new Vec3(rlp[3 * i], rlp[3 * i + 1], rlp[3 * i + 2]));
				long h = Math.round(f.x()), k = Math.round(f.y()), l = Math.round(f.z());
				if (h == 0 && k == 0 && l == 0) continue;
				if (Math.abs(f.x() - h) < tolerance && Math.abs(f.y() - k) < tolerance && Math.abs(f.z() - l) < tolerance) {
					found = e;
					hkl[3 * i] = (int) h;
					hkl[3 * i + 1] = (int) k;
					hkl[3 * i + 2] = (int) l;
				}
			}
			if (found >= 0) {
				id[i] = found;
				flags[i] |= ReflectionFlag.INDEXED.mask();
				count++;
			} else id[i] = -1;
		}
		for (int e = 0; e < el.size(); e++) t.experimentIdentifiers().put(e, el.get(e).identifier());
		return count;
	}
}

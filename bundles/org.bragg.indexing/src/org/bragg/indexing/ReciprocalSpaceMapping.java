package org.bragg.indexing;

import java.util.List;

import org.bragg.model.Beam;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Goniometer;
import org.bragg.model.Mat3;
import org.bragg.model.Panel;
import org.bragg.model.Scan;
import org.bragg.model.Vec3;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionTable;

/**
 * Maps spot centroids from pixels and image numbers to millimetres and radians, and from there to
 * reciprocal space, as DIALS's {@code reflection_table.centroid_px_to_mm},
 * {@code map_centroids_to_reciprocal_space} and {@code calculate_entering_flags} do.
 *
 * <p>Frames: DIALS laboratory frame. For a rotation experiment with goniometer
 * r(φ) = S·R(e, φ)·F·r₀, the reciprocal lattice point of a spot observed at φ is
 * r₀ = F⁻¹·R(e, −φ)·S⁻¹·(s1 − s0), the vector at φ = 0 (Waterman et al. 2016, Acta Cryst. D72,
 * 558–575). For a still (no goniometer) r = s1 − s0. s1 has length 1/λ (Å⁻¹).
 *
 * <p>Rows are assigned to experiments through the {@code imageset_id} column (or {@code id} if
 * there is none): rows with imageset index i use experiment i's models, as DIALS does with one
 * experiment per imageset before indexing. Columns written: {@code xyzobs.mm.value} (x, y in mm in
 * the panel frame, z = φ in radians), {@code xyzobs.mm.variance} (mm², mm², rad²), {@code s1},
 * {@code rlp} and {@code entering}. Tables are modified in place; nothing else is kept.
 *
 * @since 0.1
 */
public final class ReciprocalSpaceMapping {
	private ReciprocalSpaceMapping() {}

	/**
	 * Converts {@code xyzobs.px.value}/{@code variance} (px, px, frames) to
	 * {@code xyzobs.mm.value}/{@code variance} through each panel's px→mm strategy (including
	 * parallax correction) and the scan's angle at the array index. A missing px variance is
	 * taken as (1, 1, 1) px², as DIALS does for spots imported from elsewhere. Stills (no scan)
	 * get φ = 0.
	 *
	 * @throws IllegalArgumentException if a row refers to an experiment or panel that does not exist
	 */
	public static void centroidPxToMm(ExperimentList experiments, ReflectionTable table) {
		int n = table.size();
		double[] px = table.get(Columns.XYZOBS_PX_VALUE);
		double[] pxVar = table.has(Columns.XYZOBS_PX_VARIANCE) ? table.get(Columns.XYZOBS_PX_VARIANCE) : null;
		long[] panel = table.get(Columns.PANEL);
		int[] group = groupIndex(table);
		double[] mm = new double[3 * n];
		double[] mmVar = new double[3 * n];
		for (int i = 0; i < n; i++) {
			Experiment e = experimentFor(experiments, group[i], i);
			Panel p = panelFor(e, panel[i], i);
			double[] xy = p.pixelToMillimetre(px[3 * i], px[3 * i + 1]);
			Scan scan = e.scan();
			double z = scan == null ? 0 : Math.toRadians(scan.angleFromArrayIndex(px[3 * i + 2]));
			double[] ps = p.pixelSize();
			double osc = scan == null ? 0 : Math.toRadians(scan.oscillationWidth());
			mm[3 * i] = xy[0];
			mm[3 * i + 1] = xy[1];
			mm[3 * i + 2] = z;
			double vx = pxVar == null ? 1 : pxVar[3 * i], vy = pxVar == null ? 1 : pxVar[3 * i + 1], vz = pxVar == null ? 1 : pxVar[3 * i + 2];
			mmVar[3 * i] = vx * ps[0] * ps[0];
			mmVar[3 * i + 1] = vy * ps[1] * ps[1];
			mmVar[3 * i + 2] = vz * osc * osc;
		}
		table.put(Columns.XYZOBS_MM_VALUE, mm);
		table.put(Columns.XYZOBS_MM_VARIANCE, mmVar);
	}

	/**
	 * Computes {@code s1} and {@code rlp} from {@code xyzobs.mm.value} (see the class comment).
	 *
	 * @throws IllegalArgumentException if a row refers to an experiment or panel that does not exist
	 */
	public static void mapCentroidsToReciprocalSpace(ExperimentList experiments, ReflectionTable table) {
		int n = table.size();
		double[] mm = table.get(Columns.XYZOBS_MM_VALUE);
		long[] panel = table.get(Columns.PANEL);
		int[] group = groupIndex(table);
		double[] s1 = new double[3 * n];
		double[] rlp = new double[3 * n];
		for (int i = 0; i < n; i++) {
			Experiment e = experimentFor(experiments, group[i], i);
			Panel p = panelFor(e, panel[i], i);
			mapOne(e.beam(), p, e.goniometer(), mm[3 * i], mm[3 * i + 1], mm[3 * i + 2], s1, rlp, i);
		}
		table.put(Columns.S1, s1);
		table.put(Columns.RLP, rlp);
	}

	/**
	 * Maps one observation to s1 and r₀, written at {@code 3·row} of the two arrays.
	 *
	 * @param gonio the goniometer, or null for a still (no rotation)
	 * @param phi rotation angle in radians
	 */
	public static void mapOne(Beam beam, Panel panel, Goniometer gonio, double xMm, double yMm, double phi, double[] s1Out,
			double[] rlpOut, int row) {
		Vec3 lab = panel.labCoord(xMm, yMm);
		double inv = 1.0 / (beam.wavelength() * lab.length());
		double sx = lab.x() * inv, sy = lab.y() * inv, sz = lab.z() * inv;
		s1Out[3 * row] = sx;
		s1Out[3 * row + 1] = sy;
		s1Out[3 * row + 2] = sz;
		Vec3 s0 = beam.s0();
		double rx = sx - s0.x(), ry = sy - s0.y(), rz = sz - s0.z();
		if (gonio == null) {
			rlpOut[3 * row] = rx;
			rlpOut[3 * row + 1] = ry;
			rlpOut[3 * row + 2] = rz;
			return;
		}
		// r0 = (S R(e, phi) F)^T r, all three are rotations
		Mat3 rt = gonio.rotationAt(phi).transpose();
		rt.times(rx, ry, rz, rlpOut, 3 * row);
	}

	/**
	 * Sets the {@code entering} column: true where s1 · (s0 × axis) &lt; 0 with the rotation axis in the
	 * lab frame (S·e); false for stills.
	 */
	public static void calculateEnteringFlags(ExperimentList experiments, ReflectionTable table) {
		int n = table.size();
		double[] s1 = table.get(Columns.S1);
		int[] group = groupIndex(table);
		boolean[] entering = new boolean[n];
		for (int i = 0; i < n; i++) {
			Experiment e = experimentFor(experiments, group[i], i);
			if (e.goniometer() == null) continue;
			Vec3 v = e.beam().s0().cross(e.goniometer().rotationAxisDatum());
			entering[i] = s1[3 * i] * v.x() + s1[3 * i + 1] * v.y() + s1[3 * i + 2] * v.z() < 0;
		}
		table.put(Columns.ENTERING, entering);
	}

	/** @return the per-row experiment index: {@code imageset_id} if present, else {@code id} */
	static int[] groupIndex(ReflectionTable table) {
		if (table.has(Columns.IMAGESET_ID)) return table.get(Columns.IMAGESET_ID);
		if (table.has(Columns.ID)) return table.get(Columns.ID);
		return new int[table.size()];
	}

	private static Experiment experimentFor(ExperimentList experiments, int index, int row) {
		if (index < 0 || index >= experiments.size())
			throw new IllegalArgumentException("reflection " + row + " refers to imageset " + index + " but there are " + experiments.size()
					+ " experiment(s)");
		return experiments.get(index);
	}

	private static Panel panelFor(Experiment e, long panel, int row) {
		List<Panel> panels = e.detector().panels();
		if (panel < 0 || panel >= panels.size())
			throw new IllegalArgumentException("reflection " + row + " is on panel " + panel + " but the detector has " + panels.size());
		return panels.get((int) panel);
	}
}

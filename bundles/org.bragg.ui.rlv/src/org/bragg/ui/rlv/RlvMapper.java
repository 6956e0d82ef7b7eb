package org.bragg.ui.rlv;

import java.util.ArrayList;
import java.util.List;

import org.bragg.indexing.ReciprocalSpaceMapping;
import org.bragg.model.Crystal;
import org.bragg.model.Detector;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Goniometer;
import org.bragg.model.Mat3;
import org.bragg.model.Panel;
import org.bragg.model.Scan;
import org.bragg.model.Vec3;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionFlag;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.model.symmetry.UnitCell;

/**
 * Maps spot centroids to reciprocal space for display, and changes the detector model for beam-centre
 * and distance nudging, as {@code dials.reciprocal_lattice_viewer} does through
 * {@code centroid_px_to_mm} and {@code map_centroids_to_reciprocal_space} (Winter et al. 2018,
 * Acta Cryst. D74, 85–97; geometry after Waterman et al. 2016, Acta Cryst. D72, 558–575).
 *
 * <p>For each spot: pixel centroid → mm on its panel (with the panel's parallax correction) → lab
 * direction s1 (|s1| = 1/λ, Å⁻¹) → r₀ = F⁻¹·R(e, −φ)·S⁻¹·(s1 − s0), the point at φ = 0, through
 * {@link ReciprocalSpaceMapping#mapOne}. In the crystal frame the point is U⁻¹·r₀ with U from
 * A = U·B of the spot's crystal, so that an indexed spot sits at B·h.
 *
 * <p>Rows are assigned to experiments (for beam, detector, goniometer and scan) through
 * {@code imageset_id}, else {@code id} (rows with id −1 use experiment 0). Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class RlvMapper {
	private RlvMapper() {}

	/**
	 * Maps every row of {@code table}.
	 *
	 * @param experiments the experiment models (beam, detector, goniometer, scan; crystals for the crystal frame)
	 * @param table a reflection table with {@code xyzobs.px.value} (preferred) or {@code xyzobs.mm.value},
	 *            and {@code panel}; {@code id}, {@code imageset_id}, {@code flags}, {@code miller_index}
	 *            are used when present. Not modified.
	 * @param crystalFrame map into each spot's crystal frame (falls back to the lab frame for a
	 *            spot whose experiment has no crystal)
	 * @return the points, one per row, in row order
	 * @throws IllegalArgumentException if the table has no centroid column, or a row refers to an
	 *             experiment or panel that does not exist
	 */
	public static RlvPoints map(ExperimentList experiments, ReflectionTable table, boolean crystalFrame) {
		if (experiments.isEmpty()) throw new IllegalArgumentException("no experiments");
		int n = table.size();
		boolean havePx = table.has(Columns.XYZOBS_PX_VALUE);
		if (!havePx && !table.has(Columns.XYZOBS_MM_VALUE))
			throw new IllegalArgumentException("the reflections have neither xyzobs.px.value nor xyzobs.mm.value");
		double[] cen = havePx ? table.get(Columns.XYZOBS_PX_VALUE) : table.get(Columns.XYZOBS_MM_VALUE);
		long[] panel = table.has(Columns.PANEL) ? table.get(Columns.PANEL) : new long[n];
		int[] id = table.has(Columns.ID) ? table.get(Columns.ID) : new int[n];
		int[] imagesetId = table.has(Columns.IMAGESET_ID) ? table.get(Columns.IMAGESET_ID) : null;
		boolean haveFlags = table.has(Columns.FLAGS);
		long[] flags = haveFlags ? table.get(Columns.FLAGS).clone() : new long[n];
		int[] hkl = table.has(Columns.MILLER_INDEX) ? table.get(Columns.MILLER_INDEX) : null;

		Mat3[] uInverse = new Mat3[experiments.size()];
		if (crystalFrame)
			for (int e = 0; e < experiments.size(); e++) {
				Crystal c = experiments.get(e).crystal();
				if (c != null) uInverse[e] = orientationU(c).transpose();
			}

		float[] xyz = new float[3 * n];
		int[] lattice = new int[n];
		float[] frame = new float[n];
		float[] d = new float[n];
		boolean[] indexed = new boolean[n];
		boolean[] inlier = new boolean[n];
		double[] s1 = new double[3], r = new double[3];
		for (int i = 0; i < n; i++) {
			int ex = imagesetId != null ? imagesetId[i] : Math.max(id[i], 0);
			if (ex < 0 || ex >= experiments.size())
				throw new IllegalArgumentException("reflection " + i + " refers to experiment " + ex + " but there are " + experiments.size());
			Experiment e = experiments.get(ex);
			List<Panel> panels = e.detector().panels();
			if (panel[i] < 0 || panel[i] >= panels.size())
				throw new IllegalArgumentException("reflection " + i + " is on panel " + panel[i] + " but the detector has " + panels.size());
			Panel p = panels.get((int) panel[i]);
			Scan scan = e.scan();
			double xMm, yMm, phi, z;
			if (havePx) {
				double[] mm = p.pixelToMillimetre(cen[3 * i], cen[3 * i + 1]);
				xMm = mm[0];
				yMm = mm[1];
				z = cen[3 * i + 2];
				phi = scan == null ? 0 : Math.toRadians(scan.angleFromArrayIndex(z));
			} else {
				xMm = cen[3 * i];
				yMm = cen[3 * i + 1];
				phi = cen[3 * i + 2];
				z = scan == null || scan.isStill() ? 0 : scan.arrayIndexFromAngle(Math.toDegrees(phi));
			}
			Goniometer g = scan == null ? null : e.goniometer();
			ReciprocalSpaceMapping.mapOne(e.beam(), p, g, xMm, yMm, phi, s1, r, 0);
			boolean isIndexed = haveFlags ? ReflectionFlag.INDEXED.isSet(flags[i])
					: hkl != null && id[i] >= 0 && (hkl[3 * i] != 0 || hkl[3 * i + 1] != 0 || hkl[3 * i + 2] != 0);
			indexed[i] = isIndexed && id[i] >= 0;
			lattice[i] = indexed[i] ? id[i] : -1;
			inlier[i] = haveFlags && ReflectionFlag.USED_IN_REFINEMENT.isSet(flags[i]) && !ReflectionFlag.CENTROID_OUTLIER.isSet(flags[i]);
			if (crystalFrame) {
				int ce = lattice[i] >= 0 && lattice[i] < uInverse.length && uInverse[lattice[i]] != null ? lattice[i] : ex;
				Mat3 ui = uInverse[ce];
				if (ui == null) ui = firstNonNull(uInverse);
				if (ui != null) ui.times(r[0], r[1], r[2], r, 0);
			}
			xyz[3 * i] = (float) r[0];
			xyz[3 * i + 1] = (float) r[1];
			xyz[3 * i + 2] = (float) r[2];
			double len = Math.sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
			d[i] = (float) (len > 0 ? 1 / len : Double.POSITIVE_INFINITY);
			frame[i] = (float) z;
		}
		return new RlvPoints(xyz, lattice, frame, d, flags, indexed, inlier, crystalFrame);
	}

	private static Mat3 firstNonNull(Mat3[] m) {
		for (Mat3 x : m) if (x != null) return x;
		return null;
	}

	/**
	 * The orientation U of a crystal, from A = U·B with B the cctbx B matrix of its unit cell.
	 *
	 * @return U, a proper rotation (lab frame at φ = 0)
	 */
	public static Mat3 orientationU(Crystal c) {
		Mat3 b = Mat3.of(UnitCell.of(c.unitCellParameters()).bMatrix());
		return c.a().times(b.inverse());
	}

	/**
	 * The reciprocal basis a*, b*, c* of a crystal (Å⁻¹): the columns of A (lab frame at φ = 0), or of
	 * B in the crystal frame.
	 *
	 * @return {a*, b*, c*}
	 */
	public static Vec3[] reciprocalBasis(Crystal c, boolean crystalFrame) {
		Mat3 m = crystalFrame ? Mat3.of(UnitCell.of(c.unitCellParameters()).bMatrix()) : c.a();
		return new Vec3[] { m.column(0), m.column(1), m.column(2) };
	}

	/**
	 * Where the beam of experiment 0 hits its detector.
	 *
	 * @return the panel and mm coordinates, or null if the beam is parallel to every panel
	 */
	public static Detector.Intersection beamCentre(ExperimentList experiments) {
		Experiment e = experiments.get(0);
		return e.detector().beamCentre(e.beam().s0());
	}

	/**
	 * Moves every detector so that the beam of experiment 0 hits panel {@code panel} at
	 * ({@code fastMm}, {@code slowMm}), by translating all panels in the plane of that panel (the
	 * beam direction is unchanged, as when a beam centre is corrected in {@code dials.import}).
	 *
	 * @param panel panel index of the new beam centre
	 * @param fastMm new beam centre along the panel's fast axis, mm
	 * @param slowMm new beam centre along the panel's slow axis, mm
	 * @return experiments with moved detectors (other models shared)
	 * @throws IllegalArgumentException if the panel does not exist or the beam misses its plane
	 */
	public static ExperimentList withBeamCentre(ExperimentList experiments, int panel, double fastMm, double slowMm) {
		Experiment e0 = experiments.get(0);
		if (panel < 0 || panel >= e0.detector().size())
			throw new IllegalArgumentException("beam_centre_panel " + panel + " does not exist; the detector has " + e0.detector().size() + " panel(s)");
		Panel p = e0.detector().panel(panel);
		double[] now = p.rayIntersection(e0.beam().s0());
		if (now == null) throw new IllegalArgumentException("the beam does not cross the plane of panel " + panel);
		Vec3 shift = p.fastAxis().times(now[0] - fastMm).plus(p.slowAxis().times(now[1] - slowMm));
		return translateDetectors(experiments, shift);
	}

	/**
	 * Moves every detector along the normal of the beam-centre panel of experiment 0 so that this
	 * panel's distance from the sample becomes {@code distanceMm}. Beam-centre coordinates in the panel
	 * frame are unchanged when the beam is along the normal.
	 *
	 * @param distanceMm the new distance in mm (> 0)
	 * @return experiments with moved detectors (other models shared)
	 * @throws IllegalArgumentException if the distance is not positive or the beam misses the detector
	 */
	public static ExperimentList withDistance(ExperimentList experiments, double distanceMm) {
		if (!(distanceMm > 0)) throw new IllegalArgumentException("distance must be positive, found " + distanceMm);
		Detector.Intersection bc = beamCentre(experiments);
		if (bc == null) throw new IllegalArgumentException("the beam does not hit the detector");
		Panel p = experiments.get(0).detector().panel(bc.panel());
		double now = p.distance();
		Vec3 n = now < 0 ? p.normal().negate() : p.normal();
		return translateDetectors(experiments, n.times(distanceMm - Math.abs(now)));
	}

	/** @return the distance in mm of the beam-centre panel of experiment 0 from the sample */
	public static double distance(ExperimentList experiments) {
		Detector.Intersection bc = beamCentre(experiments);
		Panel p = experiments.get(0).detector().panel(bc == null ? 0 : bc.panel());
		return Math.abs(p.distance());
	}

	private static ExperimentList translateDetectors(ExperimentList experiments, Vec3 shift) {
		List<Experiment> out = new ArrayList<>(experiments.size());
		java.util.IdentityHashMap<Detector, Detector> moved = new java.util.IdentityHashMap<>();
		for (Experiment e : experiments) {
			Detector d = moved.computeIfAbsent(e.detector(), det -> {
				List<Panel> ps = new ArrayList<>(det.size());
				for (Panel p : det.panels()) ps.add(p.withFrame(p.fastAxis(), p.slowAxis(), p.origin().plus(shift)));
				return det.withPanels(ps);
			});
			out.add(e.withDetector(d));
		}
		return new ExperimentList(out);
	}
}

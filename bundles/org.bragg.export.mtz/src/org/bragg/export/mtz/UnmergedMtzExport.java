package org.bragg.export.mtz;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.bragg.model.Crystal;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Mat3;
import org.bragg.model.Panel;
import org.bragg.model.Scan;
import org.bragg.model.Vec3;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.model.symmetry.SpaceGroup;
import org.bragg.model.symmetry.UnitCell;

/**
 * Builds the unmerged MTZ that {@code dials.export} writes ({@code scaled.mtz} / {@code integrated.mtz}),
 * DIALS 3.12 {@code dials/util/export_mtz.py}:
 * <ul>
 * <li>columns H K L M/ISYM BATCH, then I SIGI (with SCALEUSED SIGSCALEUSED for scaled data; for unscaled
 * data IPR SIGIPR from profile fitting and I SIGI from summation), BG SIGBG when
 * {@code background.sum.*} is present, FRACTIONCALC XDET YDET ROT LP QE;</li>
 * <li>H K L mapped to the CCP4 asymmetric unit; M/ISYM = 256·M + ISYM with M = 0 (fully recorded);</li>
 * <li>BATCH = floor(z_obs px) + 1 + batch offset; ROT = scan angle at z_cal (degrees); XDET, YDET in pixels;</li>
 * <li>one batch header per image: cell and Mosflm U (column-major) at the image centre (scan-varying A
 * averaged over the image's two scan points), φ start/end/range, rotation axis, source vector, λ,
 * detector limits and distance, all in the Cambridge frame (rotation axis along z, beam along x).</li>
 * </ul>
 * Dataset: project {@code DIALS}, crystal {@code XTAL}, dataset {@code FROMDIALS}. Single-panel geometry is
 * assumed for the batch headers (as DIALS, further panels are ignored there).
 *
 * @since 0.1
 */
public final class UnmergedMtzExport {
	private UnmergedMtzExport() {}

	/**
	 * Builds the MTZ.
	 * @param experiments rotation experiments with crystal, scan, beam and detector; the first crystal gives
	 *                    the file's space group and cell
	 * @param table       integrated or scaled reflections ({@code miller_index}, {@code id}, {@code xyzobs.px.value}, …)
	 * @param title       MTZ title
	 * @throws IllegalArgumentException if a required column is missing or no reflection survives the filters
	 */
	public static Mtz build(ExperimentList experiments, ReflectionTable table, String title) {
		Objects.requireNonNull(experiments);
		if (experiments.isEmpty() || experiments.get(0).crystal() == null) throw new IllegalArgumentException("export needs an experiment with a crystal");
		Crystal c0 = experiments.get(0).crystal();
		SpaceGroup sg = SpaceGroup.fromHall(c0.spaceGroupHall());
		double[] cell = bestCell(experiments);
		ScaledIntensities si = ScaledIntensities.select(table);
		if (si.size() == 0) throw new IllegalArgumentException("no reflections left after filtering for export");
		int[] hkl = table.get(Columns.MILLER_INDEX);
		int[] ids = table.has(Columns.ID) ? table.get(Columns.ID) : new int[table.size()];
		double[] xyzObs = table.has(Columns.XYZOBS_PX_VALUE) ? table.get(Columns.XYZOBS_PX_VALUE) : table.get(Columns.XYZCAL_PX);
		double[] xyzCal = table.has(Columns.XYZCAL_PX) ? table.get(Columns.XYZCAL_PX) : xyzObs;
		int n = si.size();
		int[] offsets = batchOffsets(experiments);
		double[] H = new double[n], K = new double[n], L = new double[n], MI = new double[n], B = new double[n], I = new double[n], SI = new double[n],
				fr = new double[n], xd = new double[n], yd = new double[n], rot = new double[n], lp = new double[n], qe = new double[n];
		double[] ipr = null, sipr = null, bg = null, sbg = null;
		boolean prfAndSum = !si.scaled() && table.has(Columns.INTENSITY_PRF_VALUE) && table.has(Columns.INTENSITY_SUM_VALUE);
		if (prfAndSum) { ipr = new double[n]; sipr = new double[n]; }
		boolean hasBg = table.has("background.sum.value") && table.has("background.sum.variance");
		if (hasBg) { bg = new double[n]; sbg = new double[n]; }
		double[] bgv = hasBg ? (double[]) table.getRaw("background.sum.value") : null, bgs = hasBg ? (double[]) table.getRaw("background.sum.variance") : null;
		double[] part = table.has(Columns.PARTIALITY) ? table.get(Columns.PARTIALITY) : null;
		double[] tlp = table.has(Columns.LP) ? table.get(Columns.LP) : null, tqe = table.has(Columns.QE) ? table.get(Columns.QE) : null;
		int[] out = new int[3], isym = new int[1], in = new int[3];
		for (int k = 0; k < n; k++) {
			int r = si.rows()[k];
			in[0] = hkl[3 * r]; in[1] = hkl[3 * r + 1]; in[2] = hkl[3 * r + 2];
			sg.toAsu(in, out, isym);
			H[k] = out[0]; K[k] = out[1]; L[k] = out[2]; MI[k] = isym[0];
			int e = ids[r];
			Scan scan = experiments.get(e).scan();
			B[k] = Math.floor(xyzObs[3 * r + 2]) + 1 + offsets[e];
			rot[k] = scan == null ? xyzCal[3 * r + 2] : scan.angleFromArrayIndex(xyzCal[3 * r + 2]);
			xd[k] = xyzObs[3 * r]; yd[k] = xyzObs[3 * r + 1];
			fr[k] = part == null ? 1.0 : part[r];
			lp[k] = tlp == null ? 1.0 : tlp[r];
			qe[k] = tqe == null ? 1.0 : tqe[r];
			if (si.scaled()) {
				I[k] = si.intensity()[k];
				SI[k] = Math.sqrt(si.variance()[k]);
			} else {
				double cf = lp[k] / qe[k];
				if (prfAndSum) {
					ipr[k] = table.get(Columns.INTENSITY_PRF_VALUE)[r] * cf;
					sipr[k] = Math.sqrt(table.get(Columns.INTENSITY_PRF_VARIANCE)[r]) * Math.abs(cf);
					I[k] = table.get(Columns.INTENSITY_SUM_VALUE)[r] * cf;
					SI[k] = Math.sqrt(table.get(Columns.INTENSITY_SUM_VARIANCE)[r]) * Math.abs(cf);
				} else {
					I[k] = si.intensity()[k];
					SI[k] = Math.sqrt(si.variance()[k]);
				}
			}
			if (hasBg) { bg[k] = bgv[r]; sbg[k] = Math.sqrt(Math.max(0, bgs[r])); }
		}
		List<Mtz.Column> cols = new ArrayList<>();
		List<double[]> vals = new ArrayList<>();
		add(cols, vals, "H", 'H', H); add(cols, vals, "K", 'H', K); add(cols, vals, "L", 'H', L);
		add(cols, vals, "M/ISYM", 'Y', MI); add(cols, vals, "BATCH", 'B', B);
		if (prfAndSum) { add(cols, vals, "IPR", 'J', ipr); add(cols, vals, "SIGIPR", 'Q', sipr); }
		add(cols, vals, "I", 'J', I); add(cols, vals, "SIGI", 'Q', SI);
		if (si.scaled()) { add(cols, vals, "SCALEUSED", 'R', si.scale()); add(cols, vals, "SIGSCALEUSED", 'R', si.scaleSigma()); }
		if (hasBg) { add(cols, vals, "BG", 'R', bg); add(cols, vals, "SIGBG", 'R', sbg); }
		add(cols, vals, "FRACTIONCALC", 'R', fr); add(cols, vals, "XDET", 'R', xd); add(cols, vals, "YDET", 'R', yd);
		add(cols, vals, "ROT", 'R', rot); add(cols, vals, "LP", 'R', lp); add(cols, vals, "QE", 'R', qe);
		Mtz mtz = new Mtz().setTitle(title).setCell(cell).setSpaceGroup(sg);
		mtz.setColumns(cols, vals);
		double wl = experiments.get(0).beam().wavelength();
		mtz.datasets().add(new Mtz.Dataset(1, "DIALS", "XTAL", "FROMDIALS", cell, wl));
		for (int e = 0; e < experiments.size(); e++) mtz.batches().addAll(batches(experiments.get(e), offsets[e], 1));
		return mtz;
	}

	private static void add(List<Mtz.Column> cols, List<double[]> vals, String label, char type, double[] v) {
		cols.add(new Mtz.Column(label, type, 1));
		vals.add(v);
	}

	/** Mean cell of the experiments' crystals (static models), as DIALS's {@code determine_best_unit_cell} for one crystal. */
	static double[] bestCell(ExperimentList el) {
		double[] s = new double[6];
		int n = 0;
		for (Experiment e : el) {
			if (e.crystal() == null) continue;
			double[] c = e.crystal().unitCellParameters();
			for (int i = 0; i < 6; i++) s[i] += c[i];
			n++;
		}
		for (int i = 0; i < 6; i++) s[i] /= n;
		return s;
	}

	/** Batch offsets as DIALS's {@code calculate_batch_offsets}: kept if distinct, else 0, then multiples of 100 past the previous sweep. */
	static int[] batchOffsets(ExperimentList el) {
		int[] off = new int[el.size()];
		java.util.Set<Integer> distinct = new java.util.HashSet<>();
		for (int i = 0; i < el.size(); i++) { off[i] = el.get(i).scan() == null ? 0 : el.get(i).scan().batchOffset(); distinct.add(off[i]); }
		if (distinct.size() == el.size()) return off;
		int next = 0;
		for (int i = 0; i < el.size(); i++) {
			Scan s = el.get(i).scan();
			int first = s == null ? 1 : s.firstImage(), last = s == null ? 1 : s.lastImage();
			int o = i == 0 ? 0 : Math.max(0, next - first + 1);
			if (i > 0) o = (int) Math.ceil(o / 100.0) * 100;
			off[i] = o;
			next = last + o + 1;
		}
		return off;
	}

	/** Rotation taking DIALS's laboratory frame to the Cambridge frame: rotation axis → z, unit s0 → x. */
	public static Mat3 cambridgeFrame(Vec3 rotationAxis, Vec3 unitS0) {
		Vec3 e1 = rotationAxis.normalize();
		Vec3 e2 = unitS0.minus(e1.times(unitS0.dot(e1))).normalize();
		Vec3 e3 = e1.cross(e2);
		// target: e1 → z, e2 → x, e3 → z × x = y
		Mat3 E = Mat3.fromRows(e1, e2, e3); // maps v to (e1·v, e2·v, e3·v)
		Mat3 T = Mat3.fromColumns(new Vec3(0, 0, 1), new Vec3(1, 0, 0), new Vec3(0, 1, 0));
		return T.times(E);
	}

	/** Mosflm U matrix for a UB matrix and cell: U = UB·B_Mosflm⁻¹ (DIALS {@code ub_to_mosflm_u}). */
	public static Mat3 mosflmU(Mat3 ub, double[] cell) {
		UnitCell uc = UnitCell.of(cell);
		UnitCell rc = uc.reciprocal();
		double d2r = Math.PI / 180;
		Mat3 b = new Mat3(rc.a(), rc.b() * Math.cos(d2r * rc.gamma()), rc.c() * Math.cos(d2r * rc.beta()),
				0, rc.b() * Math.sin(d2r * rc.gamma()), -rc.c() * Math.sin(d2r * rc.beta()) * Math.cos(d2r * cell[3]),
				0, 0, 1.0 / cell[2]);
		return ub.times(b.inverse());
	}

	/** Batch headers for one rotation experiment, batch number = image number + offset. */
	public static List<Mtz.Batch> batches(Experiment e, int batchOffset, int datasetId) {
		List<Mtz.Batch> out = new ArrayList<>();
		Scan scan = e.scan();
		if (scan == null) return out;
		Vec3 axis = e.goniometer() == null ? new Vec3(1, 0, 0) : e.goniometer().rotationAxisDatum();
		Vec3 us0 = e.beam().unitS0();
		Mat3 R = cambridgeFrame(axis, us0);
		Mat3 S = e.goniometer() == null ? Mat3.IDENTITY : R.times(e.goniometer().settingRotation()).times(R.transpose());
		Mat3 F = e.goniometer() == null ? Mat3.IDENTITY : R.times(e.goniometer().fixedRotation()).times(R.transpose());
		Vec3 axisCam = R.times(e.goniometer() == null ? new Vec3(1, 0, 0) : e.goniometer().rotationAxis());
		Vec3 axisDatumCam = R.times(axis);
		Crystal c = e.crystal();
		Mat3 aStatic = R.times(c.a());
		Panel p = e.detector().panel(0);
		Vec3 so = R.times(us0.negate());
		double mosaic = c.extras().get("mosaicity") instanceof Number m ? m.doubleValue() : 0.0;
		for (int img = scan.firstImage(); img <= scan.lastImage(); img++) {
			int idx = img - scan.firstImage();
			double phiStart = scan.oscillationStart() + idx * scan.oscillationWidth();
			double range = scan.oscillationWidth();
			double[] cell;
			Mat3 ub;
			if (c.isScanVarying() && idx + 1 < c.aAtScanPoints().size()) {
				Mat3 a0 = R.times(c.aAtScanPoints().get(idx)), a1 = R.times(c.aAtScanPoints().get(idx + 1));
				Mat3 ac = a0.plus(a1).times(0.5);
				double[] p0 = c.unitCellParametersAtScanPoint(idx), p1 = c.unitCellParametersAtScanPoint(idx + 1);
				cell = new double[6];
				for (int i = 0; i < 6; i++) cell[i] = 0.5 * (p0[i] + p1[i]);
				double phic = Math.toRadians(phiStart + range / 2);
				Mat3 rot = Mat3.rotation(axisDatumCam, phic), rotInv = Mat3.rotation(axisCam, -phic);
				ub = rotInv.times(S).times(rot).times(F).times(ac);
			} else {
				cell = c.unitCellParameters();
				ub = S.times(F).times(aStatic);
			}
			Mat3 u = mosflmU(ub, cell);
			int[] ints = new int[BatchHeaders.NINTS];
			for (int i = 0; i < 6; i++) ints[BatchHeaders.I_LBCELL + i] = -1;
			ints[BatchHeaders.I_NCRYST] = 1;
			ints[BatchHeaders.I_LDTYPE] = 2;
			ints[BatchHeaders.I_JSAXS] = 1;
			ints[BatchHeaders.I_NGONAX] = 1;
			ints[BatchHeaders.I_NDET] = 1;
			ints[BatchHeaders.I_NBSETID] = datasetId;
			float[] f = new float[BatchHeaders.NREALS];
			for (int i = 0; i < 6; i++) f[BatchHeaders.R_CELL + i] = (float) cell[i];
			Mat3 ut = u.transpose();
			for (int i = 0; i < 9; i++) f[BatchHeaders.R_UMAT + i] = (float) ut.get(i / 3, i % 3);
			f[BatchHeaders.R_CRYDAT] = (float) mosaic;
			f[BatchHeaders.R_PHISTT] = (float) phiStart;
			f[BatchHeaders.R_PHIEND] = (float) (phiStart + range);
			for (int i = 0; i < 3; i++) {
				f[BatchHeaders.R_SCANAX + i] = (float) axisCam.get(i);
				f[BatchHeaders.R_E1 + i] = (float) axisCam.get(i);
				f[BatchHeaders.R_SO + i] = (float) so.get(i);
			}
			f[BatchHeaders.R_SOURCE] = -1f;
			f[BatchHeaders.R_BSCALE] = 1f;
			f[BatchHeaders.R_PHIRANGE] = (float) range;
			f[BatchHeaders.R_ALAMBD] = (float) e.beam().wavelength();
			f[BatchHeaders.R_DX] = (float) Math.abs(p.distance());
			f[BatchHeaders.R_DETLM + 1] = p.nFast();
			f[BatchHeaders.R_DETLM + 3] = p.nSlow();
			out.add(new Mtz.Batch(img + batchOffset, "Batch " + (img + batchOffset), ints, f, List.of("AXIS"), datasetId));
		}
		return out;
	}
}

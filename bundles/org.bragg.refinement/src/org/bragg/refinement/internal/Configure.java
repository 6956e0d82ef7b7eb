package org.bragg.refinement.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bragg.model.Beam;
import org.bragg.model.Crystal;
import org.bragg.model.Detector;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Goniometer;
import org.bragg.model.Mat3;
import org.bragg.model.Scan;
import org.bragg.model.symmetry.SpaceGroup;
import org.bragg.model.symmetry.UnitCell;
import org.bragg.refinement.RefinementException;
import org.bragg.refinement.RefinementParameters;
import org.bragg.refinement.RefinementParameters.BeamFix;
import org.bragg.refinement.RefinementParameters.CrystalFix;
import org.bragg.refinement.RefinementParameters.DetectorFix;
import org.bragg.refinement.RefinementParameters.GoniometerFix;
import org.bragg.refinement.RefinementParameters.Smoother;

/**
 * Builds the model parameterisations from the experiments and the {@code refinement.parameterisation}
 * options, as DIALS's {@code build_prediction_parameterisation}: one parameterisation per distinct model
 * object (shared models are refined jointly), fixes from {@code fix} and {@code fix_list} (indices or
 * partial names matched against {@code <model id><name>}), scan-varying smoothers with
 * max(⌊scan width / interval width⌋, 1) intervals over the scan's array range, and parameterisations
 * with no free parameter dropped.
 */
public final class Configure {
	private Configure() {}

	/** The built parameterisation with the models it came from. */
	public static final class Built {
		public PredictionModel model;
		public final List<Beam> beams = new ArrayList<>();
		public final List<Crystal> crystals = new ArrayList<>();
		public final List<Detector> detectors = new ArrayList<>();
		public final List<Goniometer> goniometers = new ArrayList<>();
		/** per unique crystal */
		public final List<double[]> u0 = new ArrayList<>(), b0 = new ArrayList<>();
		public final Map<Object, ModelParam> paramOfModel = new IdentityHashMap<>();
		public final Map<Crystal, ModelParam> cellParamOfCrystal = new IdentityHashMap<>();
	}

	private static <T> List<T> unique(List<T> all) {
		List<T> out = new ArrayList<>();
		for (T t : all) if (t != null && out.stream().noneMatch(x -> x == t)) out.add(t);
		return out;
	}

	private static int[] indices(ExperimentList el, java.util.function.Function<Experiment, Object> f, Object model) {
		List<Integer> ids = new ArrayList<>();
		for (int i = 0; i < el.size(); i++) if (f.apply(el.get(i)) == model) ids.add(i);
		return ids.stream().mapToInt(Integer::intValue).toArray();
	}

	static int nIntervals(Smoother sm, Scan scan, Double autoWidth) {
		if (sm.absoluteNumIntervals().isPresent()) return sm.absoluteNumIntervals().getAsInt();
		double width = sm.intervalWidthDegrees().isPresent() ? sm.intervalWidthDegrees().getAsDouble() : (autoWidth != null ? autoWidth : 36.0);
		double[] r = scan.oscillationRange();
		return Math.max((int) (Math.abs(r[1] - r[0]) / width), 1);
	}

	static GaussianSmoother smoother(Smoother sm, Scan scan, Double autoWidth) {
		return new GaussianSmoother(scan.firstImage() - 1, scan.lastImage(), nIntervals(sm, scan, autoWidth));
	}

	/** DIALS {@code string_sel}: indices or partial names (with the model prefix) → selection. */
	static boolean[] stringSel(List<String> l, String[] names, String prefix) {
		boolean[] sel = new boolean[names.length];
		for (String raw : l) {
			for (String part : raw.split(",")) {
				String e = part.replaceAll("^[(){}\\[\\]]+|[(){}\\[\\]]+$", "").trim();
				if (e.isEmpty()) continue;
				try {
					int i = Integer.parseInt(e);
					if (i >= 0 && i < sel.length) sel[i] = true;
					continue;
				} catch (NumberFormatException ex) {
					// a name
				}
				for (int i = 0; i < names.length; i++) if ((prefix + names[i]).contains(e)) sel[i] = true;
			}
		}
		return sel;
	}

	private static void applyFix(ModelParam p, List<String> fixList, boolean all) {
		if (all) for (int s = 0; s < p.numSets(); s++) p.setFixed(s, true);
		if (!fixList.isEmpty()) {
			boolean[] sel = stringSel(fixList, p.setNames(), p.modelId);
			for (int s = 0; s < sel.length; s++) if (sel[s]) p.setFixed(s, true);
		}
	}

	/** @return {U, B} of a crystal: B the cctbx B of its cell, U = A·B⁻¹ */
	public static double[][] uAndB(Mat3 a) {
		double[] am = a.toArray();
		double[] b = UnitCell.fromBMatrix(am).bMatrix();
		double[] u = RayMath.mul(am, RayMath.inverse(b));
		return new double[][] { u, b };
	}

	/**
	 * @param scanVarying build scan-varying parameterisations where not forced static
	 * @param autoWidth interval width (degrees) when {@code interval_width_degrees=Auto}, or null
	 */
	public static Built build(ExperimentList el, RefinementParameters.Parameterisation opt, boolean scanVarying, boolean stills, Double autoWidth)
			throws RefinementException {
		Built b = new Built();
		List<Experiment> exps = el.asList();
		b.beams.addAll(unique(exps.stream().map(Experiment::beam).toList()));
		b.crystals.addAll(unique(exps.stream().map(Experiment::crystal).toList()));
		b.detectors.addAll(unique(exps.stream().map(Experiment::detector).toList()));
		b.goniometers.addAll(unique(exps.stream().map(Experiment::goniometer).toList()));
		for (Experiment e : exps) if (e.crystal() == null) throw new RefinementException("experiment " + e.identifier() + " has no crystal model; index it first");

		List<BeamParam> beamParams = new ArrayList<>();
		boolean svBeam = scanVarying && !opt.beam().forceStatic();
		for (int i = 0; i < b.beams.size(); i++) {
			Beam beam = b.beams.get(i);
			int[] ids = indices(el, Experiment::beam, beam);
			Experiment e0 = el.get(ids[0]);
			double[] spindle = e0.goniometer() == null || stills ? null : e0.goniometer().settingRotation().times(e0.goniometer().rotationAxis()).toArray();
			GaussianSmoother sm = null;
			if (svBeam) {
				if (e0.scan() == null || e0.goniometer() == null)
					throw new RefinementException("A scan-varying beam model cannot be created because a scan or goniometer model is missing");
				sm = smoother(opt.beam().smoother(), e0.scan(), autoWidth);
			}
			BeamParam bp = new BeamParam("Beam" + (i + 1), ids, beam.s0().toArray(), beam.polarizationNormal().toArray(), spindle, sm);
			Set<BeamFix> fix = opt.beam().fix();
			List<String> fl = new ArrayList<>(opt.beam().fixNames());
			if (fix.contains(BeamFix.IN_SPINDLE_PLANE)) fl.add("Mu1");
			if (fix.contains(BeamFix.OUT_SPINDLE_PLANE)) fl.add("Mu2");
			if (fix.contains(BeamFix.WAVELENGTH)) fl.add("nu");
			applyFix(bp, fl, fix.contains(BeamFix.ALL));
			b.paramOfModel.put(beam, bp);
			if (bp.numFree() > 0) beamParams.add(bp);
		}

		List<OrientationParam> xlo = new ArrayList<>();
		List<UnitCellParam> xluc = new ArrayList<>();
		boolean svOri = scanVarying && !opt.crystal().orientation().forceStatic();
		boolean svCell = scanVarying && !opt.crystal().unitCell().forceStatic();
		for (int i = 0; i < b.crystals.size(); i++) {
			Crystal c = b.crystals.get(i);
			int[] ids = indices(el, Experiment::crystal, c);
			Experiment e0 = el.get(ids[0]);
			if ((svOri || svCell) && (e0.scan() == null || e0.goniometer() == null))
				throw new RefinementException("A scan-varying crystal model cannot be created because a scan or goniometer model is missing");
			double[][] ub = uAndB(c.a());
			b.u0.add(ub[0]);
			b.b0.add(ub[1]);
			String id = "Crystal" + (i + 1);
			OrientationParam op = new OrientationParam(id, ids, ub[0], svOri ? smoother(opt.crystal().orientation().smoother(), e0.scan(), autoWidth) : null);
			UnitCellParam up = new UnitCellParam(id, ids, SpaceGroup.fromHall(c.spaceGroupHall()), ub[1],
					svCell ? smoother(opt.crystal().unitCell().smoother(), e0.scan(), autoWidth) : null);
			Set<CrystalFix> fix = opt.crystal().fix();
			boolean fixAll = fix.contains(CrystalFix.ALL);
			applyFix(op, opt.crystal().orientation().fixNames(), fixAll || fix.contains(CrystalFix.ORIENTATION));
			applyFix(up, opt.crystal().unitCell().fixNames(), fixAll || fix.contains(CrystalFix.CELL));
			b.paramOfModel.put(c, op);
			b.cellParamOfCrystal.put(c, up);
			if (op.numFree() > 0) xlo.add(op);
			if (up.numFree() > 0) xluc.add(up);
		}

		List<DetectorParam> dets = new ArrayList<>();
		boolean svDet = scanVarying && !opt.detector().forceStatic();
		for (int i = 0; i < b.detectors.size(); i++) {
			Detector d = b.detectors.get(i);
			int[] ids = indices(el, Experiment::detector, d);
			Experiment e0 = el.get(ids[0]);
			String id = "Detector" + (i + 1);
			RefinementParameters.DetectorPanels panels = opt.detector().panels();
			DetectorParam dp;
			if (svDet) {
				if (d.size() > 1) throw new RefinementException("Scan-varying multiple panel detectors are not currently supported");
				if (e0.scan() == null) throw new RefinementException("A scan-varying detector model cannot be created because a scan model is missing");
				dp = DetectorParam.single(id, ids, d, smoother(opt.detector().smoother(), e0.scan(), autoWidth));
			} else {
				if (panels == RefinementParameters.DetectorPanels.AUTOMATIC)
					panels = d.size() > 1 ? RefinementParameters.DetectorPanels.HIERARCHICAL : RefinementParameters.DetectorPanels.SINGLE;
				try {
					dp = switch (panels) {
						case SINGLE -> {
							if (d.size() > 1) throw new RefinementException("A single panel parameterisation cannot be created for a multiple panel detector");
							yield DetectorParam.single(id, ids, d, null);
						}
						case MULTIPLE -> DetectorParam.multiple(id, ids, d, e0.beam().s0());
						default -> DetectorParam.hierarchical(id, ids, d, opt.detector().hierarchyLevel());
					};
				} catch (IllegalArgumentException ex) {
					throw new RefinementException("refinement.parameterisation.detector.hierarchy_level=" + opt.detector().hierarchyLevel() + ": " + ex.getMessage());
				}
			}
			List<String> fl = new ArrayList<>(opt.detector().fixNames());
			Set<DetectorFix> fix = opt.detector().fix();
			if (fix.contains(DetectorFix.POSITION)) fl.addAll(List.of("Dist", "Shift1", "Shift2"));
			if (fix.contains(DetectorFix.ORIENTATION)) fl.add("Tau");
			if (fix.contains(DetectorFix.DISTANCE)) fl.addAll(List.of("Dist", "Tau2", "Tau3"));
			applyFix(dp, fl, fix.contains(DetectorFix.ALL));
			b.paramOfModel.put(d, dp);
			if (dp.numFree() > 0) dets.add(dp);
		}

		List<GoniometerParam> gons = new ArrayList<>();
		boolean svGon = scanVarying && !opt.goniometer().forceStatic();
		for (int i = 0; i < b.goniometers.size(); i++) {
			Goniometer g = b.goniometers.get(i);
			if (stills) continue;
			int[] ids = indices(el, Experiment::goniometer, g);
			Experiment e0 = el.get(ids[0]);
			GaussianSmoother sm = svGon && e0.scan() != null ? smoother(opt.goniometer().smoother(), e0.scan(), autoWidth) : null;
			GoniometerParam gp = new GoniometerParam("Goniometer" + (i + 1), ids, g.settingRotation().toArray(),
					g.settingRotation().times(g.rotationAxis()).toArray(), e0.beam().unitS0().toArray(), sm);
			Set<GoniometerFix> fix = opt.goniometer().fix();
			List<String> fl = new ArrayList<>(opt.goniometer().fixNames());
			if (fix.contains(GoniometerFix.IN_BEAM_PLANE)) fl.add("Gamma1");
			if (fix.contains(GoniometerFix.OUT_BEAM_PLANE)) fl.add("Gamma2");
			applyFix(gp, fl, fix.contains(GoniometerFix.ALL));
			b.paramOfModel.put(g, gp);
			if (gp.numFree() > 0) gons.add(gp);
		}

		int ne = el.size();
		double[][] u0 = new double[ne][], b0 = new double[ne][];
		for (int i = 0; i < ne; i++) {
			int ci = indexOfIdentity(b.crystals, el.get(i).crystal());
			u0[i] = b.u0.get(ci);
			b0[i] = b.b0.get(ci);
		}
		b.model = new PredictionModel(el, stills, dets, beamParams, xlo, xluc, gons, u0, b0);
		if (b.model.nFree == 0) throw new RefinementException("There are no free parameters for refinement; check the fix and fix_list options");
		return b;
	}

	static <T> int indexOfIdentity(List<T> l, T x) {
		for (int i = 0; i < l.size(); i++) if (l.get(i) == x) return i;
		return -1;
	}
}

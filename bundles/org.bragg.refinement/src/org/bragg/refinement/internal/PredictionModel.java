package org.bragg.refinement.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Panel;
import org.bragg.model.Scan;

/**
 * The prediction-equation parameterisation (DIALS {@code XYPhiPredictionParameterisation},
 * {@code ScanVaryingPredictionParameterisation} and {@code StillsPredictionParameterisation}): the
 * global parameter vector (detectors, beams, crystal orientations, unit cells, goniometers, in DIALS's
 * order), composition of the model states per experiment and scan block, prediction of X, Y, φ (or ΔΨ)
 * for each observation and the analytic Jacobian (Waterman et al. 2016, appendix).
 *
 * <p>For rotation data, with r = S·R(φ)·F·U·B·h, e the lab rotation axis S·e₀ and pv = D·s1 (D the
 * inverse panel d-matrix): dφ/dp = −(dr·s1)/((e×r)·s0) for crystal and goniometer parameters and
 * −(ds0·r)/((e×r)·s0) for the beam; dpv = D·(dr + (e×r)dφ) (+ D·ds0 for the beam) and −D·dd·pv for the
 * detector; X = u/w, Y = v/w give dX = (du − X dw)/w. Stills derivatives are exact forward-mode
 * derivatives of the stills ray prediction ({@link StillsDual}).
 */
public final class PredictionModel {

	/** A composed set of model states for one experiment at one scan coordinate. */
	public static final class Comp {
		public double[] u, b, a, s0, sMat;
		public double[][] d, dInv; // per panel
		public RayMath.Rotation rot;
		// derivative entries
		int n;
		int[] gIdx = new int[16];
		int[] type = new int[16]; // 0 detector, 1 beam, 2 U, 3 B, 4 S
		double[][] der = new double[16][];

		void add(int g, int t, double[] d) {
			if (n == gIdx.length) {
				gIdx = java.util.Arrays.copyOf(gIdx, 2 * n);
				type = java.util.Arrays.copyOf(type, 2 * n);
				der = java.util.Arrays.copyOf(der, 2 * n);
			}
			gIdx[n] = g;
			type[n] = t;
			der[n++] = d;
		}
	}

	final ExperimentList experiments;
	public final boolean stills;
	public final List<ModelParam> params = new ArrayList<>();
	private final int[] offsets;
	public final int nFree;
	final DetectorParam[] expDet;
	final BeamParam[] expBeam;
	final OrientationParam[] expXlo;
	final UnitCellParam[] expXluc;
	final GoniometerParam[] expGon;
	final double[][] u0, b0, s0Static, sStatic, fMat, axis;
	final double[][][] dStatic;
	final Scan[] scans;

	/**
	 * @param u0 initial U per experiment
	 * @param b0 initial B per experiment
	 */
	public PredictionModel(ExperimentList el, boolean stills, List<DetectorParam> dets, List<BeamParam> beams, List<OrientationParam> xlos,
			List<UnitCellParam> xlucs, List<GoniometerParam> gons, double[][] u0, double[][] b0) {
		this.experiments = el;
		this.stills = stills;
		params.addAll(dets);
		params.addAll(beams);
		params.addAll(xlos);
		params.addAll(xlucs);
		params.addAll(gons);
		offsets = new int[params.size()];
		int off = 0;
		for (int i = 0; i < params.size(); i++) {
			offsets[i] = off;
			off += params.get(i).numFree();
		}
		nFree = off;
		int ne = el.size();
		expDet = new DetectorParam[ne];
		expBeam = new BeamParam[ne];
		expXlo = new OrientationParam[ne];
		expXluc = new UnitCellParam[ne];
		expGon = new GoniometerParam[ne];
		for (ModelParam p : params)
			for (int e : p.experimentIds) {
				if (p instanceof DetectorParam d) expDet[e] = d;
				else if (p instanceof BeamParam b) expBeam[e] = b;
				else if (p instanceof OrientationParam o) expXlo[e] = o;
				else if (p instanceof UnitCellParam u) expXluc[e] = u;
				else if (p instanceof GoniometerParam g) expGon[e] = g;
			}
		this.u0 = u0;
		this.b0 = b0;
		s0Static = new double[ne][];
		sStatic = new double[ne][];
		fMat = new double[ne][];
		axis = new double[ne][];
		dStatic = new double[ne][][];
		scans = new Scan[ne];
		for (int i = 0; i < ne; i++) {
			Experiment e = el.get(i);
			s0Static[i] = e.beam().s0().toArray();
			if (e.goniometer() != null) {
				sStatic[i] = e.goniometer().settingRotation().toArray();
				fMat[i] = e.goniometer().fixedRotation().toArray();
				axis[i] = e.goniometer().rotationAxis().toArray();
			}
			scans[i] = e.scan();
			dStatic[i] = new double[e.detector().size()][];
			for (int p = 0; p < e.detector().size(); p++) {
				Panel pa = e.detector().panel(p);
				dStatic[i][p] = pa.dMatrix().toArray();
			}
		}
	}

	public int offsetOf(ModelParam p) { return offsets[params.indexOf(p)]; }

	public double[] getParams() {
		double[] x = new double[nFree];
		for (int i = 0; i < params.size(); i++) params.get(i).getFree(x, offsets[i]);
		return x;
	}

	public void setParams(double[] x) {
		for (int i = 0; i < params.size(); i++) params.get(i).setFree(x, offsets[i]);
	}

	public List<String> names() {
		List<String> n = new ArrayList<>();
		for (ModelParam p : params) n.addAll(p.freeNames());
		return n;
	}

	public boolean isScanVarying() {
		for (ModelParam p : params) if (p.isScanVarying()) return true;
		return false;
	}

	/** Composes the states of experiment {@code ie} at scan coordinate t (frame). */
	public Comp compose(int ie, double t, boolean derivs) {
		Comp c = new Comp();
		OrientationParam xo = expXlo[ie];
		UnitCellParam xu = expXluc[ie];
		BeamParam bp = expBeam[ie];
		DetectorParam dp = expDet[ie];
		GoniometerParam gp = expGon[ie];
		if (xo != null) {
			xo.compose(t);
			c.u = xo.state.clone();
			if (derivs) addDerivs(c, xo, 2);
		} else c.u = u0[ie];
		if (xu != null) {
			xu.compose(t);
			c.b = xu.state.clone();
			if (derivs) addDerivs(c, xu, 3);
		} else c.b = b0[ie];
		if (bp != null) {
			bp.compose(t);
			c.s0 = bp.state.clone();
			if (derivs) addDerivs(c, bp, 1);
		} else c.s0 = s0Static[ie];
		if (gp != null) {
			gp.compose(t);
			c.sMat = gp.state.clone();
			if (derivs) addDerivs(c, gp, 4);
		} else c.sMat = sStatic[ie];
		int np = dStatic[ie].length;
		c.d = new double[np][];
		c.dInv = new double[np][];
		if (dp != null) {
			dp.compose(t);
			for (int p = 0; p < np; p++) c.d[p] = dp.panelD(p);
			if (derivs) addDerivs(c, dp, 0);
		} else for (int p = 0; p < np; p++) c.d[p] = dStatic[ie][p];
		for (int p = 0; p < np; p++) {
			try {
				c.dInv[p] = RayMath.inverse(c.d[p]);
			} catch (IllegalStateException e) {
				c.dInv[p] = null;
			}
		}
		c.a = RayMath.mul(c.u, c.b);
		if (!stills) c.rot = new RayMath.Rotation(c.s0, c.sMat, fMat[ie], axis[ie]);
		return c;
	}

	private void addDerivs(Comp c, ModelParam p, int type) {
		int off = offsetOf(p);
		for (int i = 0; i < p.nDeriv; i++) c.add(off + p.derivIndex[i], type, p.deriv[i].clone());
	}

	/**
	 * Observations to predict: packed arrays of one row per reflection.
	 */
	public static final class Obs {
		public int n;
		public int[] id, panel, hkl;
		public boolean[] entering;
		/** scan coordinate used to compose scan-varying models (floor of the block centre) */
		public double[] t;
		public double[] xo, yo, zo; // observed x, y (mm), phi (rad)
	}

	/**
	 * Observations from a reflection table (columns id, panel, miller_index, entering (scans),
	 * xyzobs.mm.value); scan coordinates t from {@code tBlock} or, if null, ⌊z⌋ of xyzobs.px.value.
	 */
	public static Obs obs(org.bragg.model.reflection.ReflectionTable t, double[] tBlock) {
		Obs o = new Obs();
		int n = t.size();
		o.n = n;
		o.id = t.get(org.bragg.model.reflection.Columns.ID).clone();
		long[] pl = t.get(org.bragg.model.reflection.Columns.PANEL);
		o.panel = new int[n];
		for (int i = 0; i < n; i++) o.panel[i] = (int) pl[i];
		o.hkl = t.get(org.bragg.model.reflection.Columns.MILLER_INDEX).clone();
		o.entering = t.has(org.bragg.model.reflection.Columns.ENTERING) ? t.get(org.bragg.model.reflection.Columns.ENTERING).clone() : new boolean[n];
		double[] mm = t.get(org.bragg.model.reflection.Columns.XYZOBS_MM_VALUE);
		o.xo = new double[n];
		o.yo = new double[n];
		o.zo = new double[n];
		for (int i = 0; i < n; i++) {
			o.xo[i] = mm[3 * i];
			o.yo[i] = mm[3 * i + 1];
			o.zo[i] = mm[3 * i + 2];
		}
		if (tBlock != null) o.t = tBlock.clone();
		else {
			o.t = new double[n];
			if (t.has(org.bragg.model.reflection.Columns.XYZOBS_PX_VALUE)) {
				double[] px = t.get(org.bragg.model.reflection.Columns.XYZOBS_PX_VALUE);
				for (int i = 0; i < n; i++) o.t[i] = Math.floor(px[3 * i + 2]);
			}
		}
		return o;
	}

	/** Predictions (and optionally derivatives) for observations. */
	public static final class Pred {
		public double[] xc, yc, zc, s1;
		public boolean[] ok;
		/** row-major [row][param] derivatives of X, Y and φ (or ΔΨ), or null */
		public double[] dX, dY, dZ;
	}

	/**
	 * Predicts all observations; with {@code derivs} fills the Jacobian.
	 *
	 * @param matchTurns move φ by whole turns to within π of the observation
	 */
	public Pred predict(Obs o, boolean derivs, boolean matchTurns) {
		int n = o.n, p = nFree;
		Pred r = new Pred();
		r.xc = new double[n];
		r.yc = new double[n];
		r.zc = new double[n];
		r.s1 = new double[3 * n];
		r.ok = new boolean[n];
		if (derivs) {
			r.dX = new double[n * p];
			r.dY = new double[n * p];
			r.dZ = new double[n * p];
		}
		boolean sv = isScanVarying();
		Map<CompKey, Comp> cache = new HashMap<>();
		Comp[] compOf = new Comp[n];
		for (int i = 0; i < n; i++) {
			int ie = o.id[i];
			double t = sv ? o.t[i] : 0;
			compOf[i] = cache.computeIfAbsent(new CompKey(ie, t), key -> compose(key.ie(), key.t(), derivs));
		}
		int nChunks = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors() * 2, n / 500));
		java.util.stream.IntStream.range(0, nChunks).parallel().forEach(ch -> {
			int lo = (int) ((long) n * ch / nChunks), hi = (int) ((long) n * (ch + 1) / nChunks);
			double[] out = new double[4];
			double[] pv = new double[3], dpv = new double[3], dr = new double[3], tmp = new double[3], tmp2 = new double[3];
			for (int i = lo; i < hi; i++) predictRow(i, compOf[i], o, derivs, matchTurns, r, out, pv, dpv, dr, tmp, tmp2);
		});
		return r;
	}

	private record CompKey(int ie, double t) {}

	private void predictRow(int i, Comp c, Obs o, boolean derivs, boolean matchTurns, Pred r, double[] out, double[] pv, double[] dpv, double[] dr,
			double[] tmp, double[] tmp2) {
		int p = nFree;
		int ie = o.id[i];
		int h = o.hkl[3 * i], k = o.hkl[3 * i + 1], l = o.hkl[3 * i + 2];
		int pan = o.panel[i];
		double[] dinv = c.dInv[pan];
		if (dinv == null) return;
		if (stills) {
			predictStillRow(c, i, h, k, l, dinv, derivs, p, r, o);
			return;
		}
		if (!c.rot.predict(c.a, 0, h, k, l, o.entering[i], out)) return;
		double phi = out[3];
		if (matchTurns) {
			double po = o.zo[i];
			double res = RayMath.mod2pi(phi - RayMath.mod2pi(po) + Math.PI) - Math.PI;
			phi = po + res;
		}
		double s1x = out[0], s1y = out[1], s1z = out[2];
		RayMath.mul(dinv, 0, s1x, s1y, s1z, pv);
		if (!(pv[2] > 0)) return;
		double winv = 1 / pv[2];
		double x = pv[0] * winv, y = pv[1] * winv;
		r.xc[i] = x;
		r.yc[i] = y;
		r.zc[i] = phi;
		r.s1[3 * i] = s1x;
		r.s1[3 * i + 1] = s1y;
		r.s1[3 * i + 2] = s1z;
		r.ok[i] = true;
		if (!derivs) return;
		// geometry for derivatives
		double[] e = V.mul(c.sMat, V.unit(axis[ie]));
		double rx = s1x - c.s0[0], ry = s1y - c.s0[1], rz = s1z - c.s0[2];
		double exrx = e[1] * rz - e[2] * ry, exry = e[2] * rx - e[0] * rz, exrz = e[0] * ry - e[1] * rx;
		double ers0 = exrx * c.s0[0] + exry * c.s0[1] + exrz * c.s0[2];
		double[] rphi = null; // S·R(φ)·F
		int rowOff = i * p;
		for (int q = 0; q < c.n; q++) {
			double[] d = c.der[q];
			double dphi = 0;
			switch (c.type[q]) {
				case 0 -> {
					int o9 = 9 * pan;
					boolean nz = false;
					for (int j = 0; j < 9; j++) nz |= d[o9 + j] != 0;
					if (!nz) continue;
					// dpv = -D·dd·pv
					RayMath.mul(d, o9, pv[0], pv[1], pv[2], tmp);
					RayMath.mul(dinv, 0, -tmp[0], -tmp[1], -tmp[2], dpv);
				}
				case 1 -> {
					dphi = -(d[0] * rx + d[1] * ry + d[2] * rz) / ers0;
					RayMath.mul(dinv, 0, exrx * dphi + d[0], exry * dphi + d[1], exrz * dphi + d[2], dpv);
				}
				default -> {
					if (rphi == null) rphi = V.mm(c.sMat, RayMath.rotation(V.unit(axis[ie])[0], V.unit(axis[ie])[1], V.unit(axis[ie])[2], phi),
							fMat[ie]);
					if (c.type[q] == 2) { // dU·B·h
						RayMath.mul(c.b, 0, h, k, l, tmp2);
						RayMath.mul(d, 0, tmp2[0], tmp2[1], tmp2[2], tmp);
					} else if (c.type[q] == 3) { // U·dB·h
						RayMath.mul(d, 0, h, k, l, tmp2);
						RayMath.mul(c.u, 0, tmp2[0], tmp2[1], tmp2[2], tmp);
					} else { // dS·R·F·A·h = dS·Sᵀ·r
						double[] st = RayMath.transpose(c.sMat);
						RayMath.mul(st, 0, rx, ry, rz, tmp2);
						RayMath.mul(d, 0, tmp2[0], tmp2[1], tmp2[2], dr);
					}
					if (c.type[q] != 4) RayMath.mul(rphi, 0, tmp[0], tmp[1], tmp[2], dr);
					dphi = -(dr[0] * s1x + dr[1] * s1y + dr[2] * s1z) / ers0;
					RayMath.mul(dinv, 0, dr[0] + exrx * dphi, dr[1] + exry * dphi, dr[2] + exrz * dphi, dpv);
				}
			}
			int col = c.gIdx[q];
			r.dX[rowOff + col] += winv * (dpv[0] - dpv[2] * x);
			r.dY[rowOff + col] += winv * (dpv[1] - dpv[2] * y);
			r.dZ[rowOff + col] += dphi;
		}
	}

	private void predictStillRow(Comp c, int i, int h, int k, int l, double[] dinv, boolean derivs, int p, Pred r, Obs o) {
		double[] q = new double[3];
		RayMath.mul(c.a, 0, h, k, l, q);
		StillsDual.Result res = StillsDual.predict(q, c.s0, null, null);
		if (res == null) return;
		double[] pv = V.mul(dinv, res.s1);
		if (!(pv[2] > 0)) return;
		double winv = 1 / pv[2];
		double x = pv[0] * winv, y = pv[1] * winv;
		r.xc[i] = x;
		r.yc[i] = y;
		r.zc[i] = res.dpsi;
		System.arraycopy(res.s1, 0, r.s1, 3 * i, 3);
		r.ok[i] = true;
		if (!derivs) return;
		int pan = o.panel[i];
		int rowOff = i * p;
		double[] zero = new double[3];
		for (int qq = 0; qq < c.n; qq++) {
			double[] d = c.der[qq];
			double[] dpv;
			double ddpsi = 0;
			if (c.type[qq] == 0) {
				int o9 = 9 * pan;
				boolean nz = false;
				for (int j = 0; j < 9; j++) nz |= d[o9 + j] != 0;
				if (!nz) continue;
				double[] t = new double[3];
				RayMath.mul(d, o9, pv[0], pv[1], pv[2], t);
				dpv = V.scale(V.mul(dinv, t), -1);
			} else {
				double[] dq = zero, ds0 = zero;
				if (c.type[qq] == 1) ds0 = d;
				else if (c.type[qq] == 2) dq = V.mul(d, V.mul(c.b, new double[] { h, k, l }));
				else if (c.type[qq] == 3) dq = V.mul(c.u, V.mul(d, new double[] { h, k, l }));
				else continue;
				StillsDual.Result dr = StillsDual.predict(q, c.s0, dq, ds0);
				dpv = V.mul(dinv, dr.ds1);
				ddpsi = dr.ddpsi;
			}
			int col = c.gIdx[qq];
			r.dX[rowOff + col] += winv * (dpv[0] - dpv[2] * x);
			r.dY[rowOff + col] += winv * (dpv[1] - dpv[2] * y);
			r.dZ[rowOff + col] += ddpsi;
		}
	}
}

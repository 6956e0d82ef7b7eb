package org.bragg.refinement.internal;

/**
 * Crystal orientation parameterisation (DIALS {@code CrystalOrientationParameterisation}, static or
 * scan-varying): U = Φ3·Φ2·Φ1·U₀ with Φi rotations in mrad about lab x, y, z. State: U (9).
 */
public final class OrientationParam extends ModelParam {
	private static final double[][] AXES = { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
	private final double[] u0;
	private final double[] val = new double[3];
	private final double[][] dvdp;

	public OrientationParam(String id, int[] exps, double[] u0, GaussianSmoother sm) {
		super(id, exps, new String[] { "Phi1", "Phi2", "Phi3" }, new double[3], sm);
		this.u0 = u0.clone();
		dvdp = new double[3][numSamples()];
		compose(0);
	}

	@Override
	public void compose(double t) {
		setValues(t, val, dvdp);
		double[][] r = new double[3][], dr = new double[3][];
		for (int i = 0; i < 3; i++) {
			r[i] = V.rot(AXES[i], val[i] / 1000);
			dr[i] = V.drot(AXES[i], val[i] / 1000);
		}
		state = V.mm(V.mm(r[2], r[1]), V.mm(r[0], u0));
		beginDerivs(maxDerivs(), 9);
		addSetDerivs(0, V.scale(V.mm(V.mm(r[2], r[1]), V.mm(dr[0], u0)), 1e-3), dvdp);
		addSetDerivs(1, V.scale(V.mm(V.mm(r[2], dr[1]), V.mm(r[0], u0)), 1e-3), dvdp);
		addSetDerivs(2, V.scale(V.mm(V.mm(dr[2], r[1]), V.mm(r[0], u0)), 1e-3), dvdp);
	}
}

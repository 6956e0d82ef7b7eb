package org.bragg.refinement.internal;

/**
 * Goniometer setting-matrix parameterisation (DIALS {@code GoniometerParameterisation}): S = Γ2·Γ1·S₀
 * with Γ1 about the axis in the spindle–beam plane perpendicular to the spindle and Γ2 about spindle × ŝ0,
 * in mrad. State: S (9).
 */
public final class GoniometerParam extends ModelParam {
	private final double[] s0Mat, g1Axis, g2Axis;
	private final double[] val = new double[2];
	private final double[][] dvdp;

	/**
	 * @param spindle lab rotation axis S·e
	 * @param unitS0 beam direction, or null
	 */
	public GoniometerParam(String id, int[] exps, double[] settingRotation, double[] spindle, double[] unitS0, GaussianSmoother sm) {
		super(id, exps, new String[] { "Gamma1", "Gamma2" }, new double[2], sm);
		s0Mat = settingRotation.clone();
		if (unitS0 != null) {
			g2Axis = V.unit(V.cross(spindle, unitS0));
			g1Axis = V.unit(V.cross(g2Axis, spindle));
		} else {
			g1Axis = V.unit(V.ortho(spindle));
			g2Axis = V.unit(V.cross(spindle, g1Axis));
		}
		dvdp = new double[2][numSamples()];
		compose(0);
	}

	@Override
	public void compose(double t) {
		setValues(t, val, dvdp);
		double a = val[0] / 1000, b = val[1] / 1000;
		double[] g1 = V.rot(g1Axis, a), dg1 = V.drot(g1Axis, a), g2 = V.rot(g2Axis, b), dg2 = V.drot(g2Axis, b);
		state = V.mm(V.mm(g2, g1), s0Mat);
		beginDerivs(maxDerivs(), 9);
		addSetDerivs(0, V.scale(V.mm(V.mm(g2, dg1), s0Mat), 1e-3), dvdp);
		addSetDerivs(1, V.scale(V.mm(V.mm(dg2, g1), s0Mat), 1e-3), dvdp);
	}
}

package org.bragg.refinement.internal;

/**
 * Beam parameterisation (DIALS {@code BeamParameterisation}, static or scan-varying): s0 = ν·Mu2·Mu1·ŝ0₀
 * with Mu1, Mu2 rotations in mrad about two axes perpendicular to s0 — Mu1 about the axis in the plane
 * of the spindle and s0, Mu2 about s0 × spindle — and ν the wavenumber (Å⁻¹). State: s0 (3).
 */
public final class BeamParam extends ModelParam {
	private final double[] is0, ipn, mu1Axis, mu2Axis;
	/** polarisation normal after compose */
	public double[] polarizationNormal;
	private final double[] val = new double[3];
	private final double[][] dvdp;

	/**
	 * @param s0 initial beam vector (Å⁻¹)
	 * @param pn initial polarisation normal
	 * @param spindle lab rotation axis S·e, or null for stills
	 */
	public BeamParam(String id, int[] exps, double[] s0, double[] pn, double[] spindle, GaussianSmoother sm) {
		super(id, exps, new String[] { "Mu1", "Mu2", "nu" }, new double[] { 0, 0, V.norm(s0) }, sm);
		is0 = V.unit(s0);
		ipn = pn.clone();
		if (spindle != null) {
			mu2Axis = V.unit(V.cross(s0, spindle));
			mu1Axis = V.unit(V.cross(mu2Axis, s0));
		} else {
			mu1Axis = V.unit(V.ortho(s0));
			mu2Axis = V.unit(V.cross(s0, mu1Axis));
		}
		dvdp = new double[3][numSamples()];
		compose(0);
	}

	@Override
	public void compose(double t) {
		setValues(t, val, dvdp);
		double m1 = val[0] / 1000, m2 = val[1] / 1000, nu = val[2];
		double[] r1 = V.rot(mu1Axis, m1), dr1 = V.drot(mu1Axis, m1), r2 = V.rot(mu2Axis, m2), dr2 = V.drot(mu2Axis, m2);
		double[] r21 = V.mm(r2, r1);
		double[] dir = V.unit(V.mul(r21, is0));
		polarizationNormal = V.unit(V.mul(r21, ipn));
		state = V.scale(dir, nu);
		beginDerivs(maxDerivs(), 3);
		addSetDerivs(0, V.scale(V.mul(V.mm(r2, dr1), is0), nu / 1000), dvdp);
		addSetDerivs(1, V.scale(V.mul(V.mm(dr2, r1), is0), nu / 1000), dvdp);
		addSetDerivs(2, dir, dvdp);
	}
}

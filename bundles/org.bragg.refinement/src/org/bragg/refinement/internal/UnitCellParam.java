package org.bragg.refinement.internal;

import org.bragg.model.symmetry.SpaceGroup;

/**
 * Unit-cell parameterisation (DIALS {@code CrystalUnitCellParameterisation}, static or scan-varying):
 * the independent elements of the reciprocal metric tensor G* = BᵀB allowed by the space group's
 * lattice symmetry ({@link MetricConstraints}), scaled by 10⁵ and named {@code g_param_i}. B is rebuilt
 * from G* as R·T(G*), with T the triangular factor that has c* along z and b* in the y–z plane (rstbx
 * {@code AGconvert}) and R the fixed rotation taking T(G*₀) to the initial B. State: B (9).
 */
public final class UnitCellParam extends ModelParam {
	private final MetricConstraints mc;
	private final double[] rot;
	private final double[] val;
	private final double[][] dvdp;
	private final double[][] dgdp;

	public UnitCellParam(String id, int[] exps, SpaceGroup sg, double[] b0, GaussianSmoother sm) {
		this(id, exps, new MetricConstraints(sg), b0, sm);
	}

	private UnitCellParam(String id, int[] exps, MetricConstraints mc, double[] b0, GaussianSmoother sm) {
		super(id, exps, names(mc.numIndependent()), initial(mc, b0), sm);
		this.mc = mc;
		double[] g6 = symMat3(b0);
		double[] t0 = triangular(g6, null);
		rot = V.mm(b0, RayMath.inverse(t0));
		val = new double[mc.numIndependent()];
		dvdp = new double[val.length][numSamples()];
		dgdp = mc.jacobian();
		compose(0);
	}

	private static String[] names(int n) {
		String[] s = new String[n];
		for (int i = 0; i < n; i++) s[i] = "g_param_" + i;
		return s;
	}

	private static double[] initial(MetricConstraints mc, double[] b0) {
		double[] p = mc.reduce(symMat3(b0));
		for (int i = 0; i < p.length; i++) p[i] *= 1e5;
		return p;
	}

	/** G* = BᵀB in sym_mat3 order (g00, g11, g22, g01, g02, g12). */
	static double[] symMat3(double[] b) {
		double[] g = V.mm(RayMath.transpose(b), b);
		return new double[] { g[0], g[4], g[8], g[1], g[2], g[5] };
	}

	/**
	 * The triangular factor T(G*) (row-major, columns a*, b*, c*) and, if {@code d} is non-null, its
	 * derivatives d[i] = dT/dg_i for the six sym_mat3 elements.
	 */
	public static double[] triangular(double[] g, double[][] d) {
		double cz = Math.sqrt(g[2]);
		double bz = g[5] / cz;
		double az = g[4] / cz;
		double by = Math.sqrt(g[1] - bz * bz);
		double ay = (g[3] - az * bz) / by;
		double ax = Math.sqrt(g[0] - ay * ay - az * az);
		if (!(ax > 0 && by > 0 && cz > 0))
			throw new IllegalStateException("Unable to compose the crystal model: the metric tensor is not positive definite");
		if (d != null) {
			for (int i = 0; i < 6; i++) {
				double[] dg = new double[6];
				dg[i] = 1;
				double dcz = dg[2] / (2 * cz);
				double dbz = (dg[5] - bz * dcz) / cz;
				double daz = (dg[4] - az * dcz) / cz;
				double dby = (dg[1] - 2 * bz * dbz) / (2 * by);
				double day = (dg[3] - daz * bz - az * dbz - ay * dby) / by;
				double dax = (dg[0] - 2 * ay * day - 2 * az * daz) / (2 * ax);
				d[i] = new double[] { dax, 0, 0, day, dby, 0, daz, dbz, dcz };
			}
		}
		return new double[] { ax, 0, 0, ay, by, 0, az, bz, cz };
	}

	/** The crystal symmetry constraints in use. */
	public MetricConstraints constraints() { return mc; }

	@Override
	public void compose(double t) {
		setValues(t, val, dvdp);
		double[] p = new double[val.length];
		for (int i = 0; i < p.length; i++) p[i] = val[i] * 1e-5;
		double[] g = mc.enlarge(p);
		double[][] dT = new double[6][];
		double[] tm = triangular(g, dT);
		state = V.mm(rot, tm);
		beginDerivs(maxDerivs(), 9);
		for (int k = 0; k < val.length; k++) {
			double[] dtk = new double[9];
			for (int i = 0; i < 6; i++) {
				double c = dgdp[i][k];
				if (c == 0) continue;
				for (int j = 0; j < 9; j++) dtk[j] += c * dT[i][j];
			}
			addSetDerivs(k, V.scale(V.mm(rot, dtk), 1e-5), dvdp);
		}
	}
}

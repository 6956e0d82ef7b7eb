package org.bragg.format.cbf.internal;

/**
 * X-ray linear attenuation coefficients of detector sensor materials, for the parallax correction
 * of pixel-array detectors.
 *
 * <p>Data: NIST X-ray mass attenuation coefficients μ/ρ (Hubbell &amp; Seltzer, NIST Standard
 * Reference Database 126, total with coherent scattering) and densities, the same table values as
 * cctbx's {@code eltbx.attenuation_coefficient} that dxtbx uses. Between tabulated energies μ/ρ is
 * interpolated linearly in log(μ/ρ) against log(E), taking the last tabulated energy not above E as
 * the lower point (so at an absorption edge, where an energy is listed twice, the value above the
 * edge is used from the edge energy on), as cctbx does.
 *
 * @since 0.1
 */
public final class Attenuation {
	private Attenuation() {}

	/** hc in eV·Å (CODATA 2018 exact constants), as cctbx's {@code factor_ev_angstrom}. */
	public static final double EV_ANGSTROM = 6.62607015 * 2.99792458 / 1.602176634 * 1000;

	private static final double SI_DENSITY = 2.33;
	private static final double[] SI_E = { 0.001, 0.0015, 0.0018389, 0.0018389, 0.002, 0.003, 0.004, 0.005, 0.006, 0.008, 0.01, 0.015, 0.02, 0.03,
			0.04, 0.05, 0.06, 0.08, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0, 15.0, 20.0 };
	private static final double[] SI_MU = { 1570.0, 535.5, 309.2, 3192.0, 2777.0, 978.4, 452.9, 245.0, 147.0, 64.68, 33.89, 10.34, 4.464, 1.436,
			0.7012, 0.4385, 0.3207, 0.2228, 0.1835, 0.1448, 0.1275, 0.1082, 0.09614, 0.08748, 0.08077, 0.07082, 0.06361, 0.05688, 0.05183,
			0.0448, 0.03678, 0.0324, 0.02967, 0.02788, 0.02574, 0.02462, 0.02352, 0.02338 };

	private static final double CDTE_DENSITY = 6.2;
	private static final double[] CDTE_E = { 0.001, 0.001003, 0.001006, 0.001006, 0.0015, 0.002, 0.003, 0.003537, 0.003537, 0.003631, 0.003727,
			0.003727, 0.004, 0.004018, 0.004018, 0.004177, 0.004341, 0.004341, 0.004475, 0.004612, 0.004612, 0.004773, 0.004939, 0.004939,
			0.005, 0.006, 0.008, 0.01, 0.015, 0.02, 0.026711, 0.026711, 0.03, 0.031814, 0.031814, 0.04, 0.05, 0.06, 0.08, 0.1, 0.15, 0.2, 0.3,
			0.4, 0.5, 0.6, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0, 15.0, 20.0 };
	private static final double[] CDTE_MU = { 7927.0, 7875.0, 7824.0, 8014.0, 3291.0, 1664.0, 614.6, 406.4, 778.7, 730.0, 684.0, 860.1, 723.0,
			715.1, 793.4, 722.1, 656.2, 932.8, 873.9, 813.5, 943.8, 870.2, 799.9, 865.3, 839.2, 528.6, 249.2, 138.1, 46.57, 21.44, 9.834, 29.43,
			21.82, 18.73, 34.92, 19.3, 10.67, 6.542, 3.019, 1.671, 0.6071, 0.3246, 0.1628, 0.1147, 0.09291, 0.08042, 0.066, 0.05742, 0.05043,
			0.04591, 0.0407, 0.03649, 0.03525, 0.03513, 0.03548, 0.03687, 0.03857, 0.04273, 0.04616 };

	/** @return true if a table exists for the material ("Si" or "CdTe") */
	public static boolean hasTable(String material) {
		return "Si".equals(material) || "CdTe".equals(material);
	}

	/**
	 * Linear attenuation coefficient μ.
	 *
	 * @param material "Si" or "CdTe"
	 * @param wavelength Å, within the table's range (0.62 mÅ … 12.4 Å)
	 * @return μ in mm⁻¹
	 * @throws IllegalArgumentException for another material or a wavelength outside the table
	 */
	public static double muPerMm(String material, double wavelength) {
		double[] e, mu;
		double rho;
		if ("Si".equals(material)) {
			e = SI_E;
			mu = SI_MU;
			rho = SI_DENSITY;
		} else if ("CdTe".equals(material)) {
			e = CDTE_E;
			mu = CDTE_MU;
			rho = CDTE_DENSITY;
		} else {
			throw new IllegalArgumentException("no attenuation table for sensor material '" + material + "' (have Si, CdTe)");
		}
		double mev = EV_ANGSTROM / wavelength / 1000000;
		int index = 0;
		while (index < e.length && !(mev < e[index])) index++;
		if (index == 0 || index >= e.length)
			throw new IllegalArgumentException("wavelength " + wavelength + " Å is outside the attenuation table of " + material);
		index--;
		double x0 = Math.log(e[index]), x1 = Math.log(e[index + 1]);
		double y0 = Math.log(mu[index]), y1 = Math.log(mu[index + 1]);
		double muRho = Math.exp(y0 + (y1 - y0) * (Math.log(mev) - x0) / (x1 - x0));
		return muRho * rho / 10.0;
	}
}

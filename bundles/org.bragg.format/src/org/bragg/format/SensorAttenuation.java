package org.bragg.format;

/**
 * Linear X-ray attenuation coefficients μ of detector sensor materials (Si, CdTe, GaAs), used for
 * the parallax correction of pixel-array detectors.
 *
 * <p>Data: NIST X-ray mass attenuation coefficients μ/ρ with coherent scattering (Hubbell &amp;
 * Seltzer, NIST Standard Reference Database 126), energies in MeV, and densities in g/cm³: the
 * values of cctbx's {@code eltbx.attenuation_coefficient} tables that dxtbx uses. μ/ρ is
 * interpolated linearly in log μ/ρ against log E between the last tabulated energy not above E and
 * the next one (at an absorption edge, listed twice, the value above the edge applies from the edge
 * on), so that μ agrees with dxtbx to rounding. Photon energy from λ with hc = 12398.4198… eV·Å
 * (exact SI 2019 constants).
 *
 * @since 0.1
 */
public final class SensorAttenuation {
	/** hc in eV·Å from the exact SI 2019 constants. */
	public static final double EV_ANGSTROM = 6.62607015 * 2.99792458 / 1.602176634 * 1000;

	private SensorAttenuation() {}

	private record Table(double density, double[] energyMeV, double[] muRho) {}

	private static Table table(String material) {
		return switch (material) {
		case "Si" -> new Table(2.33, new double[] {
			0.001, 0.0015, 0.0018389, 0.0018389, 0.002, 0.003, 0.004, 0.005, 0.006, 0.008, 0.01, 0.015, 0.02, 0.03, 0.04,
			0.05, 0.06, 0.08, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0,
			15.0, 20.0 },
			new double[] {
			1570.0, 535.5, 309.2, 3192.0, 2777.0, 978.4, 452.9, 245.0, 147.0, 64.68, 33.89, 10.34, 4.464, 1.436, 0.7012,
			0.4385, 0.3207, 0.2228, 0.1835, 0.1448, 0.1275, 0.1082, 0.09614, 0.08748, 0.08077, 0.07082, 0.06361, 0.05688,
			0.05183, 0.0448, 0.03678, 0.0324, 0.02967, 0.02788, 0.02574, 0.02462, 0.02352, 0.02338 });
		case "CdTe" -> new Table(6.2, new double[] {
			0.001, 0.001003, 0.001006, 0.001006, 0.0015, 0.002, 0.003, 0.003537, 0.003537, 0.003631, 0.003727, 0.003727,
			0.004, 0.004018, 0.004018, 0.004177, 0.004341, 0.004341, 0.004475, 0.004612, 0.004612, 0.004773, 0.004939,
			0.004939, 0.005, 0.006, 0.008, 0.01, 0.015, 0.02, 0.026711, 0.026711, 0.03, 0.031814, 0.031814, 0.04, 0.05,
			0.06, 0.08, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0, 15.0,
			20.0 },
			new double[] {
			7927.0, 7875.0, 7824.0, 8014.0, 3291.0, 1664.0, 614.6, 406.4, 778.7, 730.0, 684.0, 860.1, 723.0, 715.1, 793.4,
			722.1, 656.2, 932.8, 873.9, 813.5, 943.8, 870.2, 799.9, 865.3, 839.2, 528.6, 249.2, 138.1, 46.57, 21.44, 9.834,
			29.43, 21.82, 18.73, 34.92, 19.3, 10.67, 6.542, 3.019, 1.671, 0.6071, 0.3246, 0.1628, 0.1147, 0.09291, 0.08042,
			0.066, 0.05742, 0.05043, 0.04591, 0.0407, 0.03649, 0.03525, 0.03513, 0.03548, 0.03687, 0.03857, 0.04273,
			0.04616 });
		case "GaAs" -> new Table(5.32, new double[] {
			0.001, 0.00105613, 0.0011154, 0.0011154, 0.00112877, 0.0011423, 0.0011423, 0.00121752, 0.0012977, 0.0012977,
			0.00131034, 0.0013231, 0.0013231, 0.00134073, 0.0013586, 0.0013586, 0.0015, 0.0015265, 0.0015265, 0.002, 0.003,
			0.004, 0.005, 0.006, 0.008, 0.01, 0.0103671, 0.0103671, 0.0110916, 0.0118667, 0.0118667, 0.015, 0.02, 0.03,
			0.04, 0.05, 0.06, 0.08, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0,
			10.0, 15.0, 20.0 },
			new double[] {
			1917.0, 1685.0, 1481.0, 2772.0, 3180.0, 3532.0, 4372.0, 4130.0, 3657.0, 4066.0, 3971.0, 3879.0, 5652.0, 5525.0,
			5415.0, 6266.0, 5159.0, 4939.0, 5278.0, 2731.0, 970.2, 453.9, 249.5, 152.4, 69.6, 37.8, 34.25, 126.0, 105.9,
			88.99, 168.5, 92.2, 42.58, 13.97, 6.262, 3.365, 2.042, 0.9587, 0.5598, 0.2509, 0.1671, 0.1137, 0.09371,
			0.08248, 0.07484, 0.06452, 0.05751, 0.05122, 0.04676, 0.04102, 0.03538, 0.03288, 0.03172, 0.03121, 0.03117,
			0.0317, 0.03354, 0.03543 });
		default -> null;
		};
	}

	/** @return true if μ is tabulated for the material */
	public static boolean known(String material) { return table(material) != null; }

	/**
	 * @param material {@code Si}, {@code CdTe} or {@code GaAs}
	 * @param wavelength Å
	 * @return μ in mm⁻¹
	 * @throws IllegalArgumentException for an unknown material or a photon energy outside 1 keV–20 MeV
	 */
	public static double muPerMm(String material, double wavelength) {
		Table t = table(material);
		if (t == null) throw new IllegalArgumentException("no attenuation table for sensor material '" + material + "'");
		double eMeV = EV_ANGSTROM / wavelength / 1e6;
		double[] e = t.energyMeV();
		int i = 0;
		while (i < e.length && !(eMeV < e[i])) i++;
		if (i == 0 || i == e.length)
			throw new IllegalArgumentException("wavelength " + wavelength + " Å is outside the attenuation table of " + material);
		i--;
		double x0 = Math.log(e[i]), x1 = Math.log(e[i + 1]);
		double y0 = Math.log(t.muRho()[i]), y1 = Math.log(t.muRho()[i + 1]);
		double muRho = Math.exp(y0 + (y1 - y0) * (Math.log(eMeV) - x0) / (x1 - x0));
		return muRho * t.density() / 10.0; // cm⁻¹ → mm⁻¹
	}
}

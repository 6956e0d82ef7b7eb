package org.bragg.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.bragg.integration.internal.StillsMosaicity;
import org.junit.jupiter.api.Test;

/**
 * The Nave mosaicity fit ({@link StillsMosaicity}) on synthetic excursions drawn from the model itself: Δψ uniform in
 * ±(d/D + η/2) for known D and η must give back D/1.4 and 1.4·η/2 (DIALS's expanded model) within 10 % and 15 % (the
 * soft edge of the cctbx likelihood, sharpness 10/ψ_m, shrinks the fitted box by a few per cent).
 */
class StillsMosaicityTest {

	@Test
	void recoversDomainSizeAndMosaicity() {
		double domain = 400, eta = Math.toRadians(0.2);
		Random rnd = new Random(20261121);
		int n = 3000;
		double[] d = new double[n], psi = new double[n];
		for (int i = 0; i < n; i++) {
			d[i] = 1.5 + 8.5 * rnd.nextDouble();
			double half = d[i] / domain + eta / 2;
			psi[i] = (2 * rnd.nextDouble() - 1) * half;
		}
		StillsMosaicity.Model m = StillsMosaicity.estimate(d, psi, 57.8 * 57.8 * 150);
		System.out.printf("synthetic D %.0f A, eta %.3f deg -> ML_domain_size_ang %.1f (expected %.1f), ML_half_mosaicity_deg %.4f (expected %.4f)%n", domain,
				Math.toDegrees(eta), m.domainSizeAng(), domain / StillsMosaicity.EXPANSION, m.halfMosaicityDeg(), Math.toDegrees(eta) / 2 * StillsMosaicity.EXPANSION);
		assertEquals(domain / StillsMosaicity.EXPANSION, m.domainSizeAng(), 0.1 * domain / StillsMosaicity.EXPANSION, "ML_domain_size_ang");
		assertEquals(Math.toDegrees(eta) / 2 * StillsMosaicity.EXPANSION, m.halfMosaicityDeg(), 0.15 * Math.toDegrees(eta) / 2 * StillsMosaicity.EXPANSION,
				"ML_half_mosaicity_deg");
		// DIALS's prediction acceptance d/D' + η'/4 (expanded model) keeps at least 95 % of the excursions
		int inside = 0;
		for (int i = 0; i < n; i++) if (Math.abs(psi[i]) < m.deltaPsiModel(d[i])) inside++;
		assertTrue(inside >= 0.95 * n, inside + " of " + n + " excursions inside the prediction acceptance");
	}

	@Test
	void tooFewReflectionsAreRefused() {
		try {
			StillsMosaicity.estimate(new double[] { 2, 3 }, new double[] { 0.001, -0.001 }, 1e5);
		} catch (IllegalArgumentException expected) {
			return;
		}
		throw new AssertionError("two reflections cannot define the model");
	}
}

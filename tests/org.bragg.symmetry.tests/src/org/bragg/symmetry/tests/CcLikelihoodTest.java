package org.bragg.symmetry.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bragg.symmetry.internal.CcLikelihood;
import org.junit.jupiter.api.Test;

/** The symmetry-element likelihoods on the CC scale (Evans 2011, DIALS) and on Fisher's z scale. */
class CcLikelihoodTest {
	private static double integrate(java.util.function.DoubleUnaryOperator f, double a, double b, int n) {
		double h = (b - a) / n, s = f.applyAsDouble(a) + f.applyAsDouble(b);
		for (int i = 1; i < n; i++) s += (i % 2 == 1 ? 4 : 2) * f.applyAsDouble(a + i * h);
		return s * h / 3;
	}

	@Test
	void densitiesAreNormalised() {
		for (double sd : new double[] { 0.1, 0.3 }) {
			assertEquals(1, integrate(x -> CcLikelihood.pGivenS(x, sd, 0.9), -1, 1, 4000), 1e-3, "p(CC|S) on [-1, 1]");
			assertEquals(1, integrate(x -> CcLikelihood.pGivenNotS(x, sd), -1, 1, 400), 2e-3, "p(CC|not S) on [-1, 1]");
			// Cauchy tails beyond |z| = 200 hold sd·2/(π·200) of the mass
			double tail = sd * 2 / (Math.PI * 200);
			assertEquals(1 - tail, integrate(z -> CcLikelihood.pGivenSFisher(z, sd, 1.9), -200, 200, 200000), 2e-3, "p(z|S)");
			assertEquals(1, integrate(z -> CcLikelihood.pGivenNotSFisher(z, sd), -30, 30, 3000), 0.01, "p(z|not S)");
		}
	}

	@Test
	void scalesAgreeForSmallCcs() {
		// near CC = 0, dz/dCC = 1: the two scales give the same odds
		double sd = 0.2, e = 0.3;
		for (double cc : new double[] { -0.05, 0.0, 0.05 }) {
			double oddsCc = CcLikelihood.pGivenS(cc, sd, e) / CcLikelihood.pGivenNotS(cc, sd);
			double z = CcLikelihood.fisherZ(cc);
			double oddsZ = CcLikelihood.pGivenSFisher(z, sd, CcLikelihood.fisherZ(e)) / CcLikelihood.pGivenNotSFisher(z, sd);
			assertEquals(oddsCc, oddsZ, 0.25 * oddsCc, "CC " + cc);
		}
	}

	@Test
	void pseudoSymmetryBelowTheIdentityIsRejectedOnlyOnTheZScale() {
		// the ED case: identity/true elements correlate at 0.963, a pseudo-two-fold at 0.85 over 1800 pairs
		double e = 0.963, sd = 0.1, cc = 0.85;
		double oddsCc = CcLikelihood.pGivenS(cc, sd, e) / CcLikelihood.pGivenNotS(cc, sd);
		double z = CcLikelihood.fisherZ(cc);
		double oddsZ = CcLikelihood.pGivenSFisher(z, sd, CcLikelihood.fisherZ(e)) / CcLikelihood.pGivenNotSFisher(z, sd);
		assertTrue(oddsCc > 2, "CC scale calls it present: odds " + oddsCc);
		assertTrue(oddsZ < 0.5, "z scale calls it absent: odds " + oddsZ);
		// a true element at 0.95 stays present on both scales
		double zt = CcLikelihood.fisherZ(0.95);
		assertTrue(CcLikelihood.pGivenSFisher(zt, sd, CcLikelihood.fisherZ(e)) / CcLikelihood.pGivenNotSFisher(zt, sd) > 3);
		assertTrue(CcLikelihood.pGivenS(0.95, sd, e) / CcLikelihood.pGivenNotS(0.95, sd) > 3);
		assertEquals(0.5 * Math.log(1.9999 / 0.0001), CcLikelihood.fisherZ(1.0), 1e-9, "CC = 1 is clamped to 0.9999");
	}
}

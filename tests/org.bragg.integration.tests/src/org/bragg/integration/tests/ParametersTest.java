package org.bragg.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.bragg.integration.IntegrationParameters;
import org.bragg.integration.ProfileModel;
import org.bragg.integration.internal.KabschFrame;
import org.bragg.params.Phil;
import org.junit.jupiter.api.Test;

/** Parameter parsing with DIALS's names, the profile-model map, and the Kabsch frame. */
class ParametersTest {
	@Test
	void parsesDialsStyleArguments() throws Exception {
		IntegrationParameters p = Phil.parse(List.of("prediction.d_min=2.0", "background.algorithm=simple", "nproc=3", "profile.fitting=True", "sigma_m=0.1"),
				IntegrationParameters.class).params();
		assertEquals(2.0, p.prediction().dMin().getAsDouble());
		assertEquals(IntegrationParameters.BackgroundAlgorithm.SIMPLE, p.background().algorithm());
		assertEquals(3, p.nproc());
		assertTrue(p.profile().fitting());
		assertEquals(0.1, p.profile().sigmaM().getAsDouble());
		assertEquals(IntegrationParameters.BackgroundAlgorithm.NULL,
				Phil.parse(List.of("background.algorithm=null"), IntegrationParameters.class).params().background().algorithm());
		assertThrows(IllegalArgumentException.class, () -> new IntegrationParameters.Profile(0, java.util.OptionalDouble.empty(), java.util.OptionalDouble.empty(), false));
	}

	@Test
	void profileMapAsDials() {
		Map<String, Object> m = new ProfileModel(3, 0.0556, 0.1003).toProfileMap();
		assertEquals("gaussian_rs", m.get("__id__"));
		assertEquals(3.0, m.get("n_sigma"));
		assertEquals(0.0556, m.get("sigma_b"));
		assertEquals(0.1003, m.get("sigma_m"));
	}

	@Test
	void kabschFrameIsOrthonormalAndRoundTrips() {
		double[] s0 = { 0, 0, -1 / 0.9795 };
		double[] s1 = { 0.3, 0.2, -Math.sqrt(1 / (0.9795 * 0.9795) - 0.13) };
		KabschFrame cs = new KabschFrame(new double[] { 1, 0, 0 }, s0, s1, 0.2);
		double[] sv = cs.toBeamVector(0.002, -0.001);
		double[] c = new double[2];
		cs.fromBeamVector(sv[0] * 3, sv[1] * 3, sv[2] * 3, c);
		assertEquals(0.002, c[0], 1e-8);
		assertEquals(-0.001, c[1], 1e-8);
		cs.fromBeamVector(s1[0], s1[1], s1[2], c);
		assertEquals(0, c[0], 1e-15);
		// ζ = m2·e1 with e1 = s1×s0/|s1×s0|
		double ex = s1[1] * s0[2] - s1[2] * s0[1], ey = s1[2] * s0[0] - s1[0] * s0[2], ez = s1[0] * s0[1] - s1[1] * s0[0];
		assertEquals(ex / Math.sqrt(ex * ex + ey * ey + ez * ez), cs.zeta, 1e-12);
	}
}

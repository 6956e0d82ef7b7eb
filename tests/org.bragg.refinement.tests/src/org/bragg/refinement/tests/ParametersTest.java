package org.bragg.refinement.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bragg.params.ParameterException;
import org.bragg.params.Phil;
import org.bragg.refinement.RefinementParameters;
import org.bragg.refinement.RefinementParameters.BeamFix;
import org.junit.jupiter.api.Test;

class ParametersTest {
	@Test
	void defaultsMatchDials() {
		RefinementParameters p = RefinementParameters.defaults();
		assertEquals(Set.of(BeamFix.IN_SPINDLE_PLANE, BeamFix.WAVELENGTH), p.parameterisation().beam().fix());
		assertEquals(Optional.empty(), p.parameterisation().scanVaryingChoice());
		assertEquals(36.0, p.parameterisation().crystal().unitCell().smoother().intervalWidthDegrees().getAsDouble());
		assertEquals(0.02, p.reflections().closeToSpindleCutoff());
		assertEquals(42, p.reflections().randomSeed().getAsInt());
		assertEquals(0.975, p.reflections().outlier().mcd().thresholdProbability());
		assertEquals(5, p.parameterisation().autoReduction().minNrefPerParameter());
		assertEquals("LevMar", p.refinery().engine());
		String cfg = Phil.showConfig(RefinementParameters.class, 1, 0);
		assertTrue(cfg.contains("refinement {"), cfg);
		assertTrue(cfg.contains("fix = all *in_spindle_plane out_spindle_plane *wavelength"), cfg);
	}

	@Test
	void parsesDialsStyleArguments() throws ParameterException {
		RefinementParameters p = Phil.parse(List.of("refinement.parameterisation.detector.fix_list=Dist,Tau2,Tau3", "scan_varying=True",
				"beam.force_static=False", "engine=GaussNewton", "outlier.algorithm=tukey", "beam.fix=wavelength"), RefinementParameters.class).params();
		assertEquals(List.of("Dist", "Tau2", "Tau3"), p.parameterisation().detector().fixNames());
		assertEquals(Optional.of(true), p.parameterisation().scanVaryingChoice());
		assertFalse(p.parameterisation().beam().forceStatic());
		assertEquals(Set.of(BeamFix.WAVELENGTH), p.parameterisation().beam().fix());
		assertEquals(RefinementParameters.OutlierAlgorithm.TUKEY, p.reflections().outlier().algorithm());
		assertThrows(ParameterException.class, () -> Phil.parse(List.of("scan_varying=maybe"), RefinementParameters.class));
		RefinementParameters q = Phil.parse(List.of("tie_to_target.values=10,10,20,90,90,90", "tie_to_target.sigmas=0.1,0.1,0.1,0,0,0"),
				RefinementParameters.class).params();
		assertEquals(1, q.parameterisation().crystal().unitCell().restraints().mergedTieToTarget().size());
		assertEquals(0.1, q.parameterisation().crystal().unitCell().restraints().mergedTieToTarget().get(0).sigmas()[0]);
	}
}

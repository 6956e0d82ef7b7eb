package org.bragg.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;

import org.bragg.model.ExperimentList;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionFlag;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.model.symmetry.SpaceGroup;
import org.bragg.model.symmetry.UnitCell;
import org.junit.jupiter.api.Test;

/** The profile/summation choice picks the less noisy intensities, as DIALS's lowest-Rmeas rule. */
class CombineIntensitiesTest {

	private static ReflectionTable table(ExperimentList el, double prfNoise, double sumNoise, long seed) {
		SpaceGroup sg = SpaceGroup.fromHall(el.get(0).crystal().spaceGroupHall());
		UnitCell cell = UnitCell.of(el.get(0).crystal().unitCellParameters());
		Random r = new Random(seed);
		int nu = 1500, per = 4, n = nu * per;
		ReflectionTable t = new ReflectionTable(n);
		int[] hkl = t.create(Columns.MILLER_INDEX);
		double[] xyz = t.create(Columns.XYZOBS_PX_VALUE);
		double[] ip = t.create(Columns.INTENSITY_PRF_VALUE), vp = t.create(Columns.INTENSITY_PRF_VARIANCE);
		double[] is = t.create(Columns.INTENSITY_SUM_VALUE), vs = t.create(Columns.INTENSITY_SUM_VARIANCE);
		double[] lp = t.create(Columns.LP), qe = t.create(Columns.QE), part = t.create(Columns.PARTIALITY);
		long[] flags = t.create(Columns.FLAGS);
		t.create(Columns.ID);
		java.util.Set<Long> seen = new java.util.HashSet<>();
		int k = 0;
		while (k < n) {
			int h = r.nextInt(30), kk = r.nextInt(30), l = 1 + r.nextInt(60);
			var asu = sg.toAsu(h, kk, l);
			double ds = cell.dStarSq(h, kk, l);
			if (ds > 0.4 || !seen.add(Fixtures.key(asu.h(), asu.k(), asu.l()))) continue;
			double it = 5000 * Math.exp(-10 * ds) * -Math.log(1 - r.nextDouble()) + 100;
			for (int j = 0; j < per; j++, k++) {
				System.arraycopy(sg.fromAsu(asu.h(), asu.k(), asu.l(), 1 + r.nextInt(2 * sg.symOps().size())), 0, hkl, 3 * k, 3);
				double var = it + 20;
				// the same stated variance for both; the actual scatter differs (relative, so strong reflections differ most)
				ip[k] = it * (1 + prfNoise * r.nextGaussian()) + Math.sqrt(var) * r.nextGaussian();
				is[k] = it * (1 + sumNoise * r.nextGaussian()) + Math.sqrt(var) * r.nextGaussian();
				vp[k] = var;
				vs[k] = var;
				xyz[3 * k] = 100; xyz[3 * k + 1] = 100; xyz[3 * k + 2] = 60 * r.nextDouble();
				lp[k] = 1; qe[k] = 1; part[k] = 1;
				flags[k] = ReflectionFlag.INTEGRATED_PRF.mask() | ReflectionFlag.INTEGRATED_SUM.mask();
			}
		}
		return t;
	}

	private static ScalingParameters params(ScalingParameters.IntensityChoice c) {
		return new ScalingParameters(0, 0, 0.1, Optional.empty(), Optional.empty(), 0, 0, c, false, OptionalDouble.empty(), 6.0, 2, true);
	}

	@Test
	void choosesTheLessNoisyIntensities() throws Exception {
		ExperimentList el = Fixtures.experiments();
		List<String> log = new ArrayList<>();
		Scaler.Result sumBetter = Scaler.scale(el, table(el, 0.08, 0.0, 1), params(ScalingParameters.IntensityChoice.COMBINE), log::add);
		// sum better: summation only, or a combination in which the strong reflections (I >> Imid) use summation
		double iSum = sumBetter.model().imid();
		assertTrue(iSum != 0.0, String.join("\n", log));
		log.clear();
		Scaler.Result prfBetter = Scaler.scale(el, table(el, 0.0, 0.08, 2), params(ScalingParameters.IntensityChoice.COMBINE), log::add);
		double iPrf = prfBetter.model().imid();
		System.out.println("Imid chosen: sum better " + iSum + ", prf better " + iPrf);
		assertTrue(iPrf == 0.0 || iPrf > 1e4, String.join("\n", log));
		// a forced choice is obeyed and recorded as DIALS's Imid
		Scaler.Result forced = Scaler.scale(el, table(el, 0.0, 0.08, 2), params(ScalingParameters.IntensityChoice.SUM), log::add);
		assertEquals(1.0, forced.model().imid(), 0);
		assertEquals(1.0, ((Number) ((java.util.Map<?, ?>) forced.experiments().get(0).scalingModel().get("configuration_parameters")).get("Imid")).doubleValue(), 0);
	}
}

package org.bragg.spotfinding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;

import org.bragg.model.Beam;
import org.bragg.model.Detector;
import org.bragg.model.Panel;
import org.bragg.model.PxMmStrategy;
import org.bragg.model.Vec3;
import org.bragg.spotfinding.SpotFindingParameters.Untrusted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public mask-generation API (dials.generate_mask semantics) on a small synthetic two-panel detector. */
class MaskGenerationTest {
	@TempDir Path dir;

	static final int W = 100, H = 80;

	static Panel panel(String name, double x) {
		return new Panel(name, "SENSOR_PAD", new Vec3(1, 0, 0), new Vec3(0, -1, 0), new Vec3(x, H * 0.1 / 2, -100), new int[] { 0, 0 }, new int[] { W, H },
				new double[] { 0.1, 0.1 }, new double[] { -1, 1e6 }, 0, "Si", 0, "", List.of(), 1, 0, PxMmStrategy.SIMPLE);
	}

	static final Detector DET = new Detector(List.of(panel("a", -W * 0.1), panel("b", 0)), null);

	@Test
	void shapesGoToTheirPanelAndTheFileRoundTrips() throws Exception {
		MaskGeneration.Parameters p = MaskGeneration.Parameters.defaults().withUntrusted(Untrusted.rectangle(0, 10, 20, 5, 15))
				.withUntrusted(Untrusted.circle(1, 50, 40, 5)).withUntrusted(Untrusted.polygon(1, 0, 0, 10, 0, 10, 10, 0, 10));
		List<boolean[]> m = MaskGeneration.generate(DET, Beam.simple(1.0), p);
		assertEquals(2, m.size());
		assertEquals(100, MaskGeneration.countMasked(List.of(m.get(0))));
		// circle r=5: pixel indices strictly inside (69 lattice points); polygon: 100 pixel centres
		assertEquals(69 + 100, MaskGeneration.countMasked(List.of(m.get(1))));
		Path f = dir.resolve("pixels.mask");
		MaskFiles.write(f, DET, m);
		List<boolean[]> back = MaskFiles.read(f);
		for (int i = 0; i < 2; i++) assertArrayEquals(m.get(i), back.get(i));
	}

	@Test
	void wholePanelBorderAndCombine() {
		List<boolean[]> whole = MaskGeneration.generate(DET, Beam.simple(1.0), MaskGeneration.Parameters.defaults().withUntrusted(Untrusted.panel(1)));
		assertEquals(W * H, MaskGeneration.countMasked(whole));
		MaskGeneration.Parameters b = new MaskGeneration.Parameters(2, java.util.OptionalDouble.empty(), java.util.OptionalDouble.empty(), List.of(),
				List.of(), SpotFindingParameters.IceRings.defaults(), false);
		List<boolean[]> border = MaskGeneration.generate(DET, Beam.simple(1.0), b);
		int perPanel = W * H - (W - 4) * (H - 4);
		assertEquals(2 * perPanel, MaskGeneration.countMasked(border));
		assertEquals(W * H + perPanel, MaskGeneration.countMasked(MaskGeneration.combine(whole, border)));
	}

	@Test
	void badRegionsAreRejected() {
		assertThrows(IllegalArgumentException.class,
				() -> MaskGeneration.generate(DET, Beam.simple(1.0), MaskGeneration.Parameters.defaults().withUntrusted(Untrusted.panel(2))));
		assertThrows(IllegalArgumentException.class, () -> MaskGeneration.Parameters.defaults().withResolutionRange(3, 3));
	}
}

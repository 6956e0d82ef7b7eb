package org.bragg.spotfinding.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalDouble;

import org.bragg.model.Beam;
import org.bragg.model.Panel;
import org.bragg.model.PxMmStrategy;
import org.bragg.model.Vec3;
import org.bragg.spotfinding.SpotFindingParameters;
import org.bragg.spotfinding.SpotFindingParameters.Filter;
import org.bragg.spotfinding.SpotFindingParameters.Untrusted;
import org.junit.jupiter.api.Test;

/** Pixel masks from spotfinder.filter, with dxtbx's conventions for each region type. */
class MaskGeneratorTest {
	static final int W = 100, H = 80;
	static final Panel PANEL = new Panel("p", "SENSOR_PAD", new Vec3(1, 0, 0), new Vec3(0, -1, 0), new Vec3(-W * 0.1 / 2, H * 0.1 / 2, -100),
			new int[] { 0, 0 }, new int[] { W, H }, new double[] { 0.1, 0.1 }, new double[] { -1, 1e6 }, 0, "Si", 0, "", List.of(), 1, 0,
			PxMmStrategy.SIMPLE);
	static final Beam BEAM = Beam.simple(1.0);

	static int masked(boolean[] m) {
		int n = 0;
		for (boolean b : m) if (!b) n++;
		return n;
	}

	static boolean[] mask(Filter f) { return MaskGenerator.generate(PANEL, 0, BEAM, f); }

	@Test
	void defaultsMaskNothing() {
		assertEquals(0, masked(mask(Filter.defaults())));
	}

	@Test
	void border() {
		boolean[] m = mask(Filter.defaults().withBorder(2));
		assertEquals(W * H - (W - 4) * (H - 4), masked(m));
		assertFalse(m[1 * W + 50]);
		assertTrue(m[2 * W + 2]);
	}

	@Test
	void regions() {
		Filter f = Filter.defaults();
		boolean[] m = mask(f.withUntrusted(List.of(Untrusted.rectangle(0, 10, 20, 5, 8))));
		assertEquals(10 * 3, masked(m));
		assertFalse(m[5 * W + 10]);
		assertTrue(m[8 * W + 10]);
		m = mask(f.withUntrusted(List.of(Untrusted.circle(0, 50, 40, 3))));
		int n = 0;
		for (int j = 0; j < H; j++) for (int i = 0; i < W; i++) if ((i - 50) * (i - 50) + (j - 40) * (j - 40) < 9) n++;
		assertEquals(n, masked(m), "circle tests pixel indices, not centres (dxtbx)");
		m = mask(f.withUntrusted(List.of(Untrusted.polygon(0, 10, 10, 20, 10, 20, 20, 10, 20))));
		assertEquals(100, masked(m), "pixels with centres inside the 10-px square");
		m = mask(f.withUntrusted(List.of(Untrusted.pixel(0, 7, 3))));
		assertFalse(m[7 * W + 3]);
		assertEquals(1, masked(m));
		assertEquals(W * H, masked(mask(f.withUntrusted(List.of(Untrusted.panel(0))))));
		assertEquals(0, masked(MaskGenerator.generate(PANEL, 1, BEAM, f.withUntrusted(List.of(Untrusted.panel(0))))), "other panel untouched");
		assertThrows(IllegalArgumentException.class, () -> mask(f.withUntrusted(List.of(Untrusted.rectangle(0, 90, 120, 0, 5)))));
	}

	@Test
	void resolutionLimits() {
		double[] d = MaskGenerator.resolutionMap(PANEL, BEAM, false);
		// pixel centre (W/2+0.5, H/2+0.5) is 0.05√2 mm from the beam
		double r = Math.hypot(0.05, 0.05), expected = 1.0 / (2 * Math.sin(Math.atan(r / 100) / 2));
		assertEquals(expected, d[(H / 2) * W + W / 2], expected * 1e-9);
		boolean[] m = mask(Filter.defaults().withResolution(OptionalDouble.of(30.0), OptionalDouble.of(100.0)));
		for (int k = 0; k < d.length; k++) assertEquals(d[k] > 30 && d[k] < 100, m[k], "pixel " + k + " d=" + d[k]);
	}

	@Test
	void iceRings() {
		// a panel reaching ~3 Å at λ = 1 Å: the 3.90, 3.67 and 3.44 Å rings
		Panel p = new Panel("p", "SENSOR_PAD", new Vec3(1, 0, 0), new Vec3(0, -1, 0), new Vec3(-20, 20, -60), new int[] { 0, 0 }, new int[] { 400, 400 },
				new double[] { 0.1, 0.1 }, new double[] { -1, 1e6 }, 0, "Si", 0, "", List.of(), 1, 0, PxMmStrategy.SIMPLE);
		SpotFindingParameters.IceRings ice = SpotFindingParameters.IceRings.defaults().withFilter(true);
		boolean[] m = MaskGenerator.generate(p, 0, BEAM, Filter.defaults().withIceRings(ice));
		double[] d = MaskGenerator.resolutionMap(p, BEAM, false);
		int on = 0;
		for (int k = 0; k < d.length; k++) {
			boolean inRing = false;
			for (double ring : new double[] { 3.895382, 3.669, 3.440642 }) {
				double s = 1 / (d[k] * d[k]), s0 = 1 / (ring * ring);
				if (Math.abs(s - s0) < 0.001 - 1e-9) inRing = true;
			}
			if (inRing) {
				assertFalse(m[k]);
				on++;
			}
		}
		assertTrue(on > 100);
		assertTrue(masked(m) < d.length / 4);
	}
}

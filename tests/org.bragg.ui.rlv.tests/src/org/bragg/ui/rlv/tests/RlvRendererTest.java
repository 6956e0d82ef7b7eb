package org.bragg.ui.rlv.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.bragg.model.ExperimentList;
import org.bragg.model.reflection.ReflectionFlag;
import org.bragg.ui.rlv.RlvCamera;
import org.bragg.ui.rlv.RlvParameters;
import org.bragg.ui.rlv.RlvParameters.ColourBy;
import org.bragg.ui.rlv.RlvPoints;
import org.bragg.ui.rlv.RlvRenderer;
import org.junit.jupiter.api.Test;

/** The software renderer on three hand-placed points: pixels, colours and filters. */
class RlvRendererTest {

	private static RlvPoints three() {
		// (0.1, 0, 0) Å⁻¹ lattice 0 frame 5; (0, 0.25, 0) unindexed frame 20; (0, 0, 0.5) lattice 1 outlier frame 40
		float[] xyz = { 0.1f, 0, 0, 0, 0.25f, 0, 0, 0, 0.5f };
		long[] flags = { ReflectionFlag.INDEXED.mask() | ReflectionFlag.USED_IN_REFINEMENT.mask(), 0,
				ReflectionFlag.INDEXED.mask() | ReflectionFlag.CENTROID_OUTLIER.mask() };
		return new RlvPoints(xyz, new int[] { 0, -1, 1 }, new float[] { 5, 20, 40 }, new float[] { 10, 4, 2 }, flags,
				new boolean[] { true, false, true }, new boolean[] { true, false, false }, false);
	}

	@Test
	void drawsMarkersAtTheProjectedPixelsInLatticeColours() throws Exception {
		ExperimentList e = RlvTestData.experiments("sim_xray_1a8o_p43212/dials_reference/refined.expt");
		RlvRenderer r = new RlvRenderer(three(), e);
		r.apply(RlvParameters.defaults());
		RlvCamera c = new RlvCamera();
		c.setViewport(200, 100);
		c.setZoom(200);
		int[] buf = new int[200 * 100];
		// (0.1, 0, 0) → (100 + 20, 50); (0, 0.25, 0) → (100, 50 − 50) at the top edge; (0, 0, 0.5) → (100, 50)
		assertEquals(3, r.render(c, buf));
		assertEquals(RlvRenderer.PALETTE[1], buf[50 * 200 + 120]);
		assertEquals(RlvRenderer.PALETTE[1], buf[49 * 200 + 119], "2×2 marker reaches up-left");
		assertEquals(0, buf[51 * 200 + 121], "background beyond the marker");
		assertEquals(RlvRenderer.PALETTE[0], buf[100], "unindexed white, clipped at the top");
		assertEquals(RlvRenderer.PALETTE[2], buf[50 * 200 + 100], "lattice 1");
		assertEquals(3, r.visibleCount());
		int[] b = r.lastBounds();
		assertEquals(Arrays.toString(new int[] { 99, 0, 22, 51 }), Arrays.toString(b));

		r.setDMin(3);
		assertEquals(2, r.render(c, buf), "d = 2 Å hidden by d_min = 3 Å");
		r.setDMin(0);
		r.setZRange(0, 10);
		assertEquals(1, r.render(c, buf), "Max Z = 10 keeps frame 5 only");
		r.setZRange(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
		r.setLatticeVisible(-1, false);
		assertEquals(2, r.render(c, buf), "unindexed hidden");
		r.setLatticeVisible(-1, true);
		r.setDisplay(RlvParameters.Display.INDEXED);
		assertEquals(2, r.visibleCount());
		r.setDisplay(RlvParameters.Display.ALL);
		r.setOutlierDisplay(RlvParameters.OutlierDisplay.OUTLIERS);
		assertEquals(1, r.visibleCount(), "centroid outliers only");
		r.setOutlierDisplay(null);

		r.setColourBy(ColourBy.INLIER);
		r.render(c, buf);
		assertEquals(RlvRenderer.INLIER, buf[50 * 200 + 120]);
		assertEquals(RlvRenderer.UNINDEXED_GREY, buf[100]);
		assertEquals(RlvRenderer.OUTLIER, buf[50 * 200 + 100]);
		r.setColourBy(ColourBy.FRAME);
		r.render(c, buf);
		assertEquals(RlvRenderer.frameColour(0), buf[50 * 200 + 120], "first frame");
		assertEquals(RlvRenderer.frameColour(1), buf[50 * 200 + 100], "last frame");
		r.setBlackBackground(false);
		r.setColourBy(ColourBy.LATTICE);
		r.render(c, buf);
		assertEquals(0xFFFFFF, buf[0], "white background");
		assertEquals(0x000000, buf[100], "unindexed black on white");
	}
}

package org.bragg.ui.rlv.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bragg.ui.rlv.RlvCamera;
import org.junit.jupiter.api.Test;

/** Projection, trackball and zoom of the camera, against hand-computed positions. */
class RlvCameraTest {

	@Test
	void identityViewLooksAlongTheBeam() {
		RlvCamera c = new RlvCamera();
		c.setViewport(800, 600);
		c.setZoom(1000); // px per Å⁻¹
		// lab x right, lab y up, lab z (towards the source) out of the screen
		assertArrayEquals(new double[] { 400 + 100, 300 - 50, 0.02 }, c.project(new double[] { 0.1, 0.05, 0.02 }), 1e-9);
	}

	@Test
	void quarterTurnAboutScreenY() {
		RlvCamera c = new RlvCamera();
		c.setViewport(800, 600);
		c.setZoom(1000);
		c.rotateAboutViewAxis(0, 1, 0, Math.PI / 2);
		// right-handed about y: +z (towards the viewer) goes to +x (right), +x goes to −z (away)
		double[] p = c.project(new double[] { 0, 0, 0.1 });
		assertEquals(500, p[0], 1e-9);
		assertEquals(300, p[1], 1e-9);
		assertEquals(-0.1, c.project(new double[] { 0.1, 0, 0 })[2], 1e-12);
	}

	@Test
	void dragMovesTheFrontOfTheSceneWithTheMouse() {
		RlvCamera c = new RlvCamera();
		c.setViewport(600, 600);
		c.setZoom(1000);
		double[] front = { 0, 0, 0.1 };
		c.drag(30, 0); // mouse right
		assertTrue(c.project(front)[0] > 300, "front point moves right");
		c.resetView();
		c.drag(0, 30); // mouse down (screen y grows)
		assertTrue(c.project(front)[1] > 300, "front point moves down");
		// a drag of (π/angle-per-pixel) pixels is a half turn
		c.resetView();
		c.drag(600, 0);
		assertEquals(300 - 0, c.project(front)[0], 1e-6);
		assertEquals(-0.1, c.project(front)[2], 1e-9);
	}

	@Test
	void zoomKeepsTheCentreAndFitFillsTheViewport() {
		RlvCamera c = new RlvCamera();
		c.setViewport(1000, 500);
		c.fit(0.5, 0.9);
		assertEquals(0.9 * 250 / 0.5, c.zoom(), 1e-9);
		c.pan(20, -10);
		double[] centreScene = c.project(new double[] { 0, 0, 0 });
		c.zoomBy(2);
		// the origin (20, −10) px from the centre moves to (40, −20)
		assertArrayEquals(new double[] { 540, 230 }, new double[] { c.project(new double[3])[0], c.project(new double[3])[1] }, 1e-9);
		assertEquals(520, centreScene[0], 1e-9);
		assertThrows(IllegalArgumentException.class, () -> c.setZoom(0));
	}

	@Test
	void lookAlongPutsTheDirectionOutOfTheScreen() {
		RlvCamera c = new RlvCamera();
		c.setViewport(100, 100);
		c.setZoom(100);
		c.lookAlong(new double[] { 1, 1, 0 }, new double[] { 0, 0, 1 });
		double[] p = c.project(new double[] { 0.5, 0.5, 0 });
		assertEquals(50, p[0], 1e-9);
		assertEquals(50, p[1], 1e-9);
		assertEquals(Math.sqrt(0.5), p[2], 1e-12);
		assertEquals(50 - 30, c.project(new double[] { 0, 0, 0.3 })[1], 1e-9, "up is lab z");
	}
}

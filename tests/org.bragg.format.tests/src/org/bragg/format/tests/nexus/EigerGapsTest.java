package org.bragg.format.tests.nexus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bragg.format.nexus.internal.NexusModels;
import org.junit.jupiter.api.Test;

/** Module-gap rectangles of Eiger masters, {x0, y0, x1, y1} as dxtbx's determine_eiger_mask gives them. */
class EigerGapsTest {
	@Test
	void eigerX4M() {
		List<int[]> g = NexusModels.eigerGaps(2070, 2167);
		assertEquals(4, g.size());
		assertArrayEquals(new int[] { 1030, 0, 1040, 2167 }, g.get(0));
		assertArrayEquals(new int[] { 0, 514, 2070, 551 }, g.get(1));
		assertArrayEquals(new int[] { 0, 1065, 2070, 1102 }, g.get(2));
		assertArrayEquals(new int[] { 0, 1616, 2070, 1653 }, g.get(3));
	}

	@Test
	void eiger2X16MAndOtherSizes() {
		assertEquals(3 + 7, NexusModels.eigerGaps(4148, 4362).size()); // Eiger2 X 16M: 4 × 8 modules
		assertTrue(NexusModels.eigerGaps(981, 1043).isEmpty());
	}
}

package org.bragg.spotfinding.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** filter.spot_density against DIALS 3.12's SpotDensityFilter on the same centroids. */
class SpotDensityFilterTest {
	static SpotBuilder.Spot spot(double x, double y) {
		return new SpotBuilder.Spot(0, 0, new int[] { 0, 1, 0, 1, 0, 1 }, new double[] { x, y, 0.5 }, new double[3], 1, 1, 1, new double[3], null);
	}

	@Test
	void matchesDials() {
		List<SpotBuilder.Spot> spots = new ArrayList<>();
		for (int i = 0; i < 20000; i++) spots.add(spot((i * 0.6180339887498949 % 1.0) * 1000.0, (i * 0.7548776662466927 % 1.0) * 1000.0));
		for (int i = 0; i < 3000; i++) spots.add(spot(500 + (i * 0.41421356237 % 1.0) * 40.0, 500 + (i * 0.73205080757 % 1.0) * 40.0));
		List<SpotBuilder.Spot> kept = SpotDensityFilter.apply(spots);
		// DIALS: SpotDensityFilter().run(...) keeps 538 of these 23 000 spots, none of the dense cluster
		assertEquals(538, kept.size());
		assertEquals(0, kept.stream().filter(s -> s.xyz()[0] >= 500 && s.xyz()[0] < 540 && s.xyz()[1] >= 500 && s.xyz()[1] < 540).count());
		assertEquals(0, SpotDensityFilter.apply(List.of()).size());
	}
}

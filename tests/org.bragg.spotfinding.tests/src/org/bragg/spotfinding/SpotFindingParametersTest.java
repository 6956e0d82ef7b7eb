package org.bragg.spotfinding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.bragg.params.Phil;
import org.junit.jupiter.api.Test;

/** Defaults as DIALS 3.12's spotfinder scope, bounds, and the PHIL codec. */
class SpotFindingParametersTest {

	@Test
	void defaultsAreDials() {
		SpotFindingParameters p = SpotFindingParameters.defaults();
		assertEquals(ThresholdAlgorithm.DISPERSION_EXTENDED, p.threshold().algorithm());
		SpotFindingParameters.Dispersion d = p.threshold().dispersion();
		assertTrue(d.gain().isEmpty());
		assertArrayEquals(new int[] { 3, 3 }, d.kernelSize());
		assertEquals(6, d.sigmaBackground());
		assertEquals(3, d.sigmaStrong());
		assertEquals(2, d.minLocal());
		assertEquals(OptionalDouble.of(0), d.globalThreshold());
		SpotFindingParameters.Filter f = p.filter();
		assertEquals(OptionalInt.empty(), f.minSpotSize());
		assertEquals(1000, f.maxSpotSize());
		assertEquals(OptionalDouble.of(2), f.maxSeparation());
		assertEquals(0.25, f.maxStrongPixelFraction());
		assertEquals(0.002, f.iceRings().width());
		assertFalse(f.iceRings().filter());
		assertEquals(6, p.threshold().radialProfile().nIqr());
		assertEquals(100, p.threshold().radialProfile().nBins());
		assertTrue(p.threshold().radialProfile().blur().isEmpty());
		assertTrue(p.mp().nproc().isEmpty());
		assertTrue(p.mp().resolvedNproc() >= 1);
	}

	@Test
	void boundsNameThePath() {
		SpotFindingParameters.Dispersion d = SpotFindingParameters.Dispersion.defaults();
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.withGain(0));
		assertTrue(e.getMessage().contains("spotfinder.threshold.dispersion.gain"));
		assertThrows(IllegalArgumentException.class, () -> d.withMinLocal(1));
		assertThrows(IllegalArgumentException.class, () -> d.withGlobalThreshold(-1));
		assertThrows(IllegalArgumentException.class, () -> SpotFindingParameters.Filter.defaults().withMinSpotSize(0));
		assertThrows(IllegalArgumentException.class, () -> SpotFindingParameters.Filter.defaults().withMaxStrongPixelFraction(1.5));
		assertThrows(IllegalArgumentException.class, () -> SpotFindingParameters.defaults().withNproc(0));
		assertThrows(IllegalArgumentException.class, () -> SpotFindingParameters.defaults().withScanRange(List.of(new int[] { 5, 2 })));
		assertThrows(IllegalArgumentException.class, () -> SpotFindingParameters.defaults().withRegionOfInterest(new int[] { 10, 5, 0, 4 }));
	}

	@Test
	void philParsesDialsStyleArguments() throws Exception {
		SpotFindingParameters p = Phil.parse(List.of("gain=25", "global_threshold=100", "min_spot_size=2", "nproc=2", "algorithm=dispersion",
				"untrusted.rectangle=0,10,0,20", "scan_range=1,10", "scan_range=20,30", "filter.d_min=2.5", "ice_rings.filter=True", "blur=wide"),
				SpotFindingParameters.class).params();
		assertEquals(25, p.threshold().dispersion().gain().getAsDouble());
		assertEquals(100, p.threshold().dispersion().globalThreshold().getAsDouble());
		assertEquals(2, p.filter().minSpotSize().getAsInt());
		assertEquals(2, p.mp().nproc().getAsInt());
		assertEquals(ThresholdAlgorithm.DISPERSION, p.threshold().algorithm());
		assertArrayEquals(new int[] { 0, 10, 0, 20 }, p.filter().untrusted().get(0).rectangle());
		assertEquals(2, p.scanRange().size());
		assertEquals(2.5, p.filter().dMin().getAsDouble());
		assertTrue(p.filter().iceRings().filter());
		assertEquals(SpotFindingParameters.RadialProfile.Blur.WIDE, p.threshold().radialProfile().blur().get());
		String diff = Phil.format(p, true);
		assertTrue(diff.contains("spotfinder.threshold.dispersion.gain = 25"), diff);
		assertTrue(Phil.showConfig(SpotFindingParameters.class, 0, 0).contains("min_spot_size = Auto"));
	}
}

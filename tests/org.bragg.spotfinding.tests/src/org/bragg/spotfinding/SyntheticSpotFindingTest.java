package org.bragg.spotfinding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import org.bragg.format.FormatRegistry;
import org.bragg.format.PanelData;
import org.bragg.model.BraggInputException;
import org.bragg.model.Detector;
import org.bragg.model.ExperimentList;
import org.bragg.model.Panel;
import org.bragg.model.Progress;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionFlag;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.model.reflection.Shoebox;
import org.bragg.model.reflection.ShoeboxMask;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end spot finding on synthetic sweeps and stills with known spots: flat Poisson background
 * plus pixel- and frame-integrated 3D Gaussian spots.
 */
class SyntheticSpotFindingTest {
	static final int NF = 400, NS = 300, FRAMES = 10;
	static final double BACKGROUND = 2.0;

	@TempDir
	static Path dir;
	static List<SyntheticData.TrueSpot> truth;
	static FormatRegistry formats;
	static ExperimentList sweep;

	@BeforeAll
	static void makeSweep() throws Exception {
		Random r = new Random(20240611);
		truth = new ArrayList<>();
		while (truth.size() < 40) {
			double x = 15 + r.nextDouble() * (NF - 30), y = 15 + r.nextDouble() * (NS - 30), z = 2.5 + r.nextDouble() * 5;
			boolean far = truth.stream().allMatch(s -> Math.hypot(s.x() - x, s.y() - y) > 20);
			if (far) truth.add(new SyntheticData.TrueSpot(x, y, z, 20000, 1.0, 0.6));
		}
		formats = SyntheticData.registry();
		SyntheticData.files(dir, "sweep", FRAMES, frame -> {
			double[] lambda = new double[NF * NS];
			java.util.Arrays.fill(lambda, BACKGROUND);
			SyntheticData.addSpots(lambda, NF, NS, frame, truth);
			Random rr = new Random(1000 + frame);
			int[] v = new int[lambda.length];
			for (int k = 0; k < v.length; k++) v[k] = SyntheticData.poisson(rr, lambda[k]);
			return new PanelData[] { PanelData.ofInts(NF, NS, v) };
		});
		sweep = SyntheticData.sweep(dir, "sweep", FRAMES, Detector.single(SyntheticData.panel("SENSOR_PAD", NF, NS, 1e6)));
	}

	@Test
	void everySpotFoundWithAccurateCentroidsAndNoFalsePositives() throws Exception {
		ReflectionTable t = SpotFinder.findSpots(sweep, SpotFindingParameters.defaults().withNproc(2), formats, Progress.NONE);
		assertEquals(truth.size(), t.size(), "one spot per true spot, no false positives");
		double[] xyz = t.get(Columns.XYZOBS_PX_VALUE);
		double worstXy = 0, worstZ = 0;
		for (SyntheticData.TrueSpot s : truth) {
			int best = -1;
			double bd = Double.POSITIVE_INFINITY;
			for (int i = 0; i < t.size(); i++) {
				double d = Math.hypot(xyz[3 * i] - s.x(), xyz[3 * i + 1] - s.y());
				if (d < bd) {
					bd = d;
					best = i;
				}
			}
			worstXy = Math.max(worstXy, bd);
			worstZ = Math.max(worstZ, Math.abs(xyz[3 * best + 2] - s.z()));
		}
		assertTrue(worstXy < 0.05, "worst centroid error in x, y: " + worstXy + " px");
		assertTrue(worstZ < 0.05, "worst centroid error in z: " + worstZ + " frames");
	}

	@Test
	void columnsFlagsAndShoeboxesAreConsistent() throws Exception {
		ReflectionTable t = SpotFinder.findSpots(sweep, SpotFindingParameters.defaults().withNproc(1), formats, Progress.NONE);
		for (String c : List.of("bbox", "flags", "id", "intensity.sum.value", "intensity.sum.variance", "n_signal", "panel", "shoebox", "xyzobs.px.value",
				"xyzobs.px.variance"))
			assertTrue(t.has(c), c);
		assertEquals("synthetic-sweep", t.experimentIdentifiers().get(0));
		int[] bbox = t.get(Columns.BBOX), id = t.get(Columns.ID), nsig = t.get(Columns.N_SIGNAL);
		long[] flags = t.get(Columns.FLAGS);
		double[] xyz = t.get(Columns.XYZOBS_PX_VALUE), var = t.get(Columns.XYZOBS_PX_VARIANCE), isum = t.get(Columns.INTENSITY_SUM_VALUE),
				ivar = t.get(Columns.INTENSITY_SUM_VARIANCE);
		Shoebox[] sb = t.get(Columns.SHOEBOX);
		long prevKey = -1;
		for (int i = 0; i < t.size(); i++) {
			assertEquals(0, id[i]);
			assertEquals(ReflectionFlag.STRONG.mask(), flags[i]);
			assertArrayEquals(java.util.Arrays.copyOfRange(bbox, 6 * i, 6 * i + 6), sb[i].bbox());
			for (int a = 0; a < 3; a++) {
				assertTrue(xyz[3 * i + a] >= bbox[6 * i + 2 * a] && xyz[3 * i + a] <= bbox[6 * i + 2 * a + 1], "centroid inside bbox");
				assertTrue(var[3 * i + a] >= 1.0 / 12 - 1e-12, "variance includes 1/12");
			}
			double sum = 0;
			int strong = 0;
			for (int k = 0; k < sb[i].data().length; k++) {
				int m = sb[i].mask()[k];
				assertTrue(m == 0 || m == (ShoeboxMask.VALID | ShoeboxMask.FOREGROUND));
				if (m != 0) {
					sum += sb[i].data()[k];
					strong++;
				} else assertEquals(0f, sb[i].data()[k]);
				assertEquals(0f, sb[i].background()[k]);
			}
			assertEquals(strong, nsig[i]);
			assertEquals(sum, isum[i], 1e-6 * sum);
			assertEquals(Math.abs(isum[i]), ivar[i], 0);
			// DIALS order: by first strong pixel (z, y, x)
			int z0 = bbox[6 * i + 4];
			long key = firstPixelKey(sb[i]);
			assertTrue(key > prevKey, "rows ordered by first pixel");
			prevKey = key;
			assertTrue(z0 >= 0);
		}
	}

	private static long firstPixelKey(Shoebox s) {
		int[] b = s.bbox();
		for (int z = 0; z < s.zSize(); z++)
			for (int y = 0; y < s.ySize(); y++)
				for (int x = 0; x < s.xSize(); x++)
					if (s.mask()[s.index(x, y, z)] != 0) return (((long) (b[4] + z) * NS) + b[2] + y) * NF + b[0] + x;
		return -1;
	}

	@Test
	void resultsDoNotDependOnNproc() throws Exception {
		ReflectionTable a = SpotFinder.findSpots(sweep, SpotFindingParameters.defaults().withNproc(1), formats, Progress.NONE);
		ReflectionTable b = SpotFinder.findSpots(sweep, SpotFindingParameters.defaults().withNproc(3), formats, Progress.NONE);
		assertArrayEquals(a.get(Columns.XYZOBS_PX_VALUE), b.get(Columns.XYZOBS_PX_VALUE));
		assertArrayEquals(a.get(Columns.BBOX), b.get(Columns.BBOX));
	}

	@Test
	void force2dSplitsSpotsPerImage() throws Exception {
		ReflectionTable t = SpotFinder.findSpots(sweep, SpotFindingParameters.defaults().withForce2d(true), formats, Progress.NONE);
		assertTrue(t.size() > truth.size(), "each 3D spot appears on several images");
		int[] bbox = t.get(Columns.BBOX);
		double[] xyz = t.get(Columns.XYZOBS_PX_VALUE);
		for (int i = 0; i < t.size(); i++) {
			assertEquals(1, bbox[6 * i + 5] - bbox[6 * i + 4]);
			assertEquals(bbox[6 * i + 4] + 0.5, xyz[3 * i + 2], 0);
		}
	}

	@Test
	void scanRangesAreLabelledSeparately() throws Exception {
		SpotFindingParameters p = SpotFindingParameters.defaults().withScanRange(List.of(new int[] { 1, 4 }, new int[] { 6, 10 }));
		SpotFindingResult r = SpotFinder.run(sweep, p, formats, Progress.NONE, null);
		int[] bbox = r.reflections().get(Columns.BBOX);
		for (int i = 0; i < r.numSpots(); i++) {
			int z0 = bbox[6 * i + 4], z1 = bbox[6 * i + 5];
			assertTrue(z1 <= 4 || z0 >= 5, "no spot crosses the gap between ranges");
			assertFalse(z0 <= 4 && z1 > 4);
		}
		assertArrayEquals(new int[] { 1, 2, 3, 4, 6, 7, 8, 9, 10 }, r.imagesets().get(0).imageNumbers());
		assertThrows(BraggInputException.class,
				() -> SpotFinder.findSpots(sweep, p.withScanRange(List.<int[]>of(new int[] { 5, 11 })), formats, Progress.NONE));
	}

	@Test
	void untrustedRegionsBorderAndRegionOfInterestRemoveSpots() throws Exception {
		SyntheticData.TrueSpot s = truth.get(0);
		int x = (int) s.x(), y = (int) s.y();
		SpotFindingParameters base = SpotFindingParameters.defaults();
		SpotFindingParameters p = base.withFilter(base.filter().withUntrusted(List.of(SpotFindingParameters.Untrusted.circle(0, x, y, 6))));
		assertEquals(truth.size() - 1, SpotFinder.findSpots(sweep, p, formats, Progress.NONE).size());
		p = base.withFilter(base.filter().withUntrusted(List.of(SpotFindingParameters.Untrusted.rectangle(0, x - 6, x + 7, y - 6, y + 7))));
		assertEquals(truth.size() - 1, SpotFinder.findSpots(sweep, p, formats, Progress.NONE).size());
		p = base.withFilter(base.filter().withUntrusted(List.of(SpotFindingParameters.Untrusted.polygon(0, x - 6, y - 6, x + 7, y - 6, x + 7, y + 7, x - 6,
				y + 7))));
		assertEquals(truth.size() - 1, SpotFinder.findSpots(sweep, p, formats, Progress.NONE).size());
		p = base.withFilter(base.filter().withUntrusted(List.of(SpotFindingParameters.Untrusted.panel(0))));
		assertEquals(0, SpotFinder.findSpots(sweep, p, formats, Progress.NONE).size());
		long inside = truth.stream().filter(t -> t.x() >= 100 && t.x() < 300 && t.y() >= 50 && t.y() < 250).count();
		ReflectionTable roi = SpotFinder.findSpots(sweep, base.withRegionOfInterest(new int[] { 100, 300, 50, 250 }), formats, Progress.NONE);
		assertTrue(Math.abs(roi.size() - inside) <= 2, roi.size() + " spots in the region of interest, " + inside + " true");
		ReflectionTable border = SpotFinder.findSpots(sweep, base.withFilter(base.filter().withBorder(140)), formats, Progress.NONE);
		long central = truth.stream().filter(t -> t.x() >= 140 + 4 && t.x() < NF - 144 && t.y() >= 144 && t.y() < NS - 144).count();
		assertTrue(border.size() <= central + 2 && border.size() < truth.size() / 2);
	}

	@Test
	void tooManyStrongPixelsStopsWithDialsMessage() {
		SpotFindingParameters base = SpotFindingParameters.defaults();
		SpotFindingParameters p = base.withFilter(base.filter().withMaxStrongPixelFraction(0.0001));
		TooManyStrongPixelsException e = assertThrows(TooManyStrongPixelsException.class, () -> SpotFinder.findSpots(sweep, p, formats, Progress.NONE));
		assertTrue(e.getMessage().contains("is greater than the maximum allowed (12). Try changing spot finding parameters"), e.getMessage());
		assertTrue(e.getMessage().contains("sweep_0001.syn"), e.getMessage());
	}

	@Test
	void progressIsReportedPerImageAndCancellationStops() throws Exception {
		AtomicInteger worked = new AtomicInteger(), total = new AtomicInteger();
		Progress p = new Progress() {
			@Override public void begin(String task, int work) { total.set(work); }
			@Override public void worked(int units) { worked.addAndGet(units); }
		};
		SpotFinder.findSpots(sweep, SpotFindingParameters.defaults(), formats, p);
		assertEquals(FRAMES, total.get());
		assertEquals(FRAMES, worked.get());
		Progress cancel = new Progress() {
			@Override public void begin(String task, int work) {}
			@Override public void worked(int units) {}
			@Override public boolean isCancelled() { return true; }
		};
		assertThrows(CancellationException.class, () -> SpotFinder.findSpots(sweep, SpotFindingParameters.defaults(), formats, cancel));
	}

	@Test
	void hotPixelStrongOnEveryImageIsReported(@TempDir Path d2) throws Exception {
		int nf = 60, ns = 50, frames = 5;
		SyntheticData.files(d2, "hot", frames, frame -> {
			Random rr = new Random(7 + frame);
			int[] v = new int[nf * ns];
			for (int k = 0; k < v.length; k++) v[k] = SyntheticData.poisson(rr, 1.0);
			v[20 * nf + 30] = 5000; // hot pixel
			return new PanelData[] { PanelData.ofInts(nf, ns, v) };
		});
		ExperimentList el = SyntheticData.sweep(d2, "hot", frames, Detector.single(SyntheticData.panel("SENSOR_PAD", nf, ns, 1e6)));
		SpotFindingParameters p = SpotFindingParameters.defaults().withWriteHotMask(true);
		p = p.withFilter(p.filter().withMinSpotSize(1).withMaxSpotSize(100));
		SpotFindingResult r = SpotFinder.run(el, p, SyntheticData.registry(), Progress.NONE, null);
		SpotFindingResult.ImagesetSummary s = r.imagesets().get(0);
		assertEquals(1, s.numHotPixels());
		assertFalse(s.hotMask().get(0)[20 * nf + 30]);
		assertTrue(r.log().contains("Found 1 possible hot pixel(s)"));
	}

	@Test
	void anUnreadableImageStopsTheRunNamingFileAndImage(@TempDir Path d2) throws Exception {
		SyntheticData.files(d2, "broken", 6, frame -> frame == 3 ? null : new PanelData[] { PanelData.ofInts(20, 10, new int[200]) });
		ExperimentList el = SyntheticData.sweep(d2, "broken", 6, Detector.single(SyntheticData.panel("SENSOR_PAD", 20, 10, 1e6)));
		BraggInputException e = assertThrows(BraggInputException.class, () -> SpotFinder.findSpots(el, SpotFindingParameters.defaults(),
				SyntheticData.registry(), Progress.NONE));
		assertTrue(e.getMessage().startsWith("image 4 of imageset 0: "), e.getMessage());
		assertTrue(e.getMessage().contains("broken_0004.syn"), e.getMessage());
	}

	@Test
	void stillsAreLabelledIn2dWithTheImagesetIndexAsId(@TempDir Path d2) throws Exception {
		int nf = 120, ns = 100;
		List<SyntheticData.TrueSpot> spots = List.of(new SyntheticData.TrueSpot(30.3, 40.7, 0.5, 5000, 1.2, 0.3),
				new SyntheticData.TrueSpot(80.6, 60.2, 0.5, 5000, 1.2, 0.3));
		List<Path> files = SyntheticData.files(d2, "still", 3, frame -> {
			double[] lambda = new double[nf * ns];
			java.util.Arrays.fill(lambda, 1.0);
			SyntheticData.addSpots(lambda, nf, ns, 0, spots);
			Random rr = new Random(11 + frame);
			int[] v = new int[lambda.length];
			for (int k = 0; k < v.length; k++) v[k] = SyntheticData.poisson(rr, lambda[k]);
			return new PanelData[] { PanelData.ofInts(nf, ns, v) };
		});
		Detector det = Detector.single(SyntheticData.panel("SENSOR_CCD", nf, ns, 1e6));
		SpotFindingResult r = SpotFinder.run(SyntheticData.stills(files, det), SpotFindingParameters.defaults(), SyntheticData.registry(), Progress.NONE,
				null);
		ReflectionTable t = r.reflections();
		assertEquals(6, t.size());
		assertTrue(r.log().contains("Setting spotfinder.filter.min_spot_size=6"), "CCD panels get min_spot_size 6");
		double[] xyz = t.get(Columns.XYZOBS_PX_VALUE);
		int[] id = t.get(Columns.ID);
		for (int i = 0; i < 6; i++) {
			assertEquals(0, id[i], "stills of one imageset get the imageset index as id, as DIALS");
			assertEquals(i / 2 + 0.5, xyz[3 * i + 2], 0, "z is the image index + 0.5");
		}
		assertArrayEquals(new int[] { 2, 2, 2 }, r.imagesets().get(0).spotsPerImage());
	}

	@Test
	void gainCorrectionAndDispersionGain(@TempDir Path d2) throws Exception {
		// counts = 3 × photons: without a gain the dispersion test sees noise everywhere
		int nf = 200, ns = 150;
		SyntheticData.files(d2, "gain3", 2, frame -> {
			Random rr = new Random(31 + frame);
			int[] v = new int[nf * ns];
			for (int k = 0; k < v.length; k++) v[k] = 3 * SyntheticData.poisson(rr, 4.0);
			return new PanelData[] { PanelData.ofInts(nf, ns, v) };
		});
		Detector det = Detector.single(SyntheticData.panel("SENSOR_PAD", nf, ns, 1e6));
		ExperimentList el = SyntheticData.sweep(d2, "gain3", 2, det);
		SpotFindingParameters base = SpotFindingParameters.defaults();
		SpotFindingResult noGain = SpotFinder.run(el, base, SyntheticData.registry(), Progress.NONE, null);
		SpotFindingResult withGain = SpotFinder.run(el, base.withDispersion(base.threshold().dispersion().withGain(3)), SyntheticData.registry(),
				Progress.NONE, null);
		assertTrue(noGain.imagesets().get(0).strongPixels()[0] > 100, "gain 1 assumed: many false strong pixels");
		assertEquals(0, withGain.numSpots(), "gain=3: no false positives");
		// the panel gain divides the values before thresholding (dxtbx get_corrected_data)
		Panel p3 = det.panel(0).withGain(3);
		SpotFindingResult corrected = SpotFinder.run(SyntheticData.sweep(d2, "gain3", 2, Detector.single(p3)), base, SyntheticData.registry(),
				Progress.NONE, null);
		assertTrue(corrected.log().contains("dispersion test assumes gain 1"), "the panel-gain note is logged");
		assertTrue(corrected.imagesets().get(0).strongPixels()[0] < noGain.imagesets().get(0).strongPixels()[0]);
	}

	@Test
	void resolutionLimitsMaskPixels() throws Exception {
		SpotFindingParameters base = SpotFindingParameters.defaults();
		// beam at the panel centre, 150 mm, λ = 1 Å: d = 2 Å at r ≈ 40.6 mm ≈ 236 px, so d_min = 5 Å keeps r < ~ 88 px
		SpotFindingParameters p = base.withFilter(base.filter().withResolution(OptionalDouble.of(5.0), OptionalDouble.empty()));
		ReflectionTable t = SpotFinder.findSpots(sweep, p, formats, Progress.NONE);
		double[] xyz = t.get(Columns.XYZOBS_PX_VALUE);
		assertTrue(t.size() > 0 && t.size() < truth.size());
		for (int i = 0; i < t.size(); i++) {
			double rmm = Math.hypot(xyz[3 * i] - NF / 2.0, xyz[3 * i + 1] - NS / 2.0) * 0.172;
			double d = 1.0 / (2 * Math.sin(Math.atan(rmm / 150) / 2));
			assertTrue(d > 4.9, "spot at d = " + d);
		}
	}
}

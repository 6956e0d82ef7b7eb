package org.bragg.format.tests.nexus;

import static org.bragg.format.tests.smv.Close.assertClose;
import static org.bragg.format.tests.smv.SharedTestData.list;
import static org.bragg.format.tests.smv.SharedTestData.num;
import static org.bragg.format.tests.smv.SharedTestData.obj;
import static org.bragg.format.tests.smv.SharedTestData.vec3;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.bragg.format.FormatRegistry;
import org.bragg.format.ImageFile;
import org.bragg.format.PanelData;
import org.bragg.format.tests.smv.SharedTestData;
import org.bragg.model.Beam;
import org.bragg.model.Goniometer;
import org.bragg.model.Panel;
import org.bragg.model.PxMmStrategy;
import org.bragg.model.Scan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NXmx files written with jHDF from the first five frames of the Pilatus 1M CBF sweep
 * {@code sim_xray_1a8o_p43212}, in three storage layouts (bitshuffle-LZ4 chunks, deflate chunks,
 * contiguous), read back: models against DIALS's {@code imported.expt} of the CBF sweep (1e-6
 * relative), pixels equal to the CBF frames.
 */
class NxmxReaderTest {
	private static final double REL = 1e-6;
	private static final int FRAMES = 5;
	private static int[][] frames;
	private static int[] pixelMask;
	private static Map<String, Object> expt;

	@BeforeAll
	static void load() throws Exception {
		frames = new int[FRAMES][];
		for (int i = 0; i < FRAMES; i++) frames[i] = CbfFrames.frame(i + 1);
		pixelMask = new int[frames[0].length];
		for (int k = 0; k < pixelMask.length; k++) if (frames[0][k] < 0) pixelMask[k] = frames[0][k] == -1 ? 1 : 2; // gap, dead
		expt = obj(SharedTestData.readJson(CbfFrames.importedExpt()));
	}

	@Test
	void bitshuffleLz4(@TempDir Path tmp) throws Exception { check(tmp, NxmxFiles.Storage.BITSHUFFLE_LZ4); }

	@Test
	void deflate(@TempDir Path tmp) throws Exception { check(tmp, NxmxFiles.Storage.DEFLATE); }

	@Test
	void contiguous(@TempDir Path tmp) throws Exception { check(tmp, NxmxFiles.Storage.CONTIGUOUS); }

	private void check(Path tmp, NxmxFiles.Storage storage) throws Exception {
		Path file = tmp.resolve("lyso_" + storage.name().toLowerCase() + ".nxs");
		NxmxFiles.write(file, frames, storage, pixelMask);
		assertTrue(Files.size(file) < 30_000_000, "test file stays small");
		FormatRegistry reg = FormatRegistry.fromServiceLoader();
		assertEquals("FormatNXmx", reg.find(file).name());
		assertTrue(reg.byName("FormatNexus").understand(new org.bragg.format.FileHeader(file, org.bragg.format.ImageFiles.readHead(file, 8192))));
		try (ImageFile f = reg.open(file)) {
			assertEquals(FRAMES, f.numImages());
			checkModels(f);
			for (int i = 0; i < FRAMES; i++) {
				PanelData[] d = f.read(i);
				assertEquals(1, d.length);
				assertEquals(CbfFrames.NX, d[0].nFast());
				assertEquals(CbfFrames.NY, d[0].nSlow());
				assertArrayEquals(frames[i], d[0].ints(), "frame " + (i + 1) + " (" + storage + ")");
			}
			boolean[][] mask = f.staticMask(0);
			assertNotNull(mask);
			int bad = 0;
			for (int k = 0; k < pixelMask.length; k++) {
				assertEquals(pixelMask[k] == 0, mask[0][k]);
				if (!mask[0][k]) bad++;
			}
			assertTrue(bad > 10000, "the module gaps are masked: " + bad);
		}
	}

	private void checkModels(ImageFile f) throws Exception {
		Map<String, Object> rb = obj(list(expt.get("beam")).get(0));
		Map<String, Object> rp = obj(list(obj(list(expt.get("detector")).get(0)).get("panels")).get(0));
		Map<String, Object> rg = obj(list(expt.get("goniometer")).get(0));
		Map<String, Object> rs = obj(list(expt.get("scan")).get(0));
		Beam b = f.beam(0);
		assertClose(vec3(rb.get("direction")), b.direction(), REL, "beam direction");
		assertClose(num(rb.get("wavelength")), b.wavelength(), REL, "wavelength");
		assertClose(vec3(rb.get("polarization_normal")), b.polarizationNormal(), REL, "polarization normal");
		assertClose(num(rb.get("polarization_fraction")), b.polarizationFraction(), REL, "polarization fraction");
		Panel p = f.detector(0).panel(0);
		assertClose(vec3(rp.get("origin")), p.origin(), REL, "panel origin");
		assertClose(vec3(rp.get("fast_axis")), p.fastAxis(), REL, "fast axis");
		assertClose(vec3(rp.get("slow_axis")), p.slowAxis(), REL, "slow axis");
		assertClose(doubles(rp.get("pixel_size")), p.pixelSize(), REL, "pixel size");
		assertClose(doubles(rp.get("image_size")), new double[] { p.nFast(), p.nSlow() }, 0, "image size");
		assertClose(doubles(rp.get("trusted_range")), p.trustedRange(), REL, "trusted range");
		assertClose(num(rp.get("thickness")), p.thickness(), REL, "thickness");
		assertEquals(rp.get("material"), p.material());
		assertClose(num(rp.get("mu")), p.mu(), REL, "mu");
		assertEquals(rp.get("type"), p.type());
		assertEquals(PxMmStrategy.fromDxtbxName((String) obj(rp.get("px_mm_strategy")).get("type")), p.pxMmStrategy());
		// beam centre and distance, as dials.show reports them
		double[] bc = p.beamCentrePx(b.s0());
		assertClose(NxmxFiles.BEAM_X_PX, bc[0], REL, "beam centre x (px)");
		assertClose(NxmxFiles.BEAM_Y_PX, bc[1], REL, "beam centre y (px)");
		assertClose(NxmxFiles.DISTANCE_MM, p.distance(), REL, "distance (mm)");
		Goniometer g = f.goniometer(0);
		assertClose(vec3(rg.get("rotation_axis")), g.rotationAxis(), REL, "rotation axis");
		assertFalse(g.isMultiAxis());
		double[] osc = doubles(rs.get("oscillation"));
		for (int i = 0; i < FRAMES; i++) {
			Scan s = f.scan(i);
			assertEquals(i + 1, s.firstImage());
			assertClose(osc[0] + i * osc[1], s.oscillationStart(), REL, "oscillation start of image " + (i + 1));
			assertClose(osc[1], s.oscillationWidth(), REL, "oscillation width");
			assertClose(doubles(rs.get("exposure_time"))[i], s.exposureTimes()[0], REL, "exposure time");
		}
		assertNull(f.detector(0).hasExplicitHierarchy() ? "hierarchy" : null);
	}

	private static double[] doubles(Object l) {
		return list(l).stream().mapToDouble(SharedTestData::num).toArray();
	}
}

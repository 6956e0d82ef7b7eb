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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.bragg.format.FormatRegistry;
import org.bragg.format.ImageFile;
import org.bragg.format.PanelData;
import org.bragg.format.nexus.NexusReader;
import org.bragg.format.tests.smv.Registries;
import org.bragg.format.tests.smv.SharedTestData;
import org.bragg.model.BraggInputException;
import org.bragg.model.Panel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DECTRIS-style Eiger files written by h5py with the bitshuffle library's own HDF5 filter (so the
 * bitshuffle-LZ4 chunks come from the reference C implementation), holding the first five frames of
 * {@code sim_xray_1a8o_p43212} split over two data files: an NXmx file-writer master with external
 * links, a "nearly NeXus" master, and a master with a virtual dataset. Skipped when
 * {@code /usr/bin/python3} lacks h5py or bitshuffle.
 */
class EigerMasterTest {
	private static final double REL = 1e-6;
	private static final int FRAMES = 5;
	private static int[][] frames;
	private static Map<String, Object> expt;

	@TempDir
	static Path dir;
	private static Path framesBin;

	@BeforeAll
	static void setUp() throws Exception {
		assumeTrue(pythonWithBitshuffle(), "/usr/bin/python3 with h5py and bitshuffle is not available");
		frames = new int[FRAMES][];
		ByteBuffer b = ByteBuffer.allocate(FRAMES * CbfFrames.NX * CbfFrames.NY * 4).order(ByteOrder.LITTLE_ENDIAN);
		for (int i = 0; i < FRAMES; i++) {
			frames[i] = CbfFrames.frame(i + 1);
			for (int v : frames[i]) b.putInt(v);
		}
		framesBin = dir.resolve("frames.bin");
		Files.write(framesBin, b.array());
		expt = obj(SharedTestData.readJson(CbfFrames.importedExpt()));
	}

	static boolean pythonWithBitshuffle() {
		try {
			Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import h5py, bitshuffle.h5").redirectErrorStream(true).start();
			p.getInputStream().readAllBytes();
			return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
		} catch (Exception e) {
			return false;
		}
	}

	/** Runs make_eiger_files.py for a variant into a fresh directory. */
	static Path make(String variant) throws Exception {
		Path out = Files.createDirectories(dir.resolve(variant));
		Path script = dir.resolve("make_eiger_files.py");
		if (!Files.exists(script))
			try (InputStream in = EigerMasterTest.class.getResourceAsStream("make_eiger_files.py")) {
				Files.write(script, in.readAllBytes());
			}
		Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), out.toString(), framesBin.toString(), "" + FRAMES, "" + CbfFrames.NY,
				"" + CbfFrames.NX, variant).redirectErrorStream(true).start();
		String log = new String(p.getInputStream().readAllBytes());
		assertTrue(p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0, "make_eiger_files.py " + variant + " failed: " + log);
		return out;
	}

	static FormatRegistry registry() { return Registries.all(NexusReader.class); }

	@Test
	void fileWriterMasterWithExternalLinks() throws Exception {
		Path out = make("filewriter");
		Path master = out.resolve("lyso_master.h5");
		FormatRegistry reg = registry();
		assertEquals("FormatNXmxEigerFilewriter", reg.find(master).name());
		assertEquals(List.of(out.resolve("lyso_data_000001.h5"), out.resolve("lyso_data_000002.h5")),
				reg.find(master).companionFiles(master).stream().map(p -> p.toAbsolutePath().normalize()).toList().stream()
						.map(p -> out.resolve(p.getFileName())).toList());
		try (ImageFile f = reg.open(master)) {
			assertEquals(FRAMES, f.numImages());
			checkModels(f, "FormatNXmxEigerFilewriter");
			checkPixels(f);
			boolean[][] m = f.staticMask(0);
			assertNotNull(m, "detectorSpecific/pixel_mask gives the static mask");
			for (int k = 0; k < m[0].length; k++) assertEquals(frames[0][k] >= 0, m[0][k]);
		}
	}

	@Test
	void nearlyNexusMaster() throws Exception {
		Path out = make("nearly");
		Path master = out.resolve("lysonn_master.h5");
		FormatRegistry reg = registry();
		assertEquals("FormatHDF5EigerNearlyNexus", reg.find(master).name());
		assertFalse(reg.byName("FormatNexus").understand(new org.bragg.format.FileHeader(master, org.bragg.format.ImageFiles.readHead(master, 8192))),
				"NXmx and nearly-NeXus readers are siblings");
		try (ImageFile f = reg.open(master)) {
			assertEquals(FRAMES, f.numImages());
			checkModels(f, "FormatHDF5EigerNearlyNexus");
			checkPixels(f);
		}
	}

	@Test
	void missingDataFileIsOneClearLine() throws Exception {
		Path out = make("filewriter");
		Path master = out.resolve("lyso_master.h5");
		Files.delete(out.resolve("lyso_data_000002.h5"));
		BraggInputException e = assertThrows(BraggInputException.class, () -> {
			try (ImageFile f = registry().open(master)) {
				f.read(4);
			}
		});
		String msg = e.getMessage();
		assertFalse(msg.contains("\n"), msg);
		assertTrue(msg.startsWith("lyso_master.h5: "), msg);
		assertTrue(msg.contains("lyso_data_000002.h5") && msg.contains("missing"), msg);
	}

	@Test
	void virtualDatasetMaster() throws Exception {
		Path out = make("vds");
		Path master = out.resolve("lysovds_master.h5");
		try (ImageFile f = registry().open(master)) {
			assertEquals(FRAMES, f.numImages());
			checkPixels(f);
		}
		Files.delete(out.resolve("lysovds_data_000001.h5"));
		BraggInputException e = assertThrows(BraggInputException.class, () -> {
			try (ImageFile f = registry().open(master)) {
				f.read(0);
			}
		});
		assertFalse(e.getMessage().contains("\n"), e.getMessage());
		assertTrue(e.getMessage().contains("lysovds_master.h5") && e.getMessage().contains("lysovds_data_000001.h5"), e.getMessage());
	}

	private static void checkPixels(ImageFile f) throws Exception {
		for (int i = 0; i < FRAMES; i++) {
			PanelData[] d = f.read(i);
			assertEquals(1, d.length);
			assertArrayEquals(frames[i], d[0].ints(), "frame " + (i + 1));
		}
	}

	private static void checkModels(ImageFile f, String format) throws Exception {
		assertEquals(format, f.formatName());
		Map<String, Object> rb = obj(list(expt.get("beam")).get(0));
		Map<String, Object> rp = obj(list(obj(list(expt.get("detector")).get(0)).get("panels")).get(0));
		Map<String, Object> rg = obj(list(expt.get("goniometer")).get(0));
		Map<String, Object> rs = obj(list(expt.get("scan")).get(0));
		assertClose(num(rb.get("wavelength")), f.beam(0).wavelength(), REL, "wavelength");
		assertClose(vec3(rb.get("direction")), f.beam(0).direction(), REL, "beam direction");
		Panel p = f.detector(0).panel(0);
		assertClose(vec3(rp.get("origin")), p.origin(), REL, "origin");
		assertClose(vec3(rp.get("fast_axis")), p.fastAxis(), REL, "fast axis");
		assertClose(vec3(rp.get("slow_axis")), p.slowAxis(), REL, "slow axis");
		assertClose(list(rp.get("pixel_size")).stream().mapToDouble(SharedTestData::num).toArray(), p.pixelSize(), REL, "pixel size");
		assertClose(list(rp.get("trusted_range")).stream().mapToDouble(SharedTestData::num).toArray(), p.trustedRange(), REL, "trusted range");
		assertClose(num(rp.get("thickness")), p.thickness(), REL, "thickness");
		assertClose(num(rp.get("mu")), p.mu(), REL, "mu");
		assertEquals(rp.get("material"), p.material());
		double[] bc = p.beamCentrePx(f.beam(0).s0());
		assertClose(479.2, bc[0], REL, "beam centre x");
		assertClose(529.2, bc[1], REL, "beam centre y");
		assertClose(150.0, p.distance(), REL, "distance");
		assertClose(vec3(rg.get("rotation_axis")), f.goniometer(0).rotationAxis(), REL, "rotation axis");
		double[] osc = list(rs.get("oscillation")).stream().mapToDouble(SharedTestData::num).toArray();
		for (int i = 0; i < FRAMES; i++) {
			assertClose(osc[0] + i * osc[1], f.scan(i).oscillationStart(), REL, "oscillation start");
			assertClose(osc[1], f.scan(i).oscillationWidth(), REL, "oscillation width");
			assertClose(0.1, f.scan(i).exposureTimes()[0], REL, "exposure");
		}
	}
}

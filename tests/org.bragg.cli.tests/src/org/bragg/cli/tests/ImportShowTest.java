package org.bragg.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bragg.cli.Bragg;
import org.bragg.io.ExperimentListIO;
import org.bragg.model.Beam;
import org.bragg.model.Detector;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Panel;
import org.bragg.model.Vec3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bragg import} and {@code bragg show} on every shared dataset: the imported models equal
 * DIALS 3.12's {@code imported.expt} (wavelength, distance, beam centre, axes, pixel size, image size,
 * trusted range, panel count, gain, oscillation) within 1e-6 relative.
 */
class ImportShowTest {
	@TempDir Path dir;

	record Run(int status, String out, String err) {}

	Run bragg(String... args) {
		ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
		int st = Bragg.run(args, dir, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
		return new Run(st, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
	}

	static void close(double expected, double actual, String what) {
		double tol = 1e-6 * Math.max(1e-3, Math.abs(expected));
		assertEquals(expected, actual, tol, what);
	}

	static void close(Vec3 expected, Vec3 actual, double absTol, String what) {
		assertTrue(expected.approxEquals(actual, absTol), what + ": expected " + expected + " got " + actual);
	}

	/** Compares Bragg's models with DIALS's for experiment i. */
	static void assertSameModels(Experiment dials, Experiment bragg, String what) {
		Beam bd = dials.beam(), bb = bragg.beam();
		close(bd.wavelength(), bb.wavelength(), what + " wavelength");
		close(bd.direction(), bb.direction(), 1e-6, what + " beam direction");
		close(bd.polarizationFraction(), bb.polarizationFraction(), what + " polarization fraction");
		Detector dd = dials.detector(), db = bragg.detector();
		assertEquals(dd.size(), db.size(), what + " panel count");
		for (int k = 0; k < dd.size(); k++) {
			Panel p = dd.panel(k), q = db.panel(k);
			String w = what + " panel " + k;
			close(p.fastAxis(), q.fastAxis(), 1e-6, w + " fast axis");
			close(p.slowAxis(), q.slowAxis(), 1e-6, w + " slow axis");
			close(p.origin(), q.origin(), 1e-6 * Math.max(1, p.origin().length()), w + " origin");
			close(p.distance(), q.distance(), w + " distance");
			assertEquals(p.nFast(), q.nFast(), w + " image size fast");
			assertEquals(p.nSlow(), q.nSlow(), w + " image size slow");
			close(p.pixelSize()[0], q.pixelSize()[0], w + " pixel size");
			close(p.pixelSize()[1], q.pixelSize()[1], w + " pixel size");
			close(p.trustedRange()[0], q.trustedRange()[0], w + " trusted min");
			close(p.trustedRange()[1], q.trustedRange()[1], w + " trusted max");
			close(p.gain(), q.gain(), w + " gain");
			close(p.thickness(), q.thickness(), w + " thickness");
			close(p.mu(), q.mu(), w + " mu");
			double[] bcd = p.beamCentrePx(bd.s0()), bcb = q.beamCentrePx(bb.s0());
			if (bcd != null) {
				assertEquals(bcd[0], bcb[0], 1e-4, w + " beam centre x px");
				assertEquals(bcd[1], bcb[1], 1e-4, w + " beam centre y px");
			}
		}
		if (dials.goniometer() != null) close(dials.goniometer().rotationAxis(), bragg.goniometer().rotationAxis(), 1e-6, what + " axis");
		if (dials.scan() != null && !dials.scan().isStill()) {
			assertEquals(dials.scan().firstImage(), bragg.scan().firstImage(), what + " first image");
			assertEquals(dials.scan().lastImage(), bragg.scan().lastImage(), what + " last image");
			close(dials.scan().oscillationStart(), bragg.scan().oscillationStart(), what + " osc start");
			close(dials.scan().oscillationWidth(), bragg.scan().oscillationWidth(), what + " osc width");
		}
	}

	ExperimentList importAndRead(String... args) throws Exception {
		List<String> a = new ArrayList<>(List.of("import"));
		a.addAll(List.of(args));
		Run r = bragg(a.toArray(String[]::new));
		assertEquals(0, r.status(), "import failed: " + r.err() + r.out());
		assertTrue(Files.exists(dir.resolve("bragg.import.log")));
		return ExperimentListIO.read(dir.resolve("imported.expt"));
	}

	@Test
	void xraySweepMatchesDials() throws Exception {
		Path ds = SharedData.dataset("sim_xray_1a8o_p43212");
		ExperimentList el = importAndRead(ds.resolve("images/lyso1a8o_####.cbf.bz2").toString());
		ExperimentList ref = ExperimentListIO.read(ds.resolve("dials_reference/imported.expt"));
		assertEquals(1, el.size());
		assertEquals(60, el.get(0).scan().numImages());
		assertSameModels(ref.get(0), el.get(0), "1a8o");
		Run show = bragg("show", "imported.expt");
		assertEquals(0, show.status(), show.err());
		assertTrue(show.out().contains("Max resolution (at corners): 1.436088"), show.out());
		assertTrue(show.out().contains("Max resolution (inscribed):  1.971564"), show.out());
		assertTrue(show.out().contains("px: (479.20,529.20)"), show.out());
		assertTrue(Files.readString(dir.resolve("bragg.show.log")).contains("Beam centre"));
	}

	@Test
	void electronSweepMatchesDials() throws Exception {
		Path ds = SharedData.dataset("sim_ed_1hpv_p61");
		ExperimentList el = importAndRead(ds.resolve("images").toString(), "panel.gain=3");
		ExperimentList ref = ExperimentListIO.read(ds.resolve("dials_reference/imported.expt"));
		assertEquals(1, el.size());
		assertEquals(120, el.get(0).scan().numImages());
		assertSameModels(ref.get(0), el.get(0), "1hpv");
		assertEquals(org.bragg.model.Probe.ELECTRON, el.get(0).beam().probe());
	}

	@Test
	void thaumatinStillsMatchDials() throws Exception {
		Path ds = SharedData.dataset("real_thaumatin_grid_i24");
		ExperimentList el = importAndRead(ds.resolve("images").toString(), "convert_sequences_to_stills=true");
		ExperimentList ref = ExperimentListIO.read(ds.resolve("dials_reference/stills_mode/imported.expt"));
		assertEquals(19, el.size());
		for (int i = 0; i < 19; i++) {
			assertSameModels(ref.get(i), el.get(i), "thaumatin " + i);
			assertNull(el.get(i).scan());
		}
		assertTrue(el.get(0).beam() == el.get(18).beam(), "stills share one beam model");
	}

	@Test
	void cspadStillsMatchDials() throws Exception {
		Path ds = SharedData.dataset("real_thermolysin_cspad");
		ExperimentList el = importAndRead(ds.resolve("images").resolve("idx-*.cbf").toString());
		ExperimentList ref = ExperimentListIO.read(ds.resolve("dials_reference/imported.expt"));
		assertEquals(4, el.size());
		for (int i = 0; i < 4; i++) assertSameModels(ref.get(i), el.get(i), "cspad " + i);
		assertEquals(64, el.get(0).detector().size());
		Run show = bragg("show", "imported.expt");
		assertEquals(0, show.status(), show.err());
	}

	@Test
	void imageRangeSelectsImages() throws Exception {
		Path ds = SharedData.dataset("sim_xray_1a8o_p43212");
		ExperimentList el = importAndRead(ds.resolve("images/lyso1a8o_####.cbf.bz2").toString(), "image_range=11,20");
		assertEquals(11, el.get(0).scan().firstImage());
		assertEquals(20, el.get(0).scan().lastImage());
		assertEquals(5.0, el.get(0).scan().oscillationStart(), 1e-9);
	}

	@Test
	void geometryOverrides() throws Exception {
		Path ds = SharedData.dataset("sim_xray_1a8o_p43212");
		ExperimentList el = importAndRead(ds.resolve("images/lyso1a8o_####.cbf.bz2").toString(), "distance=200", "fast_slow_beam_centre=500,510",
				"wavelength=1.0", "invert_rotation_axis=true");
		Experiment e = el.get(0);
		assertEquals(200, e.detector().panel(0).distance(), 1e-9);
		double[] bc = e.detector().panel(0).beamCentrePx(e.beam().s0());
		assertEquals(500, bc[0], 1e-6);
		assertEquals(510, bc[1], 1e-6);
		assertEquals(1.0, e.beam().wavelength(), 0);
		close(new Vec3(-1, 0, 0), e.goniometer().rotationAxis(), 1e-12, "inverted axis");
	}

	// ---- bad input: one clear line, exit 1, no partial output, earlier outputs intact ----

	private void assertCleanFailure(Run r, String... mustContain) throws Exception {
		assertEquals(1, r.status(), "expected a user error: " + r.out() + r.err());
		String line = r.err().strip();
		assertEquals(1, line.lines().count(), "one line: " + line);
		for (String s : mustContain) assertTrue(line.contains(s), "message should name '" + s + "': " + line);
		assertTrue(Files.list(dir).noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
	}

	@Test
	void truncatedCbfFailsCleanlyAndKeepsEarlierOutput() throws Exception {
		Path ds = SharedData.dataset("sim_xray_1a8o_p43212");
		importAndRead(ds.resolve("images/lyso1a8o_0001.cbf.bz2").toString());
		byte[] before = Files.readAllBytes(dir.resolve("imported.expt"));
		byte[] whole = org.bragg.format.ImageFiles.readAll(ds.resolve("images/lyso1a8o_0001.cbf.bz2"));
		Path bad = dir.resolve("bad_0001.cbf");
		Files.write(bad, java.util.Arrays.copyOf(whole, whole.length / 2));
		Run r = bragg("import", bad.toString());
		assertCleanFailure(r, "bad_0001.cbf");
		assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(dir.resolve("imported.expt"))), "earlier imported.expt intact");
	}

	@Test
	void directoryWithoutImages() throws Exception {
		Path empty = Files.createDirectory(dir.resolve("empty"));
		assertCleanFailure(bragg("import", empty.toString()), "empty");
		Files.writeString(empty.resolve("notes.txt"), "not an image\n");
		assertCleanFailure(bragg("import", empty.toString()), "notes.txt");
		assertFalse(Files.exists(dir.resolve("imported.expt")));
	}

	@Test
	void imageRangeOutsideTheFiles() throws Exception {
		Path ds = SharedData.dataset("sim_xray_1a8o_p43212");
		assertCleanFailure(bragg("import", ds.resolve("images/lyso1a8o_####.cbf.bz2").toString(), "image_range=50,70"), "image_range", "1-60");
		assertFalse(Files.exists(dir.resolve("imported.expt")));
	}

	@Test
	void unknownParameterListsClosestNames() throws Exception {
		Path ds = SharedData.dataset("sim_xray_1a8o_p43212");
		Run r = bragg("import", ds.resolve("images/lyso1a8o_0001.cbf.bz2").toString(), "image_rang=1,2");
		assertCleanFailure(r, "image_rang", "image_range");
	}

	@Test
	void helpAndConfig() {
		Run h = bragg("--help");
		assertEquals(0, h.status());
		assertTrue(h.out().contains("import") && h.out().contains("show"));
		Run c = bragg("import", "-c", "-a", "1");
		assertEquals(0, c.status(), c.err());
		assertTrue(c.out().contains("image_range"), c.out());
		assertTrue(c.out().contains("distance"), c.out());
		Run u = bragg("import", "-h");
		assertEquals(0, u.status());
		assertTrue(u.out().startsWith("Usage: bragg import"));
		Run bad = bragg("nosuchprogram");
		assertEquals(1, bad.status());
	}
}

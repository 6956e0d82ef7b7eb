package org.bragg.format.tests.smv;

import static org.bragg.format.tests.smv.Close.assertClose;
import static org.bragg.format.tests.smv.SharedTestData.list;
import static org.bragg.format.tests.smv.SharedTestData.num;
import static org.bragg.format.tests.smv.SharedTestData.obj;
import static org.bragg.format.tests.smv.SharedTestData.vec3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.bragg.format.FileHeader;
import org.bragg.format.FormatReader;
import org.bragg.format.FormatRegistry;
import org.bragg.format.ImageFile;
import org.bragg.format.ImageFiles;
import org.bragg.format.PanelData;
import org.bragg.format.smv.SmvTimepixSu512Reader;
import org.bragg.model.Beam;
import org.bragg.model.Detector;
import org.bragg.model.DetectorNode;
import org.bragg.model.Goniometer;
import org.bragg.model.Mat3;
import org.bragg.model.Panel;
import org.bragg.model.Probe;
import org.bragg.model.PxMmStrategy;
import org.bragg.model.Scan;
import org.bragg.model.Vec3;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The TimePix SU 512×512 reader against DIALS 3.12 on {@code sim_ed_1hpv_p61}: models against
 * {@code dials_reference/imported.expt} to 1e-6 relative (the .expt keeps panel frames local to the
 * hierarchy group; they are composed into global frames here), pixel sums against dxtbx.
 */
class SmvTimepixReaderTest {
	private static final double REL = 1e-6;
	private static Path images;
	private static Map<String, Object> expt;

	@BeforeAll
	static void load() throws Exception {
		Path dir = SharedTestData.resolve("sim_ed_1hpv_p61");
		assumeTrue(Files.isDirectory(dir), "shared data sim_ed_1hpv_p61 not found at " + dir);
		images = dir.resolve("images");
		expt = obj(SharedTestData.readJson(dir.resolve("dials_reference/imported.expt")));
	}

	private static Path image(int n) { return images.resolve(String.format("ed1hpv_%04d.img.bz2", n)); }

	@Test
	void registryChoosesTheDeepestReader() throws Exception {
		FormatRegistry reg = FormatRegistry.fromServiceLoader();
		assertEquals("FormatSMVTimePix_SU_512x512", reg.find(image(1)).name());
		FileHeader h = new FileHeader(image(1), ImageFiles.readHead(image(1), FileHeader.MAX_BYTES));
		assertTrue(reg.byName("FormatSMV").understand(h));
		assertTrue(reg.byName("FormatSMVTimePix_SU").understand(h));
		assertFalse(reg.byName("FormatSMVADSC").understand(h), "ADSC and TimePix are siblings and must not both understand");
		assertFalse(reg.byName("FormatSMVTimePix_SU_516x516").understand(h));
	}

	@Test
	void beamMatchesDials() throws Exception {
		Map<String, Object> ref = obj(list(expt.get("beam")).get(0));
		try (ImageFile f = new SmvTimepixSu512Reader().open(image(1))) {
			Beam b = f.beam(0);
			assertClose(vec3(ref.get("direction")), b.direction(), REL, "beam direction");
			assertClose(num(ref.get("wavelength")), b.wavelength(), REL, "wavelength");
			assertClose(num(ref.get("divergence")), b.divergence(), REL, "divergence");
			assertClose(num(ref.get("sigma_divergence")), b.sigmaDivergence(), REL, "sigma_divergence");
			assertClose(vec3(ref.get("polarization_normal")), b.polarizationNormal(), REL, "polarization_normal");
			assertClose(num(ref.get("polarization_fraction")), b.polarizationFraction(), REL, "polarization_fraction");
			assertClose(num(ref.get("flux")), b.flux(), REL, "flux");
			assertClose(num(ref.get("transmission")), b.transmission(), REL, "transmission");
			assertEquals(Probe.ELECTRON, b.probe());
		}
	}

	@Test
	void detectorAndHierarchyMatchDials() throws Exception {
		Map<String, Object> ref = obj(list(expt.get("detector")).get(0));
		Map<String, Object> h = obj(ref.get("hierarchy"));
		Vec3 gOrigin = vec3(h.get("origin")), gFast = vec3(h.get("fast_axis")), gSlow = vec3(h.get("slow_axis"));
		Vec3 gNormal = gFast.cross(gSlow).normalize();
		List<Object> refPanels = list(ref.get("panels"));
		try (ImageFile f = new SmvTimepixSu512Reader().open(image(1))) {
			Detector d = f.detector(0);
			assertEquals(4, d.size());
			assertTrue(d.hasExplicitHierarchy());
			DetectorNode.Group g = d.hierarchy();
			assertClose(gOrigin, g.origin(), REL, "group origin");
			assertClose(gFast, g.fastAxis(), REL, "group fast axis");
			assertClose(gSlow, g.slowAxis(), REL, "group slow axis");
			assertEquals(h.get("name"), g.name());
			assertEquals(h.get("type"), g.type());
			List<Object> refChildren = list(h.get("children"));
			assertEquals(refChildren.size(), g.children().size());
			for (int i = 0; i < refChildren.size(); i++)
				assertEquals(new DetectorNode.PanelRef((int) num(obj(refChildren.get(i)).get("panel"))), g.children().get(i));
			for (int k = 0; k < 4; k++) {
				Map<String, Object> rp = obj(refPanels.get(k));
				Panel p = d.panel(k);
				// local → global: x·fast + y·slow + z·normal of the group, plus the group origin for the origin
				Vec3 lo = vec3(rp.get("origin")), lf = vec3(rp.get("fast_axis")), ls = vec3(rp.get("slow_axis"));
				Vec3 origin = gOrigin.plus(toGlobal(lo, gFast, gSlow, gNormal));
				assertClose(origin, p.origin(), REL, "panel " + k + " origin");
				assertClose(toGlobal(lf, gFast, gSlow, gNormal), p.fastAxis(), REL, "panel " + k + " fast axis");
				assertClose(toGlobal(ls, gFast, gSlow, gNormal), p.slowAxis(), REL, "panel " + k + " slow axis");
				assertEquals(rp.get("name"), p.name());
				assertEquals(rp.get("type"), p.type());
				assertClose(doubles(rp.get("pixel_size")), p.pixelSize(), REL, "pixel size");
				assertClose(doubles(rp.get("trusted_range")), p.trustedRange(), REL, "trusted range");
				assertClose(doubles(rp.get("image_size")), new double[] { p.nFast(), p.nSlow() }, 0, "image size");
				assertClose(doubles(rp.get("raw_image_offset")), new double[] { p.rawImageOffset()[0], p.rawImageOffset()[1] }, 0,
						"raw image offset");
				assertClose(num(rp.get("thickness")), p.thickness(), REL, "thickness");
				assertEquals(rp.get("material"), p.material());
				assertClose(num(rp.get("mu")), p.mu(), REL, "mu");
				assertEquals(rp.get("identifier"), p.identifier());
				assertTrue(list(rp.get("mask")).isEmpty() && p.mask().isEmpty());
				assertClose(num(rp.get("pedestal")), p.pedestal(), REL, "pedestal");
				assertEquals(PxMmStrategy.fromDxtbxName((String) obj(rp.get("px_mm_strategy")).get("type")), p.pxMmStrategy());
				// the reference import used panel.gain=3, which dials.import applied to panel 0 only
				assertClose(k == 0 ? 1.0 : num(rp.get("gain")), p.gain(), REL, "gain (format default)");
			}
			// the dxtbx origins printed by /usr/bin/python3 for the same .expt (global frame)
			assertClose(new Vec3(-13.4035, 14.6685, -1600.0), d.panel(0).origin(), REL, "dxtbx global origin of panel 0");
			assertClose(new Vec3(0.8965, 0.3685, -1600.0), d.panel(3).origin(), REL, "dxtbx global origin of panel 3");
		}
	}

	private static Vec3 toGlobal(Vec3 local, Vec3 f, Vec3 s, Vec3 n) {
		return f.times(local.x()).plus(s.times(local.y())).plus(n.times(local.z()));
	}

	private static double[] doubles(Object l) {
		return list(l).stream().mapToDouble(SharedTestData::num).toArray();
	}

	@Test
	void goniometerMatchesDials() throws Exception {
		Map<String, Object> ref = obj(list(expt.get("goniometer")).get(0));
		try (ImageFile f = new SmvTimepixSu512Reader().open(image(1))) {
			Goniometer g = f.goniometer(0);
			assertClose(vec3(ref.get("rotation_axis")), g.rotationAxis(), REL, "rotation axis");
			assertTrue(Mat3.of(doubles(ref.get("fixed_rotation"))).approxEquals(g.fixedRotation(), 1e-12));
			assertTrue(Mat3.of(doubles(ref.get("setting_rotation"))).approxEquals(g.settingRotation(), 1e-12));
		}
	}

	@Test
	void scansOfAllImagesFormTheDialsSequence() throws Exception {
		Map<String, Object> ref = obj(list(expt.get("scan")).get(0));
		double[] range = doubles(ref.get("image_range"));
		double[] osc = doubles(ref.get("oscillation"));
		double[] exposure = doubles(ref.get("exposure_time"));
		double[] epochs = doubles(ref.get("epochs"));
		FormatReader reader = FormatRegistry.fromServiceLoader().find(image(1));
		for (int n = (int) range[0]; n <= (int) range[1]; n++) {
			try (ImageFile f = reader.open(image(n))) {
				Scan s = f.scan(0);
				assertEquals(n, s.firstImage());
				assertEquals(n, s.lastImage());
				int i = n - (int) range[0];
				assertClose(osc[0] + i * osc[1], s.oscillationStart(), REL, "oscillation start of image " + n);
				assertClose(osc[1], s.oscillationWidth(), REL, "oscillation width of image " + n);
				assertClose(exposure[i], s.exposureTimes()[0], REL, "exposure of image " + n);
				assertClose(epochs[i], s.epochs()[0], REL, "epoch of image " + n);
			}
		}
	}

	@Test
	void pixelSumsMatchDxtbx() throws Exception {
		SmvReferenceFile ref = SmvReferenceFile.load();
		assertFalse(ref.sums.isEmpty());
		FormatRegistry reg = FormatRegistry.fromServiceLoader();
		String open = null;
		PanelData[] data = null;
		for (SmvReferenceFile.PanelSum r : ref.sums) {
			if (!r.file().equals(open)) {
				try (ImageFile f = reg.open(images.resolve(r.file()))) {
					data = f.read(0);
				}
				open = r.file();
				assertEquals(4, data.length);
			}
			PanelData p = data[r.panel()];
			assertNotNull(p.ints());
			assertEquals(254, p.nFast());
			assertEquals(254, p.nSlow());
			assertEquals(r.n(), p.size(), r.file() + " panel " + r.panel() + " pixel count");
			assertEquals((double) r.sum(), p.sum(), r.file() + " panel " + r.panel() + " sum");
			int min = Integer.MAX_VALUE, max = Integer.MIN_VALUE;
			for (int v : p.ints()) {
				min = Math.min(min, v);
				max = Math.max(max, v);
			}
			assertEquals(r.min(), min, r.file() + " panel " + r.panel() + " min");
			assertEquals(r.max(), max, r.file() + " panel " + r.panel() + " max");
		}
	}
}

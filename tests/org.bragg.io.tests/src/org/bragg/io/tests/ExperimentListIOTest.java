package org.bragg.io.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.bragg.io.ExperimentListIO;
import org.bragg.io.internal.PythonJsonStyle;
import org.bragg.model.Beam;
import org.bragg.model.BraggInputException;
import org.bragg.model.Crystal;
import org.bragg.model.Detector;
import org.bragg.model.DetectorNode;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Goniometer;
import org.bragg.model.ImageSet;
import org.bragg.model.Mat3;
import org.bragg.model.Panel;
import org.bragg.model.Probe;
import org.bragg.model.PxMmStrategy;
import org.bragg.model.Scan;
import org.bragg.model.Vec3;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@link ExperimentListIO} against the DIALS 3.12 reference files. */
class ExperimentListIOTest {
	private static final double TOL = 1e-12;

	@TempDir
	Path tmp;

	@TestFactory
	Stream<DynamicTest> everyReferenceFileRoundTrips() {
		return SharedData.referenceExperimentLists().stream().map(p -> DynamicTest.dynamicTest(SharedData.label(p), () -> {
			ExperimentList a = ExperimentListIO.read(p);
			assertFalse(a.isEmpty(), "no experiments in " + p);
			Path out = tmp.resolve(p.getParent().getFileName() + "_" + p.getFileName());
			ExperimentListIO.write(a, out);
			assertFalse(Files.exists(out.resolveSibling(out.getFileName() + ".tmp")), "temporary file left behind");
			ExperimentList b = ExperimentListIO.read(out);
			ModelAssert.assertListsEqual(a, b, TOL, SharedData.label(p));
		}));
	}

	/** Single-panel files with an identity root: the written text is DIALS's except for the (absolute) template path. */
	@TestFactory
	Stream<DynamicTest> writesTheLayoutDialsWrites() {
		return SharedData.referenceExperimentLists().stream().filter(p -> p.toString().contains("sim_xray_1a8o_p43212/dials_reference"))
				.map(p -> DynamicTest.dynamicTest(SharedData.label(p), () -> {
					List<String> original = Files.readAllLines(p);
					List<String> written = ExperimentListIO.toJson(ExperimentListIO.read(p)).lines().toList();
					assertEquals(original.size(), written.size(), "line count");
					for (int i = 0; i < original.size(); i++) {
						if (original.get(i).contains("\"template\":")) {
							Path images = p.getParent().resolveSibling("images").toAbsolutePath().normalize();
							assertTrue(written.get(i).contains("\"template\": \"" + images + "/"), written.get(i));
							continue;
						}
						assertEquals(original.get(i), written.get(i), "line " + (i + 1));
					}
				}));
	}

	@Test
	void sharedModelsStaySharedAndPathsAreAbsolute() throws Exception {
		Path p = SharedData.file("real_thaumatin_grid_i24/dials_reference/sequence_mode/imported.expt");
		ExperimentList l = ExperimentListIO.read(p);
		assertEquals(19, l.size());
		for (Experiment e : l) {
			assertSame(l.get(0).beam(), e.beam());
			assertSame(l.get(0).detector(), e.detector());
			assertSame(l.get(0).goniometer(), e.goniometer());
			assertSame(l.get(0).imageSet(), e.imageSet());
		}
		assertEquals(19, l.asList().stream().map(Experiment::scan).distinct().count());
		assertEquals(2, l.get(1).scan().firstImage());
		Path t = l.get(0).imageSet().template();
		assertTrue(t.isAbsolute(), t.toString());
		assertEquals(p.getParent().getParent().resolveSibling("images").toAbsolutePath().normalize(), t.getParent());

		ExperimentList stills = ExperimentListIO.read(SharedData.file("real_thaumatin_grid_i24/dials_reference/stills_mode/imported.expt"));
		assertEquals(19, stills.imageSets().size());
		assertNull(stills.get(0).goniometer());
		assertNull(stills.get(0).scan());
		assertEquals(ImageSet.STILLS, stills.get(0).imageSet().kind());
		assertTrue(stills.get(3).imageSet().paths().get(0).isAbsolute());
		assertEquals(Boolean.FALSE, stills.get(0).imageSet().params().get("multi_panel"));
		assertEquals("Auto", stills.get(0).imageSet().params().get("dynamic_shadowing"));
	}

	@Test
	void timepixQuadHierarchyIsComposedAsDxtbxDoes() throws Exception {
		ExperimentList l = ExperimentListIO.read(SharedData.file("sim_ed_1hpv_p61/dials_reference/imported.expt"));
		Detector d = l.get(0).detector();
		assertEquals(4, d.size());
		assertTrue(d.hasExplicitHierarchy());
		// dxtbx: [p.get_origin() for p in ExperimentListFactory.from_json_file(..., check_format=False)[0].detector]
		double[][] dxtbx = { { -13.4035, 14.668499999999998, -1600.0 }, { 0.8965000000000014, 14.668499999999998, -1600.0 },
				{ -13.4035, 0.3684999999999974, -1600.0 }, { 0.8965000000000014, 0.3684999999999974, -1600.0 } };
		for (int i = 0; i < 4; i++) {
			assertEquals(new Vec3(dxtbx[i][0], dxtbx[i][1], dxtbx[i][2]), d.panel(i).origin(), "panel " + i);
			assertEquals(new Vec3(1, 0, 0), d.panel(i).fastAxis());
			assertEquals(new Vec3(0, -1, 0), d.panel(i).slowAxis());
		}
		assertEquals(new Vec3(-13.568499999999998, 14.833499999999997, -1600.0), d.hierarchy().origin());

		ExperimentList refined = ExperimentListIO.read(SharedData.file("sim_ed_1hpv_p61/dials_reference/refined.expt"));
		double[][] refinedOrigins = { { -23.65013503922221, 5.7073731249580355, -1615.5815022787313 },
				{ -9.354476230021826, 5.6461661815821245, -1615.92847910939 }, { -23.688356267764114, -8.561495445429339, -1614.639202507586 },
				{ -9.392697458563731, -8.62270238880525, -1614.986179338245 } };
		for (int i = 0; i < 4; i++)
			ModelAssert.vec(new Vec3(refinedOrigins[i][0], refinedOrigins[i][1], refinedOrigins[i][2]), refined.get(0).detector().panel(i).origin(),
					1e-12, "refined panel " + i);
	}

	@Test
	void cspadNestedHierarchyIsComposedAsDxtbxDoes() throws Exception {
		ExperimentList l = ExperimentListIO.read(SharedData.file("real_thermolysin_cspad/dials_reference/imported.expt"));
		assertEquals(4, l.size());
		assertSame(l.get(0).detector(), l.get(3).detector());
		assertEquals(4, l.imageSets().size());
		Detector d = l.get(0).detector();
		assertEquals(64, d.size());
		DetectorNode.Group root = d.hierarchy();
		assertEquals(4, root.children().size());
		DetectorNode.Group q0 = (DetectorNode.Group) root.children().get(0);
		assertEquals(8, q0.children().size());
		DetectorNode.Group s0 = (DetectorNode.Group) q0.children().get(0);
		assertEquals("FS_D0Q0S0", s0.name());
		ModelAssert.vec(new Vec3(-38.94280695529306, 18.110037360749313, -130.10663267291417), s0.origin(), 1e-12, "sensor D0Q0S0 origin");
		assertEquals(2, s0.children().size());
		assertTrue(s0.children().get(0) instanceof DetectorNode.PanelRef);
		// dxtbx values (p.get_origin(), p.get_fast_axis(), p.get_slow_axis())
		Object[][] ref = {
				{ 0, "ARRAY_D0Q0S0A0", new Vec3(-49.18838981152602, -3.3422519088289917, -130.10663267291417),
						new Vec3(0.0036320262672078995, 0.9999934041708448, 0.0), new Vec3(0.9999934041708447, -0.003632026267209664, 0.0) },
				{ 17, "ARRAY_D0Q1S0A1", new Vec3(18.024630075612787, 48.47116339637224, -130.106632672914),
						new Vec3(0.9999747757741088, -0.007102662565603483, 0.0), new Vec3(-0.007102662565603475, -0.9999747757741088, 0.0) },
				{ 63, "ARRAY_D0Q3S7A1", new Vec3(-61.44294022025614, -26.05563004504986, -130.10663267291406),
						new Vec3(-0.002884436801980076, 0.999995840003515, 0.0), new Vec3(0.999995840003515, 0.0028844368019800646, 0.0) } };
		for (Object[] r : ref) {
			Panel p = d.panel((Integer) r[0]);
			assertEquals(r[1], p.name());
			ModelAssert.vec((Vec3) r[2], p.origin(), 1e-12, r[1] + " origin");
			ModelAssert.vec((Vec3) r[3], p.fastAxis(), 1e-12, r[1] + " fast");
			ModelAssert.vec((Vec3) r[4], p.slowAxis(), 1e-12, r[1] + " slow");
		}
	}

	@Test
	void typedFieldsOfTheReferenceFiles() throws Exception {
		ExperimentList ed = ExperimentListIO.read(SharedData.file("sim_ed_1hpv_p61/dials_reference/refined.expt"));
		Experiment e = ed.get(0);
		assertEquals(Probe.ELECTRON, e.beam().probe(), "0.0251 Å without a probe key is an electron beam");
		assertEquals(0.0251, e.beam().wavelength(), 1e-15);
		assertEquals(121, e.crystal().aAtScanPoints().size(), "120 images + 1 scan points");
		assertTrue(e.crystal().extras().containsKey("B_covariance"));
		assertEquals("crystal", e.crystal().extras().get("__id__"));
		ModelAssert.vec(new Vec3(-0.7548637593860368, -0.6558816240493247, 0.0), e.goniometer().rotationAxisDatum(), 1e-15, "rotation axis");
		assertEquals(PxMmStrategy.SIMPLE, e.detector().panel(0).pxMmStrategy());
		assertEquals(3.0, e.detector().panel(0).gain());

		ExperimentList x = ExperimentListIO.read(SharedData.file("sim_xray_1a8o_p43212/dials_reference/scaled.expt"));
		Experiment s = x.get(0);
		assertEquals(Probe.XRAY, s.beam().probe());
		assertEquals(PxMmStrategy.PARALLAX_CORRECTED, s.detector().panel(0).pxMmStrategy());
		assertEquals(5, s.detector().panel(0).mask().size());
		assertEquals(List.of(487, 0, 494, 1043), toList(s.detector().panel(0).mask().get(0)));
		double[] cell = s.crystal().unitCellParameters();
		assertEquals(41.9731, cell[0], 1e-4);
		assertEquals(88.9429, cell[2], 1e-4);
		assertEquals(List.of(s.identifier()), List.copyOf(s.scan().validImageRanges().keySet()));
		assertEquals(List.of(1, 60), toList(s.scan().validImageRanges().get(s.identifier()).get(0)));
		assertEquals(60, s.scan().numImages());
		assertEquals(0.5, s.scan().oscillationWidth());
		assertEquals("gaussian_rs", s.profile().get("__id__"));
		assertEquals(3.0, s.profile().get("n_sigma"));
		assertEquals("physical", s.scalingModel().get("__id__"));
		@SuppressWarnings("unchecked")
		Map<String, Object> scale = (Map<String, Object>) s.scalingModel().get("scale");
		assertEquals(6L, scale.get("n_parameters"));

		ExperimentList truth = ExperimentListIO.read(SharedData.file("sim_xray_1a8o_p43212/images/truth.expt"));
		assertNull(truth.get(0).imageSet());
		assertNotNull(truth.get(0).crystal());
	}

	private static List<Integer> toList(int[] a) {
		List<Integer> l = new ArrayList<>();
		for (int v : a) l.add(v);
		return l;
	}

	@Test
	void syntheticModelsRoundTrip() throws Exception {
		Panel p = new Panel("P", "SENSOR_CCD", new Vec3(1, 0, 0), new Vec3(0, -1, 0), new Vec3(-10, 20, -100), new int[] { 0, 0 },
				new int[] { 100, 200 }, new double[] { 0.1, 0.1 }, new double[] { 0, 65535 }, 0.3, "Si", 3.9, "id", List.of(new int[] { 1, 2, 3, 4 }),
				2.5, 7, PxMmStrategy.SIMPLE);
		Beam neutron = Beam.simple(1.8).withProbe(Probe.NEUTRON).withDivergence(1e-3, 2e-4);
		Beam xrayShort = Beam.simple(0.05);
		Goniometer kappa = Goniometer.multiAxis(List.of(new Vec3(1, 0, 0), new Vec3(0.914, 0.279, -0.297).normalize(), new Vec3(1, 0, 0)),
				new double[] { 10, 20, 30 }, List.of("PHI", "KAPPA", "OMEGA"), 2).withSettingRotationAtScanPoints(List.of(Mat3.IDENTITY, Mat3.IDENTITY));
		Map<String, Object> props = new LinkedHashMap<>();
		props.put("time_of_flight", List.of(1.0, 2.0));
		props.put("note", null);
		Scan scan = new Scan(1, 1, 0, 0.1, new double[] { 0.5 }, new double[] { 1.7e9 }, 3, Map.of("abc", List.of(new int[] { 1, 1 })),
				Map.of("properties", props));
		Map<String, Object> extras = new LinkedHashMap<>();
		extras.put("__id__", "crystal");
		extras.put("ML_half_mosaicity_deg", null);
		extras.put("recalculated_unit_cell", List.of(1.0, 2.0, 3.0, 90.0, 90.0, 90.0));
		Crystal c = new Crystal(new Vec3(10, 0, 0), new Vec3(0, 20, 0), new Vec3(0, 0, 30), " P 1", List.of(), extras)
				.withAAtScanPoints(List.of(Mat3.IDENTITY.times(0.1), Mat3.IDENTITY.times(0.1)));
		ImageSet grid = new ImageSet(ImageSet.GRID, null, List.of(tmp.resolve("a.h5"), tmp.resolve("a.h5")), new int[] { 0, 1 }, tmp.resolve("mask.pickle"),
				null, null, null, null, Map.of(), new int[] { 2, 1 });
		ImageSet seq = ImageSet.sequence(tmp.resolve("img_#####.cbf"));
		Detector det = Detector.single(p);
		ExperimentList l = new ExperimentList(List.of(
				new Experiment("one", neutron, det, kappa, scan, c, grid, Map.of("__id__", "gaussian_rs", "n_sigma", 3L), null),
				new Experiment("two", xrayShort, det, null, null, null, seq, null, Map.of("__id__", "physical", "é", "ü")),
				new Experiment("", neutron, det, kappa, scan, null, grid, null, null)));
		Path f = tmp.resolve("synthetic.expt");
		ExperimentListIO.write(l, f);
		String text = Files.readString(f, StandardCharsets.UTF_8);
		assertTrue(text.contains("\"probe\": \"neutron\""), "neutron beams need an explicit probe key");
		assertTrue(text.contains("\"probe\": \"x-ray\""), "a 0.05 Å X-ray beam needs an explicit probe key");
		assertTrue(text.contains("\"\\u00e9\": \"\\u00fc\""), "non-ASCII characters are escaped as json.dumps(ensure_ascii=True) does");
		assertTrue(text.contains("\"grid_size\": ["));
		ExperimentList r = ExperimentListIO.read(f);
		ModelAssert.assertListsEqual(l, r, TOL, "synthetic");
		assertFalse(r.get(0).detector().hasExplicitHierarchy(), "a trivial identity root reads back as a flat detector");
		assertEquals(Probe.XRAY, r.get(1).beam().probe());
		assertEquals(props, r.get(0).scan().extras().get("properties"));
		assertTrue(r.get(0).goniometer().isMultiAxis());
	}

	@Test
	void flatDetectorIsWrittenUnderAnIdentityRoot() throws Exception {
		Panel p = new Panel("P", "SENSOR_PAD", new Vec3(0, 1, 0), new Vec3(1, 0, 0), new Vec3(5, 6, 7), new int[] { 0, 0 }, new int[] { 10, 10 },
				new double[] { 0.2, 0.2 }, new double[] { 0, 10 }, 0, "", 0, "", List.of(), 1, 0, PxMmStrategy.SIMPLE);
		Experiment e = new Experiment("x", Beam.simple(1), Detector.single(p), null, null, null, null, null, null);
		String json = ExperimentListIO.toJson(ExperimentList.of(e));
		ExperimentList r = ExperimentListIO.fromJson(json, tmp, "flat.expt");
		ModelAssert.panel(p, r.get(0).detector().panel(0), 0, "panel");
		assertFalse(r.get(0).detector().hasExplicitHierarchy());
		JsonNode h = new ObjectMapper().readTree(json).get("detector").get(0).get("hierarchy");
		assertEquals("[1.0,0.0,0.0]", h.get("fast_axis").toString());
		assertEquals("[0.0,1.0,0.0]", h.get("slow_axis").toString());
		assertEquals("[0.0,0.0,0.0]", h.get("origin").toString());
		assertEquals("[{\"panel\":0}]", h.get("children").toString());
		assertEquals("[5.0,6.0,7.0]", new ObjectMapper().readTree(json).get("detector").get(0).get("panels").get(0).get("origin").toString());
	}

	// ---- errors ---------------------------------------------------------------------------------

	private static final String MINIMAL = """
			{"__id__": "ExperimentList", "experiment": [{"__id__": "Experiment", "identifier": "x", "beam": 0, "detector": 0}],
			 "beam": [{"direction": [0.0, 0.0, 1.0], "wavelength": 1.0}],
			 "detector": [{"panels": [{"name": "p", "fast_axis": [1, 0, 0], "slow_axis": [0, -1, 0], "origin": [0, 0, -100],
			   "image_size": [10, 10], "pixel_size": PIXEL}]}]}
			""";

	private BraggInputException readBad(String json, String name) throws Exception {
		Path f = tmp.resolve(name);
		Files.writeString(f, json);
		BraggInputException e = assertThrows(BraggInputException.class, () -> ExperimentListIO.read(f));
		assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
		assertTrue(e.getMessage().startsWith(name + ": "), e.getMessage());
		return e;
	}

	@Test
	void minimalDocumentIsAccepted() throws Exception {
		Path f = tmp.resolve("ok.expt");
		Files.writeString(f, MINIMAL.replace("PIXEL", "[0.1, 0.1]"));
		ExperimentList l = ExperimentListIO.read(f);
		assertEquals(0.999, l.get(0).beam().polarizationFraction());
		assertEquals(1.0, l.get(0).detector().panel(0).gain());
		assertFalse(l.get(0).detector().hasExplicitHierarchy());
	}

	@Test
	void wrongTypeNamesTheJsonPath() throws Exception {
		BraggInputException e = readBad(MINIMAL.replace("PIXEL", "\"abc\""), "indexed.expt");
		assertEquals("indexed.expt: detector[0].panels[0].pixel_size expected 2 numbers, found \"abc\"", e.getMessage());
		e = readBad(MINIMAL.replace("PIXEL", "[0.1]"), "indexed.expt");
		assertEquals("indexed.expt: detector[0].panels[0].pixel_size expected 2 numbers, found array [0.1]", e.getMessage());
		e = readBad(MINIMAL.replace("PIXEL", "[0.1, 0.1]").replace("\"wavelength\": 1.0", "\"wavelength\": \"1.0\""), "w.expt");
		assertEquals("w.expt: beam[0].wavelength expected a number, found \"1.0\"", e.getMessage());
	}

	@Test
	void missingFieldsAndBadIndices() throws Exception {
		assertEquals("m.expt: detector[0].panels[0].pixel_size is missing",
				readBad(MINIMAL.replace(", \"pixel_size\": PIXEL", ""), "m.expt").getMessage());
		assertEquals("m.expt: beam[0].wavelength is missing",
				readBad(MINIMAL.replace("PIXEL", "[0.1, 0.1]").replace(", \"wavelength\": 1.0", ""), "m.expt").getMessage());
		assertTrue(readBad(MINIMAL.replace("PIXEL", "[0.1, 0.1]").replace("\"beam\": 0", "\"beam\": 2"), "i.expt").getMessage()
				.startsWith("i.expt: experiment[0].beam index 2 is out of range"));
		assertTrue(readBad("{\"__id__\": \"DataBlock\"}", "d.expt").getMessage().contains("expected \"ExperimentList\""));
		assertTrue(readBad("[1, 2]", "a.expt").getMessage().contains("\"ExperimentList\""));
	}

	@Test
	void malformedJson() throws Exception {
		BraggInputException e = readBad("{\"__id__\": \"ExperimentList\", \"experiment\": [", "bad.expt");
		assertTrue(e.getMessage().startsWith("bad.expt: malformed JSON"), e.getMessage());
		e = readBad("", "empty.expt");
		assertTrue(e.getMessage().contains("empty"), e.getMessage());
		e = readBad("{} trailing", "trail.expt");
		assertTrue(e.getMessage().startsWith("trail.expt: malformed JSON"), e.getMessage());
		BraggInputException nf = assertThrows(BraggInputException.class, () -> ExperimentListIO.read(tmp.resolve("absent.expt")));
		assertTrue(nf.getMessage().endsWith("absent.expt: file not found"), nf.getMessage());
	}

	@Test
	void hierarchyErrors() throws Exception {
		String h = MINIMAL.replace("PIXEL", "[0.1, 0.1]").replace("}]}]}",
				"}], \"hierarchy\": {\"name\": \"\", \"children\": [CHILDREN]}}]}");
		assertTrue(readBad(h.replace("CHILDREN", ""), "h.expt").getMessage().contains("does not contain panel 0"));
		assertTrue(readBad(h.replace("CHILDREN", "{\"panel\": 0}, {\"panel\": 0}"), "h.expt").getMessage().contains("a second time"));
		assertTrue(readBad(h.replace("CHILDREN", "{\"panel\": 5}"), "h.expt").getMessage().contains("detector[0].hierarchy.children[0].panel index 5"));
	}

	@Test
	void pythonFloatRepr() {
		String[][] cases = { { "0.0", "0.0" }, { "-0.0", "-0.0" }, { "1.0", "1.0" }, { "0.1", "0.1" }, { "1.0E-5", "1e-05" }, { "1.0E-4", "0.0001" },
				{ "1.0E16", "1e+16" }, { "1.234567890123456E15", "1234567890123456.0" }, { "1.700000000099E9", "1700000000.099" },
				{ "0.17200000000000001", "0.17200000000000001" }, { "4.9E-324", "5e-324" }, { "1.7976931348623157E308", "1.7976931348623157e+308" },
				{ "3.5509799704298383E-12", "3.5509799704298383e-12" }, { "-82.42240000000001", "-82.42240000000001" }, { "123456.0", "123456.0" },
				{ "NaN", "NaN" }, { "Infinity", "Infinity" }, { "-Infinity", "-Infinity" } };
		for (String[] c : cases) assertEquals(c[1], PythonJsonStyle.pythonRepr(Double.parseDouble(c[0])), c[0]);
	}
}

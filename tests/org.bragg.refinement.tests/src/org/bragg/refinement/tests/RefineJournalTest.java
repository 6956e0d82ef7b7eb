package org.bragg.refinement.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bragg.io.ExperimentListIO;
import org.bragg.io.ReflectionTableIO;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Panel;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.model.symmetry.SpaceGroup;
import org.bragg.report.RefinementRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code bragg refine … output.history=…} on sim_xray_1a8o_p43212 (DIALS indexed model, tP setting): the journal's
 * {@code parameter_vector} and {@code parameter_names} per step agree with the refined models written to refined.expt.
 */
class RefineJournalTest {

	@Test
	void journalParameterVectorsMatchTheRefinedModels(@TempDir Path dir) throws Exception {
		Object[] in = Xray1a8oTest.input();
		ExperimentList el = (ExperimentList) in[0];
		ReflectionTable refl = (ReflectionTable) in[1];
		Experiment e0 = el.get(0);
		el = ExperimentList.of(e0.withCrystal(e0.crystal().withSpaceGroupHall(SpaceGroup.fromSymbol("P 4").hallSymbol())));
		ExperimentListIO.write(el, dir.resolve("in.expt"));
		ReflectionTableIO.write(refl, dir.resolve("in.refl"));
		ByteArrayOutputStream log = new ByteArrayOutputStream();
		PrintStream ps = new PrintStream(log, true, StandardCharsets.UTF_8);
		int rc = org.bragg.cli.Bragg.run(new String[] { "refine", "in.expt", "in.refl", "output.history=history.json" }, dir, ps, ps);
		assertEquals(0, rc, () -> "bragg refine failed:\n" + log.toString(StandardCharsets.UTF_8));
		Experiment out = ExperimentListIO.read(dir.resolve("refined.expt")).get(0);

		JsonNode data = new ObjectMapper().readTree(dir.resolve("history.json").toFile()).path("data");
		JsonNode mc = data.path("macrocycle"), pv = data.path("parameter_vector"), pn = data.path("parameter_names");
		int n = mc.size();
		assertTrue(n >= 4, "steps " + n);
		assertEquals(n, pv.size());
		assertEquals(n, pn.size());
		assertEquals(1, mc.get(n - 1).asInt(), "static then scan-varying macrocycle");
		List<Integer> starts = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			assertEquals(pn.get(i).size(), pv.get(i).size(), "names and values of step " + i);
			if (i == 0 || mc.get(i).asInt() != mc.get(i - 1).asInt()) starts.add(i);
		}
		assertEquals(2, starts.size());
		// orientation angles start at zero in each macrocycle (DIALS convention: rotations relative to the start model)
		for (int s : starts) for (int k = 0; k < pn.get(s).size(); k++)
			if (pn.get(s).get(k).asText().startsWith("Crystal1Phi")) assertEquals(0, pv.get(s).get(k).asDouble(), 1e-12, pn.get(s).get(k).asText());
		assertTrue(indexOf(pn.get(n - 1), "Crystal1Phi1_sample0") >= 0, "scan-varying names per sample: " + pn.get(n - 1));

		// Detector1Dist (mm) of the last step is the distance of the written detector plane from the sample
		int kd = indexOf(pn.get(n - 1), "Detector1Dist");
		Panel p = out.detector().panel(0);
		double dist = Math.abs(p.origin().dot(p.normal()));
		System.out.printf("journal: final Detector1Dist %.5f mm, refined.expt detector distance %.5f mm%n", pv.get(n - 1).get(kd).asDouble(), dist);
		assertEquals(dist, pv.get(n - 1).get(kd).asDouble(), 1e-3);

		// Beam1Mu2 (mrad): the shifts over both macrocycles add up to the rotation of the written beam (Mu1 is fixed)
		double mu2 = 0;
		for (int m = 0; m < 2; m++) {
			int first = starts.get(m), last = m == 0 ? starts.get(1) - 1 : n - 1;
			int k = indexOf(pn.get(last), "Beam1Mu2");
			assertTrue(k >= 0, "Beam1Mu2 refined in macrocycle " + m);
			mu2 += pv.get(last).get(k).asDouble() - pv.get(first).get(k).asDouble();
		}
		double rot = 1000 * el.get(0).beam().s0().angle(out.beam().s0());
		System.out.printf("journal: total Beam1Mu2 shift %.5f mrad, rotation of s0 %.5f mrad%n", mu2, rot);
		assertEquals(rot, Math.abs(mu2), 1e-3 + 1e-3 * rot);

		// the report reads values and shifts of the final macrocycle
		RefinementRun run = RefinementRun.read("1a8o", dir.resolve("history.json"), null);
		assertEquals(n, run.history().size());
		double[] v = run.parameterValues(), sh = run.parameterShifts();
		assertEquals(pv.get(n - 1).size(), v.length);
		int kb = indexOf(pn.get(n - 1), "Beam1Mu2");
		assertEquals(pv.get(n - 1).get(kb).asDouble(), v[kb], 1e-12);
		assertEquals(pv.get(n - 1).get(kb).asDouble() - pv.get(starts.get(1)).get(kb).asDouble(), sh[kb], 1e-12);
	}

	private static int indexOf(JsonNode names, String name) {
		for (int i = 0; i < names.size(); i++) if (names.get(i).asText().equals(name)) return i;
		return -1;
	}
}

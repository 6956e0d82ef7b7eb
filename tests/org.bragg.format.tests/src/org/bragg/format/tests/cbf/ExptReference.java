package org.bragg.format.tests.cbf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bragg.model.Vec3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A DIALS {@code .expt} reference file read with Jackson, with the detector frames composed to the
 * global laboratory frame as dxtbx composes them (a hierarchy node's frame is local to its parent:
 * axis ↦ [f s n]·axis, origin ↦ [f s n]·origin + parent origin).
 */
final class ExptReference {
	final JsonNode root;

	/** A frame in the global lab frame. */
	record Frame(Vec3 fast, Vec3 slow, Vec3 origin) {}

	/** A group node of the reference hierarchy, in the global frame. */
	record Group(String name, Frame frame, List<Object> children) {}

	ExptReference(Path file) throws IOException {
		root = new ObjectMapper().readTree(file.toFile());
	}

	JsonNode beam(int i) { return root.get("beam").get(i); }
	JsonNode detector(int i) { return root.get("detector").get(i); }
	JsonNode goniometer(int i) { return root.get("goniometer").get(i); }
	JsonNode scan(int i) { return root.get("scan").get(i); }
	int count(String model) { return root.get(model).size(); }

	static Vec3 vec(JsonNode n) { return new Vec3(n.get(0).asDouble(), n.get(1).asDouble(), n.get(2).asDouble()); }

	static double[] doubles(JsonNode n) {
		double[] d = new double[n.size()];
		for (int i = 0; i < d.length; i++) d[i] = n.get(i).asDouble();
		return d;
	}

	static int[] ints(JsonNode n) {
		int[] d = new int[n.size()];
		for (int i = 0; i < d.length; i++) d[i] = n.get(i).asInt();
		return d;
	}

	/** @return the global frame of every panel of detector {@code det}, in panel order */
	static Frame[] globalPanelFrames(JsonNode det) {
		JsonNode panels = det.get("panels");
		Frame[] out = new Frame[panels.size()];
		walk(det.get("hierarchy"), null, panels, out, new LinkedHashMap<>());
		for (int i = 0; i < out.length; i++) assertTrue(out[i] != null, "panel " + i + " not in the reference hierarchy");
		return out;
	}

	/** @return the global frames of the hierarchy's groups by name, in pre-order */
	static Map<String, Group> globalGroups(JsonNode det) {
		Map<String, Group> groups = new LinkedHashMap<>();
		walk(det.get("hierarchy"), null, det.get("panels"), new Frame[det.get("panels").size()], groups);
		return groups;
	}

	private static Frame local(JsonNode n) {
		return new Frame(vec(n.get("fast_axis")).normalize(), vec(n.get("slow_axis")).normalize(), vec(n.get("origin")));
	}

	static Frame compose(Frame parent, Frame local) {
		if (parent == null) return local;
		Vec3 f = parent.fast(), s = parent.slow(), n = f.cross(s);
		return new Frame(apply(f, s, n, local.fast()), apply(f, s, n, local.slow()), apply(f, s, n, local.origin()).plus(parent.origin()));
	}

	private static Vec3 apply(Vec3 f, Vec3 s, Vec3 n, Vec3 v) {
		return f.times(v.x()).plus(s.times(v.y())).plus(n.times(v.z()));
	}

	private static Frame walk(JsonNode node, Frame parent, JsonNode panels, Frame[] out, Map<String, Group> groups) {
		Frame g = compose(parent, local(node));
		List<Object> kids = new ArrayList<>();
		groups.put(node.get("name").asText(), new Group(node.get("name").asText(), g, kids));
		for (JsonNode c : node.get("children")) {
			if (c.has("panel")) {
				int k = c.get("panel").asInt();
				out[k] = compose(g, local(panels.get(k)));
				kids.add(k);
			} else {
				kids.add(c.get("name").asText());
				walk(c, g, panels, out, groups);
			}
		}
		return g;
	}

	/** Asserts |actual − expected| ≤ rel·max(1, |expected|). */
	static void close(double expected, double actual, double rel, String what) {
		double tol = rel * Math.max(1.0, Math.abs(expected));
		assertTrue(Math.abs(actual - expected) <= tol, what + ": expected " + expected + ", got " + actual + " (tolerance " + tol + ")");
	}

	static void close(Vec3 expected, Vec3 actual, double rel, String what) {
		close(expected.x(), actual.x(), rel, what + ".x");
		close(expected.y(), actual.y(), rel, what + ".y");
		close(expected.z(), actual.z(), rel, what + ".z");
	}

	/** Absolute tolerance (mm) on each component. */
	static void within(Vec3 expected, Vec3 actual, double abs, String what) {
		assertTrue(expected.approxEquals(actual, abs), what + ": expected " + expected + ", got " + actual + " (± " + abs + ")");
	}

	static void close(double[] expected, double[] actual, double rel, String what) {
		assertEquals(expected.length, actual.length, what + " length");
		for (int i = 0; i < expected.length; i++) close(expected[i], actual[i], rel, what + "[" + i + "]");
	}
}

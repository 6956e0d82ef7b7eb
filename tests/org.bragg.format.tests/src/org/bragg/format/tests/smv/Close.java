package org.bragg.format.tests.smv;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bragg.model.Vec3;

/** Relative comparisons for model values: |a − b| ≤ rel·|a| + 1e-9, component by component. */
public final class Close {
	private Close() {}

	public static void assertClose(double expected, double actual, double rel, String what) {
		assertTrue(Math.abs(expected - actual) <= rel * Math.abs(expected) + 1e-9,
				what + ": expected " + expected + ", found " + actual + " (relative tolerance " + rel + ")");
	}

	public static void assertClose(Vec3 expected, Vec3 actual, double rel, String what) {
		for (int i = 0; i < 3; i++) assertClose(expected.get(i), actual.get(i), rel, what + "[" + i + "]");
	}

	public static void assertClose(double[] expected, double[] actual, double rel, String what) {
		assertTrue(expected.length == actual.length, what + ": expected " + expected.length + " values, found " + actual.length);
		for (int i = 0; i < expected.length; i++) assertClose(expected[i], actual[i], rel, what + "[" + i + "]");
	}
}

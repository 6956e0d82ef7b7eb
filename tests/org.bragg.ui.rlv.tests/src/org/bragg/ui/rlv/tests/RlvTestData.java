package org.bragg.ui.rlv.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bragg.io.ExperimentListIO;
import org.bragg.io.ReflectionTableIO;
import org.bragg.model.BraggInputException;
import org.bragg.model.Crystal;
import org.bragg.model.ExperimentList;
import org.bragg.model.Mat3;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionFlag;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.ui.rlv.RlvPoints;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.RGB;

/** Shared data (fails when missing), index assignment by rounding, PNG output. */
final class RlvTestData {
	private RlvTestData() {}

	/** The shared data root: {@code bragg.shared.data}, then ../shared/data (one to three levels up), then /work/shared/data. */
	static Path root() {
		List<String> tried = new ArrayList<>();
		String prop = System.getProperty("bragg.shared.data");
		for (String c : new String[] { prop, "../shared/data", "../../shared/data", "../../../shared/data", "/work/shared/data" }) {
			if (c == null) continue;
			Path p = Path.of(c).toAbsolutePath().normalize();
			tried.add(p.toString());
			if (Files.isDirectory(p.resolve("sim_xray_1a8o_p43212"))) return p;
		}
		return fail("shared datasets not found (tried " + String.join(", ", tried) + "): set -Dbragg.shared.data=/path/to/shared/data");
	}

	static Path file(String relative) {
		Path p = root().resolve(relative);
		if (!Files.isRegularFile(p)) fail("shared data file missing: " + p);
		return p;
	}

	static ExperimentList experiments(String relative) throws BraggInputException { return ExperimentListIO.read(file(relative)); }

	static ReflectionTable reflections(String relative) throws BraggInputException { return ReflectionTableIO.read(file(relative)); }

	/**
	 * Strong spots of {@code sim_ed_1hpv_p61} found with {@code gain=3} (the dataset ships none): a copy
	 * cached in the temporary directory, else made there by Bragg's own {@code find_spots imported.expt
	 * gain=3} in this JVM (its spots equal dials.find_spots's).
	 */
	static Path edStrongSpots() throws IOException, InterruptedException {
		Path ref = root().resolve("sim_ed_1hpv_p61/dials_reference/strong.refl");
		if (Files.isRegularFile(ref)) return ref;
		Path dir = Path.of(System.getProperty("java.io.tmpdir"), "bragg-ed1hpv-strong-bragg");
		Path cached = dir.resolve("strong.refl");
		if (Files.isRegularFile(cached) && Files.size(cached) > 0) return cached;
		Files.createDirectories(dir);
		Path work = Files.createTempDirectory(dir, "run");
		String json = Files.readString(file("sim_ed_1hpv_p61/dials_reference/imported.expt"), StandardCharsets.UTF_8);
		json = json.replace("\"../images/", "\"" + root().resolve("sim_ed_1hpv_p61/images") + "/");
		Files.writeString(work.resolve("imported.expt"), json, StandardCharsets.UTF_8);
		java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
		java.io.PrintStream ps = new java.io.PrintStream(log, true, StandardCharsets.UTF_8);
		int rc = org.bragg.cli.Bragg.run(new String[] { "find_spots", "imported.expt", "gain=3", "output.reflections=strong.refl" }, work, ps, ps);
		if (rc != 0) return fail("bragg find_spots gain=3 on sim_ed_1hpv_p61 failed (exit " + rc + "):\n" + log.toString(StandardCharsets.UTF_8));
		Files.move(work.resolve("strong.refl"), cached, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		return cached;
	}

	/**
	 * Fraction of points whose fractional Miller index A⁻¹·r lies within {@code tol} of an integer in
	 * all three components (the test DIALS's index assignment makes).
	 */
	static double fractionNearInteger(RlvPoints p, Mat3 a, double tol) {
		return fractionNearInteger(p, new Mat3[] { a }, tol);
	}

	/**
	 * As {@link #fractionNearInteger(RlvPoints, Mat3, double)} for a crystal: with a scan-varying
	 * crystal each spot uses A at the scan point nearest its frame z (scan point i at z = i).
	 */
	static double fractionNearInteger(RlvPoints p, Crystal c, double tol) {
		if (!c.isScanVarying()) return fractionNearInteger(p, c.a(), tol);
		return fractionNearInteger(p, c.aAtScanPoints().toArray(new Mat3[0]), tol);
	}

	private static double fractionNearInteger(RlvPoints p, Mat3[] a, double tol) {
		Mat3[] inv = new Mat3[a.length];
		for (int k = 0; k < a.length; k++) inv[k] = a[k].inverse();
		double[] h = new double[3];
		int ok = 0;
		float[] x = p.xyz();
		for (int i = 0; i < p.size(); i++) {
			Mat3 ai = inv[Math.max(0, Math.min(a.length - 1, (int) Math.rint(p.frame()[i])))];
			ai.times(x[3 * i], x[3 * i + 1], x[3 * i + 2], h, 0);
			if (Math.abs(h[0] - Math.rint(h[0])) < tol && Math.abs(h[1] - Math.rint(h[1])) < tol && Math.abs(h[2] - Math.rint(h[2])) < tol) ok++;
		}
		return ok / (double) p.size();
	}

	/**
	 * Assigns Miller indices to the points of {@code table} by rounding A⁻¹·r (tolerance 0.3, as
	 * DIALS's assign_indices), setting {@code miller_index}, {@code id} (0 or −1) and the
	 * {@code indexed} flag in place.
	 *
	 * @return the number indexed
	 */
	static int assignIndices(ReflectionTable table, RlvPoints p, Mat3 a) {
		Mat3 ai = a.inverse();
		int n = table.size();
		int[] hkl = new int[3 * n], id = new int[n];
		long[] flags = table.has(Columns.FLAGS) ? table.get(Columns.FLAGS) : new long[n];
		double[] h = new double[3];
		float[] x = p.xyz();
		int c = 0;
		for (int i = 0; i < n; i++) {
			ai.times(x[3 * i], x[3 * i + 1], x[3 * i + 2], h, 0);
			boolean ok = Math.abs(h[0] - Math.rint(h[0])) < 0.3 && Math.abs(h[1] - Math.rint(h[1])) < 0.3 && Math.abs(h[2] - Math.rint(h[2])) < 0.3;
			id[i] = ok ? 0 : -1;
			for (int k = 0; k < 3; k++) hkl[3 * i + k] = ok ? (int) Math.rint(h[k]) : 0;
			flags[i] = ok ? flags[i] | ReflectionFlag.INDEXED.mask() : flags[i] & ~ReflectionFlag.INDEXED.mask();
			if (ok) c++;
		}
		table.put(Columns.MILLER_INDEX, hkl);
		table.put(Columns.ID, id);
		table.put(Columns.FLAGS, flags);
		return c;
	}

	/** Saves a PNG under target/screenshots/ and returns its path. */
	static Path savePng(ImageData data, String name) throws IOException {
		Path dir = Path.of("target", "screenshots");
		Files.createDirectories(dir);
		Path p = dir.resolve(name);
		ImageLoader l = new ImageLoader();
		l.data = new ImageData[] { data };
		l.save(p.toString(), SWT.IMAGE_PNG);
		return p.toAbsolutePath();
	}

	static int rgbAt(ImageData d, int x, int y) {
		RGB c = d.palette.getRGB(d.getPixel(x, y));
		return (c.red << 16) | (c.green << 8) | c.blue;
	}

	/** @return the number of pixels that differ from {@code background} */
	static int nonBackground(ImageData d, int background) {
		int c = 0;
		for (int y = 0; y < d.height; y++)
			for (int x = 0; x < d.width; x++) if (rgbAt(d, x, y) != background) c++;
		return c;
	}
}

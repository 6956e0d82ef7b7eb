package org.bragg.cli.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bragg.cli.Bragg;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bragg report} on the outputs of {@code bragg process} for the first 10 frames of the 1a8o sweep: the HTML
 * holds the sections of every stage and each embedded image is a PNG of the plot size that decodes.
 */
class ReportCommandTest {
	@TempDir static Path dir;

	@BeforeAll
	static void process() throws Exception {
		System.setProperty("java.awt.headless", "true");
		Path images = SharedData.dataset("sim_xray_1a8o_p43212").resolve("images");
		for (int i = 1; i <= 10; i++) {
			String n = String.format("lyso1a8o_%04d.cbf.bz2", i);
			Files.copy(images.resolve(n), dir.resolve(n));
		}
		assertEquals(0, run("process", dir.resolve("lyso1a8o_####.cbf.bz2").toString()));
	}

	private static int run(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		int st = Bragg.run(args, dir, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		if (st != 0) System.err.println(err.toString(StandardCharsets.UTF_8));
		return st;
	}

	/** Every data:image/png URI of the page, checked to be a complete PNG (signature, IHDR with CRC, IEND) of 800×420; returns their number. */
	private static int checkImages(String html) throws Exception {
		Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
		int n = 0;
		while (m.find()) {
			byte[] png = Base64.getDecoder().decode(m.group(1));
			assertArrayEquals(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' }, Arrays.copyOf(png, 8), "PNG signature");
			ByteBuffer b = ByteBuffer.wrap(png); // big-endian chunks: length, type, data, CRC; IHDR first, IEND last
			assertEquals(13, b.getInt(8), "IHDR length");
			assertEquals("IHDR", new String(png, 12, 4, StandardCharsets.US_ASCII));
			assertEquals(800, b.getInt(16), "width");
			assertEquals(420, b.getInt(20), "height");
			assertEquals("IEND", new String(png, png.length - 8, 4, StandardCharsets.US_ASCII), "PNG complete");
			java.util.zip.CRC32 crc = new java.util.zip.CRC32();
			crc.update(png, 12, 17);
			assertEquals(crc.getValue(), b.getInt(29) & 0xffffffffL, "IHDR CRC");
			n++;
		}
		return n;
	}

	@Test
	void scaledReport() throws Exception {
		assertEquals(0, run("report", "scaled.expt", "scaled.refl", "output.plots=true"));
		String html = Files.readString(dir.resolve("bragg.report.html"));
		for (String s : new String[] { "<h2>Spot finding</h2>", "<h2>Refinement</h2>", "<h2>Scan-varying model</h2>", "<h2>Integration</h2>",
				"<h2>Scaling</h2>", "<h2>Merging statistics</h2>", "Reflections per image", "Centroid RMSD per image", "Mean I/σ(I) against resolution",
				"Histogram of summation I/σ(I)", "Inverse scale factors against rotation", "CC½ against resolution", "Completeness against resolution",
				"Multiplicity against resolution", "Rmerge and Rpim against resolution", "Merging statistics by resolution shell" })
			assertTrue(html.contains(s), "report contains " + s);
		int n = checkImages(html);
		assertTrue(n >= 11, n + " plots");
		assertTrue(Files.size(dir.resolve("bragg.report_plot00.png")) > 1000, "output.plots=true writes the PNGs");
	}

	@Test
	void strongSpotsOnly() throws Exception {
		assertEquals(0, run("report", "imported.expt", "strong.refl", "output.html=strong.html"));
		String html = Files.readString(dir.resolve("strong.html"));
		assertTrue(html.contains("<h2>Spot finding</h2>"));
		assertTrue(!html.contains("<h2>Merging statistics</h2>"), "no merging section without scale factors");
		assertTrue(html.contains("no xyzcal.px column"), "says why the refinement plots are left out");
		assertEquals(1, checkImages(html));
	}
}

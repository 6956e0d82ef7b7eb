package org.bragg.format.tests.smv;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.bragg.format.FormatRegistry;
import org.bragg.format.ImageFile;
import org.bragg.format.ImageFiles;
import org.bragg.model.BraggInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken SMV files: each fails with one line that names the file and the problem. */
class SmvBadInputTest {

	private static byte[] firstTimepixImage() throws Exception {
		Path p = SharedTestData.resolve("sim_ed_1hpv_p61/images/ed1hpv_0001.img.bz2");
		assumeTrue(Files.isRegularFile(p), "shared data not found: " + p);
		return ImageFiles.readAll(p);
	}

	private static BraggInputException failure(Path file) {
		return assertThrows(BraggInputException.class, () -> {
			try (ImageFile f = FormatRegistry.fromServiceLoader().open(file)) {
				f.read(0);
			}
		});
	}

	private static void assertOneLine(BraggInputException e, String fileName, String... words) {
		String m = e.getMessage();
		assertFalse(m.contains("\n"), "message must be one line: " + m);
		assertTrue(m.contains(fileName), "message must name the file: " + m);
		for (String w : words) assertTrue(m.contains(w), "message must mention '" + w + "': " + m);
	}

	@Test
	void truncatedPixelData(@TempDir Path tmp) throws Exception {
		byte[] all = firstTimepixImage();
		Path p = tmp.resolve("short_0001.img");
		Files.write(p, Arrays.copyOf(all, 512 + 1000));
		assertOneLine(failure(p), "short_0001.img", "truncated", "524288", "1000");
	}

	@Test
	void headerAndBinarySizesDisagree(@TempDir Path tmp) throws Exception {
		byte[] all = firstTimepixImage();
		// the header promises 516×516 pixels: the binary part holds only 512×512
		String h = new String(all, 0, 512, StandardCharsets.ISO_8859_1).replace("SIZE1=512;", "SIZE1=516;").replace("SIZE2=512;", "SIZE2=516;");
		byte[] b = all.clone();
		System.arraycopy(h.getBytes(StandardCharsets.ISO_8859_1), 0, b, 0, 512);
		Path p = tmp.resolve("mismatch_0001.img");
		Files.write(p, b);
		assertOneLine(failure(p), "mismatch_0001.img", "516×516", "532512", "524288");
		// extra bytes after the pixels
		Path q = tmp.resolve("long_0001.img");
		Files.write(q, Arrays.copyOf(all, all.length + 4096));
		assertOneLine(failure(q), "long_0001.img", "disagree", "528384");
	}

	@Test
	void truncatedCompressedStream(@TempDir Path tmp) throws Exception {
		Path src = SharedTestData.resolve("sim_ed_1hpv_p61/images/ed1hpv_0001.img.bz2");
		assumeTrue(Files.isRegularFile(src));
		byte[] bz = Files.readAllBytes(src);
		Path p = tmp.resolve("cut_0001.img.bz2");
		Files.write(p, Arrays.copyOf(bz, bz.length / 2));
		BraggInputException e = failure(p);
		assertOneLine(e, "cut_0001.img.bz2");
		// the bzip2 decoder reads a whole 900 kB block when the stream is opened, so ImageFiles may report it there
		assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("end of stream"), e.getMessage());
	}

	@Test
	void headerWithoutClosingBrace(@TempDir Path tmp) throws Exception {
		byte[] all = firstTimepixImage();
		String h = new String(all, 0, 512, StandardCharsets.ISO_8859_1).replace("\n}\n", "\nX=1\n");
		byte[] b = all.clone();
		System.arraycopy(h.getBytes(StandardCharsets.ISO_8859_1), 0, b, 0, 512);
		Path p = tmp.resolve("open_0001.img");
		Files.write(p, b);
		assertOneLine(failure(p), "open_0001.img", "closing '}'", "HEADER_BYTES=512");
	}

	@Test
	void badHeaderValue(@TempDir Path tmp) throws Exception {
		byte[] all = firstTimepixImage();
		String h = new String(all, 0, 512, StandardCharsets.ISO_8859_1).replace("DISTANCE=1600.00;", "DISTANCE=far;;;;;;");
		byte[] b = all.clone();
		System.arraycopy(h.getBytes(StandardCharsets.ISO_8859_1), 0, b, 0, 512);
		Path p = tmp.resolve("dist_0001.img");
		Files.write(p, b);
		assertOneLine(failure(p), "dist_0001.img", "DISTANCE", "expected a number", "far");
	}

	@Test
	void unknownSmvFlavour(@TempDir Path tmp) throws Exception {
		Path p = tmp.resolve("plain_0001.img");
		byte[] b = new byte[512 + 8];
		Arrays.fill(b, (byte) ' ');
		byte[] h = "{\nHEADER_BYTES=  512;\nSIZE1=2;\nSIZE2=2;\n}\n".getBytes(StandardCharsets.ISO_8859_1);
		System.arraycopy(h, 0, b, 0, h.length);
		Files.write(p, b);
		assertOneLine(failure(p), "plain_0001.img", "not recognised", "BEAM_CENTER_X");
	}
}

package org.bragg.format.tests.cbf;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.bragg.format.ImageFile;
import org.bragg.format.ImageFiles;
import org.bragg.format.tests.TestData;
import org.bragg.model.BraggInputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged CBF files give a {@link BraggInputException} whose message is one line naming the file
 * and the problem (header key, expected and found), never another exception.
 */
class CbfBadInputTest {
	static byte[] pilatus;
	static byte[] cspad;

	@TempDir
	Path tmp;

	@BeforeAll
	static void load() throws Exception {
		pilatus = ImageFiles.readAll(TestData.file("sim_xray_1a8o_p43212/images/lyso1a8o_0001.cbf.bz2"));
		cspad = Files.readAllBytes(TestData.file("real_thermolysin_cspad/images/idx-20130301060858401.cbf"));
	}

	/** Opens and reads a file through the registry, expecting a one-line message with these parts. */
	private static String fails(Path file, String... parts) {
		BraggInputException e = assertThrows(BraggInputException.class, () -> {
			try (ImageFile f = CbfReaders.registry().open(file)) {
				f.read(0);
			}
		});
		String m = e.getMessage();
		assertFalse(m.contains("\n"), "one line: " + m);
		assertTrue(m.contains(file.getFileName().toString()), "names the file: " + m);
		for (String p : parts) assertTrue(m.contains(p), "mentions '" + p + "': " + m);
		return m;
	}

	private static byte[] replace(byte[] data, String from, String to) {
		byte[] f = from.getBytes(StandardCharsets.ISO_8859_1), t = to.getBytes(StandardCharsets.ISO_8859_1);
		for (int i = 0; i + f.length <= data.length; i++) {
			boolean hit = true;
			for (int k = 0; k < f.length && hit; k++) hit = data[i + k] == f[k];
			if (hit) {
				byte[] out = new byte[data.length - f.length + t.length];
				System.arraycopy(data, 0, out, 0, i);
				System.arraycopy(t, 0, out, i, t.length);
				System.arraycopy(data, i + f.length, out, i + t.length, data.length - i - f.length);
				return out;
			}
		}
		throw new AssertionError("'" + from + "' not found in the test file");
	}

	private Path write(String name, byte[] b) throws Exception {
		Path p = tmp.resolve(name);
		Files.write(p, b);
		return p;
	}

	@Test
	void truncatedMiniCbf() throws Exception {
		Path p = write("lyso_trunc_0001.cbf", Arrays.copyOf(pilatus, pilatus.length * 6 / 10));
		fails(p, "truncated", "X-Binary-Size");
	}

	@Test
	void truncatedInsideTheHeader() throws Exception {
		Path p = write("lyso_head_0001.cbf", Arrays.copyOf(pilatus, 1500));
		fails(p, "truncated");
	}

	@Test
	void truncatedBzip2() throws Exception {
		byte[] bz = Files.readAllBytes(TestData.file("sim_xray_1a8o_p43212/images/lyso1a8o_0001.cbf.bz2"));
		Path p = write("lyso_trunc_0001.cbf.bz2", Arrays.copyOf(bz, bz.length / 2));
		// the bzip2 stream is cut inside its only block: org.bragg.format.ImageFiles reports the
		// decompressor's "Unexpected end of stream" (for a cut in a later block: "corrupt or truncated")
		String m = fails(p);
		assertTrue(m.contains("truncated") || m.contains("end of stream"), m);
	}

	@Test
	void truncatedFullCbf() throws Exception {
		Path p = write("cspad_trunc_401.cbf", Arrays.copyOf(cspad, cspad.length * 3 / 4));
		fails(p, "truncated");
	}

	@Test
	void binarySizeSmallerThanTheData() throws Exception {
		Path p = write("lyso_size_0001.cbf", replace(pilatus, "X-Binary-Size: 1025533", "X-Binary-Size: 1025000"));
		fails(p, "size mismatch", "X-Binary-Size", "X-Binary-Number-of-Elements");
	}

	@Test
	void binarySizeLargerThanTheData() throws Exception {
		Path p = write("lyso_size2_0001.cbf", replace(pilatus, "X-Binary-Size: 1025533", "X-Binary-Size: 1025540"));
		fails(p, "size mismatch", "X-Binary-Size");
	}

	@Test
	void elementCountDisagreesWithDimensions() throws Exception {
		Path p = write("lyso_count_0001.cbf", replace(pilatus, "X-Binary-Number-of-Elements: 1023183", "X-Binary-Number-of-Elements: 1023184"));
		fails(p, "X-Binary-Number-of-Elements", "X-Binary-Size-Fastest-Dimension", "1023183");
	}

	@Test
	void packedElementCountMismatch() throws Exception {
		Path p = write("cspad_count_401.cbf", replace(cspad, "X-Binary-Number-of-Elements: 574240", "X-Binary-Number-of-Elements: 574241"));
		fails(p, "X-Binary-Number-of-Elements");
	}

	@Test
	void unknownCompression() throws Exception {
		Path p = write("lyso_canon_0001.cbf", replace(pilatus, "x-CBF_BYTE_OFFSET", "x-CBF_CANONICAL"));
		fails(p, "conversions", "x-CBF_CANONICAL", "not supported");
	}

	@Test
	void unsupportedElementType() throws Exception {
		Path p = write("lyso_type_0001.cbf", replace(pilatus, "\"signed 32-bit integer\"", "\"signed 99-bit integer\""));
		fails(p, "X-Binary-Element-Type");
	}

	@Test
	void nonNumericHeaderValue() throws Exception {
		Path p = write("lyso_wl_0001.cbf", replace(pilatus, "# Wavelength 0.97950 A", "# Wavelength 0.9x950 A"));
		fails(p, "Wavelength", "expected a number", "0.9x950");
	}

	@Test
	void nonNumericMimeDimension() throws Exception {
		Path p = write("lyso_dim_0001.cbf", replace(pilatus, "X-Binary-Size-Fastest-Dimension: 981", "X-Binary-Size-Fastest-Dimension: 9a1"));
		fails(p, "X-Binary-Size-Fastest-Dimension", "expected integer", "9a1");
	}

	@Test
	void missingHeaderKey() throws Exception {
		Path p = write("lyso_nocut_0001.cbf", replace(pilatus, "# Count_cutoff 1048575 counts", "# Cnt_cutoff 1048575 counts"));
		fails(p, "Count_cutoff", "missing");
	}

	@Test
	void nonNumericCifItem() throws Exception {
		Path p = write("cspad_wl_401.cbf", replace(cspad, "_diffrn_radiation_wavelength.wavelength 1.272607", "_diffrn_radiation_wavelength.wavelength 1.27x607"));
		fails(p, "_diffrn_radiation_wavelength.wavelength", "1.27x607");
	}

	@Test
	void notACbfAtAll() throws Exception {
		Path p = write("garbage_0001.cbf", "###CBF: VERSION 1.5\nnothing else here\n".getBytes(StandardCharsets.ISO_8859_1));
		BraggInputException e = assertThrows(BraggInputException.class, () -> CbfReaders.registry().open(p));
		assertFalse(e.getMessage().contains("\n"));
		assertTrue(e.getMessage().contains(p.getFileName().toString()));
	}
}

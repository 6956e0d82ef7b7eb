package org.bragg.format.tests.nexus;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bragg.format.ImageFiles;
import org.bragg.format.tests.smv.SharedTestData;
import org.bragg.model.BraggInputException;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The pixels of the simulated Pilatus 1M sweep {@code sim_xray_1a8o_p43212}, decoded here with a
 * minimal miniCBF byte-offset decoder (ANCHORS §3.4) so that the NeXus tests do not depend on the
 * CBF reader bundle.
 */
public final class CbfFrames {
	private CbfFrames() {}

	public static final int NX = 981, NY = 1043;

	public static Path image(int n) {
		Path p = SharedTestData.resolve(String.format("sim_xray_1a8o_p43212/images/lyso1a8o_%04d.cbf.bz2", n));
		assumeTrue(Files.isRegularFile(p), "shared data not found: " + p);
		return p;
	}

	public static Path importedExpt() {
		return SharedTestData.resolve("sim_xray_1a8o_p43212/dials_reference/imported.expt");
	}

	/** @return frame n (1-based) as row-major int32, NX × NY */
	public static int[] frame(int n) throws BraggInputException {
		byte[] b = ImageFiles.readAll(image(n));
		String head = new String(b, 0, Math.min(b.length, 8192), StandardCharsets.ISO_8859_1);
		int nx = header(head, "X-Binary-Size-Fastest-Dimension"), ny = header(head, "X-Binary-Size-Second-Dimension");
		if (nx != NX || ny != NY) throw new IllegalStateException("unexpected CBF size " + nx + "×" + ny);
		int start = -1;
		for (int i = 0; i + 3 < b.length; i++)
			if (b[i] == 0x0C && b[i + 1] == 0x1A && b[i + 2] == 0x04 && (b[i + 3] & 0xff) == 0xD5) { start = i + 4; break; }
		int[] out = new int[nx * ny];
		int pos = start;
		long prev = 0;
		for (int k = 0; k < out.length; k++) {
			int d = b[pos++];
			long delta;
			if (d != -128) delta = d;
			else {
				int d16 = (short) ((b[pos] & 0xff) | (b[pos + 1] << 8));
				pos += 2;
				if (d16 != -32768) delta = d16;
				else {
					int d32 = (b[pos] & 0xff) | ((b[pos + 1] & 0xff) << 8) | ((b[pos + 2] & 0xff) << 16) | (b[pos + 3] << 24);
					pos += 4;
					delta = d32;
				}
			}
			prev += delta;
			out[k] = (int) prev;
		}
		return out;
	}

	private static int header(String head, String key) {
		Matcher m = Pattern.compile(Pattern.quote(key) + ":\\s*(\\d+)").matcher(head);
		if (!m.find()) throw new IllegalStateException("CBF header lacks " + key);
		return Integer.parseInt(m.group(1));
	}
}

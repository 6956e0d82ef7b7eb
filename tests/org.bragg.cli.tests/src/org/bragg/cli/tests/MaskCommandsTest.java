package org.bragg.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bragg.cli.Bragg;
import org.bragg.format.ImageFiles;
import org.bragg.io.ExperimentListIO;
import org.bragg.io.ReflectionTableIO;
import org.bragg.model.ExperimentList;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.spotfinding.MaskFiles;
import org.bragg.spotfinding.MaskGeneration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bragg generate_mask} and {@code bragg apply_mask} on the 1a8o sweep (981×1043 Pilatus-like panel),
 * against DIALS. Reference counts from DIALS (dials 3.9.dev, installed):
 *
 * <pre>
 * dials.import lyso1a8o_000[1-5].cbf.bz2
 * dials.generate_mask imported.expt mask.phil      # MASK_PHIL below  → 128 650 masked pixels
 * dials.generate_mask imported.expt untrusted.polygon=100,100,400,120,350,400,120,300 → 64 490
 * dials.generate_mask imported.expt untrusted.circle=500,520,60                       → 11 277
 * dials.generate_mask imported.expt untrusted.rectangle=600,800,100,200               → 20 000
 * dials.generate_mask imported.expt resolution_range=3.0,3.2                          → 36 044
 * </pre>
 * Bragg's pixels.mask for MASK_PHIL is pixel-for-pixel equal to DIALS's, and DIALS accepts it:
 * {@code bragg apply_mask imported.expt mask=pixels.mask; dials.find_spots masked.expt} → 1 337 spots on
 * frames 1–5 (1 621 without the mask), none with its centroid inside the polygon.
 */
class MaskCommandsTest {
	@TempDir Path dir;

	static final String POLYGON = "100,100,400,120,350,400,120,300";
	static final int DIALS_SPOTS_MASKED_5_FRAMES = 1337;
	static final long DIALS_POLYGON = 64_490, DIALS_CIRCLE = 11_277, DIALS_RECTANGLE = 20_000, DIALS_RESOLUTION_RANGE = 36_044, DIALS_ALL = 128_650;
	static final String MASK_PHIL = """
			untrusted {
			  polygon = 100,100,400,120,350,400,120,300
			}
			untrusted {
			  circle = 500,520,60
			}
			untrusted {
			  rectangle = 600,800,100,200
			}
			resolution_range = 3.0,3.2
			""";

	int bragg(ByteArrayOutputStream err, String... args) {
		return Bragg.run(args, dir, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
	}

	private void importFrames(int n) throws Exception {
		Path images = SharedData.dataset("sim_xray_1a8o_p43212").resolve("images");
		for (int i = 1; i <= n; i++)
			Files.write(dir.resolve(String.format("frame_%04d.cbf", i)), ImageFiles.readAll(images.resolve(String.format("lyso1a8o_%04d.cbf.bz2", i))));
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		assertEquals(0, bragg(err, "import", dir.resolve("frame_####.cbf").toString()), err.toString());
	}

	private long maskedAfterApply(String... maskArgs) throws Exception {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		String[] args = new String[maskArgs.length + 2];
		args[0] = "generate_mask";
		args[1] = "imported.expt";
		System.arraycopy(maskArgs, 0, args, 2, maskArgs.length);
		Files.deleteIfExists(dir.resolve("pixels.mask"));
		assertEquals(0, bragg(err, args), err.toString());
		assertEquals(0, bragg(err, "apply_mask", "imported.expt", "input.mask=pixels.mask"), err.toString());
		ExperimentList masked = ExperimentListIO.read(dir.resolve("masked.expt"));
		Path mask = masked.get(0).imageSet().mask();
		assertTrue(mask != null && Files.isSameFile(mask, dir.resolve("pixels.mask")), "mask lookup " + mask);
		List<boolean[]> m = MaskFiles.read(mask);
		assertEquals(1, m.size());
		assertEquals(981 * 1043, m.get(0).length);
		return MaskGeneration.countMasked(m);
	}

	@Test
	void shapesAndResolutionRangeMaskTheSamePixelsAsDials() throws Exception {
		importFrames(1);
		assertEquals(DIALS_POLYGON, maskedAfterApply("untrusted.polygon=" + POLYGON));
		assertEquals(DIALS_CIRCLE, maskedAfterApply("untrusted.circle=500,520,60"));
		assertEquals(DIALS_RECTANGLE, maskedAfterApply("untrusted.rectangle=600,800,100,200"));
		assertEquals(DIALS_RESOLUTION_RANGE, maskedAfterApply("resolution_range=3.0,3.2"));
		Files.writeString(dir.resolve("mask.phil"), MASK_PHIL);
		assertEquals(DIALS_ALL, maskedAfterApply(dir.resolve("mask.phil").toString()));
	}

	@Test
	void findSpotsHonoursTheMaskAsDials() throws Exception {
		importFrames(5);
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		assertEquals(0, bragg(err, "find_spots", "imported.expt", "nproc=2", "output.reflections=all.refl"), err.toString());
		ReflectionTable all = ReflectionTableIO.read(dir.resolve("all.refl"));
		int[] xy = java.util.Arrays.stream(POLYGON.split(",")).mapToInt(Integer::parseInt).toArray();
		long inside = count(all, xy);
		assertTrue(inside > 0, "the unmasked sweep has spots inside the polygon");
		Files.writeString(dir.resolve("mask.phil"), MASK_PHIL);
		assertEquals(DIALS_ALL, maskedAfterApply(dir.resolve("mask.phil").toString()));
		assertEquals(0, bragg(err, "find_spots", "masked.expt", "nproc=2", "output.reflections=masked.refl"), err.toString());
		ReflectionTable masked = ReflectionTableIO.read(dir.resolve("masked.refl"));
		assertEquals(DIALS_SPOTS_MASKED_5_FRAMES, masked.size(), 0.01 * DIALS_SPOTS_MASKED_5_FRAMES);
		assertEquals(0, count(masked, xy), "spot centroids inside the masked polygon");
		assertFalse(masked.size() >= all.size(), masked.size() + " vs " + all.size());
	}

	private static long count(ReflectionTable t, int[] xy) {
		int n = xy.length / 2;
		double[] px = new double[n], py = new double[n];
		for (int i = 0; i < n; i++) {
			px[i] = xy[2 * i];
			py[i] = xy[2 * i + 1];
		}
		long c = 0;
		double[] xyz = t.get(Columns.XYZOBS_PX_VALUE);
		for (int r = 0; r < t.size(); r++) if (inside(px, py, xyz[3 * r], xyz[3 * r + 1])) c++;
		return c;
	}

	private static boolean inside(double[] px, double[] py, double x, double y) {
		boolean c = false;
		for (int i = 0, j = px.length - 1; i < px.length; j = i++)
			if (((py[i] > y) != (py[j] > y)) && (x < (px[j] - px[i]) * (y - py[i]) / (py[j] - py[i]) + px[i])) c = !c;
		return c;
	}
}

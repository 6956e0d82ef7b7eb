package org.bragg.format.cbf.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The inactive rows and columns between the modules of DECTRIS PILATUS and EIGER detectors, as the
 * untrusted rectangles dxtbx puts into the panel mask ({@code FormatPilatusHelpers}:
 * {@code determine_pilatus_mask}, {@code determine_eiger_mask}). Only the gaps between modules are
 * masked, not the detector edges.
 *
 * <p>Module geometry (fast × slow pixels, gap fast × slow): PILATUS 487 × 195, gaps 7 × 17; EIGER X
 * 1030 × 514, gaps 10 × 37; EIGER2 X 1028 × 512, gaps 12 × 38.
 *
 * <p>Rectangles are returned in the {@link org.bragg.model.Panel#mask()} order, which is dxtbx's:
 * {x0, y0, x1, y1} (pixels, x1 and y1 exclusive).
 *
 * @since 0.1
 */
public final class ModuleGaps {
	private ModuleGaps() {}

	/** Module size and gaps of one detector family. */
	public record Family(String name, int moduleFast, int moduleSlow, int gapFast, int gapSlow, int[] modulesFast) {
		boolean hasWidth(int w) {
			for (int j : modulesFast) if (moduleFast * j + gapFast * (j - 1) == w) return true;
			return false;
		}
	}

	public static final Family PILATUS = new Family("Pilatus", 487, 195, 7, 17, new int[] { 1, 3, 5 });
	public static final Family EIGER_X = new Family("Eiger X", 1030, 514, 10, 37, new int[] { 1, 2, 3, 4 });
	public static final Family EIGER_2X = new Family("Eiger 2X", 1028, 512, 12, 38, new int[] { 1, 2, 3, 4 });
	private static final Family[] ALL = { PILATUS, EIGER_X, EIGER_2X };

	/**
	 * Gap rectangles for a detector of the given family and size.
	 *
	 * @return {x0, y0, x1, y1} rectangles, or null if the size is not whole modules plus gaps (dxtbx
	 *         would fail an assertion; Bragg then masks nothing)
	 */
	public static List<int[]> gaps(Family d, int nFast, int nSlow) {
		int nf = nFast / d.moduleFast, rf = nFast % d.moduleFast;
		int ns = nSlow / d.moduleSlow, rs = nSlow % d.moduleSlow;
		if (nf < 1 || ns < 1 || (nf - 1) * d.gapFast != rf || (ns - 1) * d.gapSlow != rs) return null;
		List<int[]> out = new ArrayList<>();
		// dxtbx lists 1-based inclusive (f0, f1, s0, s1) and adds (f0 − 1, s0 − 1, f1, s1)
		for (int i = 0; i < nf - 1; i++) {
			int f0 = (i + 1) * d.moduleFast + i * d.gapFast + 1;
			int f1 = (i + 1) * d.moduleFast + i * d.gapFast + d.gapFast;
			out.add(new int[] { f0 - 1, 0, f1, nSlow });
		}
		for (int i = 0; i < ns - 1; i++) {
			int s0 = (i + 1) * d.moduleSlow + i * d.gapSlow + 1;
			int s1 = (i + 1) * d.moduleSlow + i * d.gapSlow + d.gapSlow;
			out.add(new int[] { 0, s0 - 1, nFast, s1 });
		}
		return out;
	}

	/** PILATUS gaps (dxtbx {@code determine_pilatus_mask}); null if the size is not a PILATUS layout. */
	public static List<int[]> pilatus(int nFast, int nSlow) {
		return gaps(PILATUS, nFast, nSlow);
	}

	/**
	 * EIGER gaps (dxtbx {@code determine_eiger_mask}): the family is the first whose module widths
	 * match the fast size; failing that, dxtbx retries with the sizes swapped and computes the
	 * rectangles in the swapped frame, which is reproduced here.
	 *
	 * @return rectangles, or null if no family matches
	 */
	public static List<int[]> eiger(int nFast, int nSlow) {
		for (Family f : ALL) if (f.hasWidth(nFast)) return gaps(f, nFast, nSlow);
		for (Family f : ALL) if (f.hasWidth(nSlow)) return gaps(f, nSlow, nFast);
		return null;
	}
}

package org.bragg.ui.imageviewer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.bragg.io.AtomicOutput;
import org.bragg.model.Beam;
import org.bragg.model.Detector;
import org.bragg.spotfinding.MaskFiles;
import org.bragg.spotfinding.MaskGeneration;
import org.bragg.spotfinding.SpotFindingParameters;
import org.bragg.ui.core.MaskDefinition;

/**
 * The mask drawn in the image viewer ({@link org.bragg.ui.core.MaskTool}) turned into pixels and files
 * with the code of {@code bragg generate_mask} ({@link MaskGeneration}, as {@code dials.generate_mask}):
 * {@code mask.phil} (the definition, for {@code bragg generate_mask imported.expt mask.phil}) and
 * {@code pixels.mask} (the DIALS pickle, for {@code bragg apply_mask imported.expt mask=pixels.mask}).
 *
 * @since 0.1
 */
public final class UserMask {
	private UserMask() {}

	/** @return the {@code dials.generate_mask} parameters of a drawn mask */
	public static MaskGeneration.Parameters parameters(MaskDefinition def) {
		MaskGeneration.Parameters p = MaskGeneration.Parameters.defaults();
		for (MaskDefinition.Region r : def.regions()) {
			if (r instanceof MaskDefinition.Polygon q) p = p.withUntrusted(SpotFindingParameters.Untrusted.polygon(q.panel(), q.xy()));
			else if (r instanceof MaskDefinition.Circle c) p = p.withUntrusted(SpotFindingParameters.Untrusted.circle(c.panel(), c.xc(), c.yc(), c.r()));
			else if (r instanceof MaskDefinition.Rectangle q) p = p.withUntrusted(SpotFindingParameters.Untrusted.rectangle(q.panel(), q.x0(), q.x1(), q.y0(), q.y1()));
			else if (r instanceof MaskDefinition.ResolutionRange q) {
				// the PHIL text rounds to 4 decimals: use the same values so that both paths agree pixel for pixel
				p = p.withResolutionRange(round4(Math.min(q.d1(), q.d2())), round4(Math.max(q.d1(), q.d2())));
			}
		}
		return p;
	}

	private static double round4(double d) { return Double.parseDouble(String.format(java.util.Locale.ROOT, "%.4f", d)); }

	/**
	 * @return the user mask, one {@code boolean[nFast·nSlow]} per panel, true = good (the default mask
	 *         — static mask, trusted range — is not included, as in DIALS)
	 * @throws IllegalArgumentException if a shape names a panel the detector does not have
	 */
	public static List<boolean[]> pixels(MaskDefinition def, Detector detector, Beam beam) {
		return MaskGeneration.generate(detector, beam, parameters(def));
	}

	/**
	 * Writes {@code dir/mask.phil} and {@code dir/pixels.mask} (atomically).
	 *
	 * @return the two files
	 * @throws IOException if a file cannot be written
	 */
	public static List<Path> save(MaskDefinition def, Detector detector, Beam beam, Path dir) throws IOException {
		Path phil = dir.resolve("mask.phil"), mask = dir.resolve("pixels.mask");
		java.nio.file.Files.createDirectories(dir);
		byte[] text = def.toPhil().getBytes(StandardCharsets.UTF_8);
		AtomicOutput.write(phil, out -> out.write(text));
		MaskFiles.write(mask, detector, pixels(def, detector, beam));
		return List.of(phil, mask);
	}
}

package org.bragg.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

import org.bragg.io.internal.ExptReader;
import org.bragg.io.internal.ExptWriter;
import org.bragg.model.BraggInputException;
import org.bragg.model.ExperimentList;

/**
 * Reads and writes DIALS experiment lists ({@code .expt}, the JSON form of dxtbx's
 * {@code ExperimentList}; format in ANCHORS §3.1 and dxtbx's {@code ExperimentList.to_dict} /
 * {@code ExperimentListDict}).
 *
 * <h2>Reading</h2>
 * <ul>
 * <li>Models are decoded from the top-level arrays {@code beam}, {@code detector}, {@code goniometer},
 * {@code scan}, {@code crystal}, {@code profile}, {@code scaling_model} and {@code imageset}; an
 * experiment's integer index refers into them, and experiments that use the same index share the same
 * Java instance.</li>
 * <li><b>Detector frames.</b> In the file each panel's {@code fast_axis}, {@code slow_axis} and
 * {@code origin} are <em>local</em> to its group in {@code hierarchy}, and each group's frame is local
 * to its parent group. Bragg's {@link org.bragg.model.Panel} and
 * {@link org.bragg.model.DetectorNode.Group} hold <em>global</em> laboratory frames (mm): with the
 * parent's global axes f<sub>p</sub>, s<sub>p</sub> (normalised) and origin o<sub>p</sub>, and
 * P = [f<sub>p</sub> | s<sub>p</sub> | f<sub>p</sub>×s<sub>p</sub>], a local frame (f, s, o) becomes
 * (P·f, P·s, P·o + o<sub>p</sub>), as dxtbx composes it; the root's parent is the identity frame. A
 * file without {@code hierarchy}, or with the trivial one dxtbx writes for a flat detector (an unnamed
 * root at the identity frame holding panels 0…n−1 in order), gives a flat detector
 * ({@link org.bragg.model.Detector#hasExplicitHierarchy()} false) whose panel frames are already global.</li>
 * <li><b>Beam.</b> {@code direction} is the unit vector from the sample towards the source; wavelength
 * in Å; {@code divergence} and {@code sigma_divergence} are degrees in the file and radians in
 * {@link org.bragg.model.Beam}. The probe comes from a {@code probe} key when present
 * ({@code x-ray}, {@code electron}, {@code neutron}); DIALS 3.12 writes none, so otherwise a
 * wavelength below 0.1 Å is taken to be an <b>electron</b> beam (200–300 keV electrons have
 * 0.025–0.020 Å, crystallographic X-rays ≥ 0.2 Å) and anything else X-rays. Neutron beams therefore need
 * an explicit {@code probe} key.</li>
 * <li><b>Crystal.</b> {@code real_space_a/b/c} (Å, lab frame at φ = 0), {@code space_group_hall_symbol}
 * and {@code A_at_scan_points} (row-major 3×3) are typed; every other key ({@code __id__},
 * {@code B_covariance}, {@code mosaicity}, …) is kept verbatim in {@link org.bragg.model.Crystal#extras()}.</li>
 * <li><b>Scan.</b> {@code image_range}, {@code oscillation} (degrees), {@code exposure_time} (s),
 * {@code epochs} (s), {@code batch_offset} and {@code valid_image_ranges} are typed; other keys (such
 * as {@code properties}) go to {@link org.bragg.model.Scan#extras()}. Short per-image lists are
 * completed as dxtbx does.</li>
 * <li><b>Goniometer.</b> Single-axis ({@code rotation_axis}, {@code fixed_rotation},
 * {@code setting_rotation}) or multi-axis ({@code axes}, {@code angles}, {@code names},
 * {@code scan_axis}), with optional {@code setting_rotation_at_scan_points}.</li>
 * <li><b>Imagesets.</b> {@code template}, {@code images} and the lookup files ({@code mask},
 * {@code gain}, {@code pedestal}, {@code dx}, {@code dy}) are resolved against the directory of the
 * {@code .expt} file and normalised to absolute paths (as dxtbx's {@code resolve_path}, without
 * {@code ~}/{@code $VAR} expansion). A {@code MemImageSet} gives a null imageset.</li>
 * <li>Profile and scaling models are kept as JSON-like maps: objects as insertion-ordered
 * {@code Map<String,Object>}, arrays as {@code List<Object>}, integers as {@code Long}, reals as
 * {@code Double}, plus strings, booleans and null. Unknown keys are kept where the model has an extras
 * map (crystal, scan) and ignored elsewhere.</li>
 * </ul>
 * Problems with the file throw {@link BraggInputException} with a one-line message naming the file and
 * the JSON path, e.g. {@code indexed.expt: detector[0].panels[3].pixel_size expected 2 numbers, found "abc"}.
 *
 * <h2>Writing</h2>
 * The layout is the one dxtbx 3.12 writes: {@code __id__} keys, models deduplicated by identity in order
 * of first use, integer indices in experiments, the detector {@code hierarchy} with local frames
 * computed from the global ones (a flat detector gets an identity root containing every panel),
 * {@code px_mm_strategy}, panel mask rectangles {x0, y0, x1, y1}, identifiers and absolute paths, with
 * Python's {@code indent=2} formatting and float {@code repr}. A {@code probe} key is only written when
 * the wavelength rule above would not give the beam's probe. Files are written atomically through
 * {@link AtomicOutput}.
 *
 * <p>Thread-safe: all methods are static and keep no state.
 *
 * @since 0.1
 */
public final class ExperimentListIO {
	private ExperimentListIO() {}

	/**
	 * Reads an {@code .expt} file.
	 *
	 * @param file the file; relative image paths inside are resolved against its directory
	 * @return the experiments, models shared as in the file
	 * @throws BraggInputException if the file is missing or unreadable, is not JSON, or a required field is
	 *         missing or has the wrong type
	 */
	public static ExperimentList read(Path file) throws BraggInputException {
		Objects.requireNonNull(file, "file");
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(file);
		} catch (NoSuchFileException e) {
			throw new BraggInputException(file + ": file not found");
		} catch (AccessDeniedException e) {
			throw new BraggInputException(file + ": permission denied");
		} catch (IOException e) {
			throw new BraggInputException(file + ": cannot read: " + e.getMessage(), e);
		}
		Path abs = file.toAbsolutePath().normalize();
		Path dir = abs.getParent() == null ? abs.getRoot() : abs.getParent();
		return ExptReader.decode(bytes, dir, String.valueOf(file.getFileName()));
	}

	/**
	 * Decodes an {@code .expt} document held in memory.
	 *
	 * @param json the JSON text
	 * @param directory the directory against which relative image paths are resolved
	 * @param sourceName the name used in error messages, e.g. {@code indexed.expt}
	 * @throws BraggInputException as {@link #read(Path)}
	 */
	public static ExperimentList fromJson(String json, Path directory, String sourceName) throws BraggInputException {
		return ExptReader.decode(json.getBytes(StandardCharsets.UTF_8), directory.toAbsolutePath().normalize(), sourceName);
	}

	/**
	 * Writes an {@code .expt} file atomically (see {@link AtomicOutput}).
	 *
	 * @throws IOException if the file cannot be written; an existing file is then left unchanged
	 * @throws IllegalArgumentException if the list cannot be represented (an image sequence without a
	 *         template, an image grid without a grid size, a hierarchy that misses panels, or a profile or
	 *         scaling-model value that is not JSON-like)
	 */
	public static void write(ExperimentList experiments, Path file) throws IOException {
		Objects.requireNonNull(experiments, "experiments");
		byte[] bytes = toBytes(experiments); // encode first: a model error must not touch the file system
		AtomicOutput.write(file, out -> out.write(bytes));
	}

	/** Writes the JSON document to a stream (not closed). @throws IllegalArgumentException as {@link #write} */
	public static void write(ExperimentList experiments, OutputStream out) throws IOException {
		ExptWriter.encode(experiments, out);
	}

	/** @return the JSON document as dxtbx would write it. @throws IllegalArgumentException as {@link #write} */
	public static String toJson(ExperimentList experiments) {
		return new String(toBytes(experiments), StandardCharsets.UTF_8);
	}

	private static byte[] toBytes(ExperimentList experiments) {
		ByteArrayOutputStream bos = new ByteArrayOutputStream(1 << 16);
		try {
			ExptWriter.encode(experiments, bos);
		} catch (IOException e) {
			throw new IllegalStateException("in-memory write failed", e);
		}
		return bos.toByteArray();
	}
}

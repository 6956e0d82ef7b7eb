package org.bragg.model.reflection;

/**
 * The standard DIALS reflection-table columns, with units and frames.
 *
 * <p>Pixel coordinates: x along fast, y along slow, pixel centres at +0.5; z is the array frame
 * coordinate (frame 0 starts at the first image of a scan starting at image 1, so an image's centre is
 * at z = image − 0.5). Millimetre coordinates are in the panel frame; angles in {@code .mm.} columns
 * are in <strong>radians</strong>, unlike {@code Scan#oscillation()}.
 *
 * @since 0.1
 */
public final class Columns {
	private Columns() {}

	/** Experiment index into the ExperimentList (int). */
	public static final ColumnKey<int[]> ID = ColumnKey.ofInt("id");
	/** Panel index (std::size_t). */
	public static final ColumnKey<long[]> PANEL = ColumnKey.ofSizeT("panel");
	/** Bit flags, see {@link ReflectionFlag} (std::size_t). */
	public static final ColumnKey<long[]> FLAGS = ColumnKey.ofSizeT("flags");
	/** Bounding box {x0, x1, y0, y1, z0, z1}, px and frames, upper bounds exclusive. */
	public static final ColumnKey<int[]> BBOX = ColumnKey.ofInt6("bbox");
	/** Observed centroid (x px, y px, z frames). */
	public static final ColumnKey<double[]> XYZOBS_PX_VALUE = ColumnKey.ofVec3("xyzobs.px.value");
	/** Variance of the observed centroid (px², px², frames²): squared standard error, +1/12 per axis. */
	public static final ColumnKey<double[]> XYZOBS_PX_VARIANCE = ColumnKey.ofVec3("xyzobs.px.variance");
	/** Observed centroid: x and y in mm in the panel frame, z the rotation angle φ in radians. */
	public static final ColumnKey<double[]> XYZOBS_MM_VALUE = ColumnKey.ofVec3("xyzobs.mm.value");
	/** Variance of {@link #XYZOBS_MM_VALUE}: mm², mm², rad². */
	public static final ColumnKey<double[]> XYZOBS_MM_VARIANCE = ColumnKey.ofVec3("xyzobs.mm.variance");
	/** Predicted centroid (x px, y px, z frames). */
	public static final ColumnKey<double[]> XYZCAL_PX = ColumnKey.ofVec3("xyzcal.px");
	/** Predicted centroid (x mm, y mm, φ rad). */
	public static final ColumnKey<double[]> XYZCAL_MM = ColumnKey.ofVec3("xyzcal.mm");
	/** Summed intensity (counts, not background-subtracted at spot finding). */
	public static final ColumnKey<double[]> INTENSITY_SUM_VALUE = ColumnKey.ofDouble("intensity.sum.value");
	/** Variance of the summed intensity (counts²). */
	public static final ColumnKey<double[]> INTENSITY_SUM_VARIANCE = ColumnKey.ofDouble("intensity.sum.variance");
	/** Profile-fitted intensity (counts). */
	public static final ColumnKey<double[]> INTENSITY_PRF_VALUE = ColumnKey.ofDouble("intensity.prf.value");
	/** Variance of the profile-fitted intensity (counts²). */
	public static final ColumnKey<double[]> INTENSITY_PRF_VARIANCE = ColumnKey.ofDouble("intensity.prf.variance");
	/** Number of strong pixels in the spot (int). */
	public static final ColumnKey<int[]> N_SIGNAL = ColumnKey.ofInt("n_signal");
	/** Pixels around the reflection. */
	public static final ColumnKey<Shoebox[]> SHOEBOX = ColumnKey.ofShoebox("shoebox");
	/** Miller index h, k, l. */
	public static final ColumnKey<int[]> MILLER_INDEX = ColumnKey.ofMiller("miller_index");
	/** Diffracted beam vector s1 (Å⁻¹, lab frame), |s1| = 1/λ. */
	public static final ColumnKey<double[]> S1 = ColumnKey.ofVec3("s1");
	/** Reciprocal lattice point (Å⁻¹, lab frame at φ = 0). */
	public static final ColumnKey<double[]> RLP = ColumnKey.ofVec3("rlp");
	/** True if the reflection is entering the Ewald sphere. */
	public static final ColumnKey<boolean[]> ENTERING = ColumnKey.ofBool("entering");
	/** Index of the imageset (int). */
	public static final ColumnKey<int[]> IMAGESET_ID = ColumnKey.ofInt("imageset_id");
	/** Resolution d (Å). */
	public static final ColumnKey<double[]> D = ColumnKey.ofDouble("d");
	/** Lorentz–polarisation factor (multiply intensities by it). */
	public static final ColumnKey<double[]> LP = ColumnKey.ofDouble("lp");
	/** Detector quantum efficiency (divide intensities by it). */
	public static final ColumnKey<double[]> QE = ColumnKey.ofDouble("qe");
	/** Fraction of the reflection recorded (0–1). */
	public static final ColumnKey<double[]> PARTIALITY = ColumnKey.ofDouble("partiality");
	/** Profile correlation coefficient. */
	public static final ColumnKey<double[]> PROFILE_CORRELATION = ColumnKey.ofDouble("profile.correlation");
	/** Mean background per pixel (counts). */
	public static final ColumnKey<double[]> BACKGROUND_MEAN = ColumnKey.ofDouble("background.mean");
	/** Rotation offset of a still's relp from the Ewald sphere, radians. */
	public static final ColumnKey<double[]> DELPSICAL_RAD = ColumnKey.ofDouble("delpsical.rad");
	/** Inverse scale factor from scaling. */
	public static final ColumnKey<double[]> INVERSE_SCALE_FACTOR = ColumnKey.ofDouble("inverse_scale_factor");
	/** zeta, the inverse Lorentz term m2·e1. */
	public static final ColumnKey<double[]> ZETA = ColumnKey.ofDouble("zeta");
}

package org.bragg.format;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.bragg.params.Param;

/**
 * Parameters of {@code bragg import}, named and nested as in {@code dials.import} so that DIALS users
 * can type the same {@code name=value} arguments ({@code distance=…}, {@code image_range=1,20},
 * {@code panel.gain=3}, {@code invert_rotation_axis=true}, {@code convert_sequences_to_stills=true}).
 *
 * @since 0.1
 */
public record ImportParameters(
		@Param(help = "Output files") Output output,
		@Param(help = "Input options") Input input,
		@Param(help = "Geometry overrides applied to the models read from the image headers") Geometry geometry,
		@Param(help = "Lookup files attached to the imagesets") Lookup lookup) {

	/** An empty array means "None" (not set) for array-valued parameters. */
	static final double[] NONE_D = new double[0];

	public static ImportParameters defaults() {
		return new ImportParameters(Output.defaults(), Input.defaults(), Geometry.defaults(), Lookup.defaults());
	}

	public record Output(
			@Param(help = "The output experiment file") Path experiments,
			@Param(help = "The log filename") Path log) {
		public static Output defaults() { return new Output(Path.of("imported.expt"), Path.of("bragg.import.log")); }
	}

	public record Input(
			@Param(help = "The image sequence template, with # for the digits of the image number") Optional<String> template,
			@Param(help = "A directory with images") Optional<Path> directory,
			@Param(help = "If False, raise an error if multiple sequences are found") boolean allowMultipleSequences) {
		public static Input defaults() { return new Input(Optional.empty(), Optional.empty(), true); }
	}

	public record Geometry(
			@Param(help = "Beam overrides") Beam beam,
			@Param(help = "Detector overrides") Detector detector,
			@Param(help = "Goniometer overrides") Goniometer goniometer,
			@Param(help = "Scan overrides") Scan scan,
			@Param(help = "Import each image of a sequence as a still (e.g. grid scans with zero oscillation)") boolean convertSequencesToStills,
			@Param(help = "Import stills as a single sequence", expertLevel = 1) boolean convertStillsToSequences) {
		public static Geometry defaults() {
			return new Geometry(Beam.defaults(), Detector.defaults(), Goniometer.defaults(), Scan.defaults(), false, false);
		}
	}

	public record Beam(
			@Param(help = "Override the beam wavelength", unit = "Å", min = 0) OptionalDouble wavelength,
			@Param(help = "Override the beam direction (sample to source, lab frame)", size = 3) double[] direction,
			@Param(help = "Override the polarization normal", size = 3, expertLevel = 1) double[] polarizationNormal,
			@Param(help = "Override the polarization fraction", min = 0, max = 1, expertLevel = 1) OptionalDouble polarizationFraction) {
		public static Beam defaults() { return new Beam(OptionalDouble.empty(), NONE_D, NONE_D, OptionalDouble.empty()); }
	}

	public record Detector(
			@Param(help = "Override properties of one panel") Panel panel,
			@Param(help = "The beam centre in the MOSFLM convention (slow, fast) in mm", unit = "mm", size = 2) double[] mosflmBeamCentre,
			@Param(help = "Override the detector distance (mm) along the beam-centre ray, moving the detector along its normal", unit = "mm") OptionalDouble distance,
			@Param(help = "The beam centre (fast, slow) in px, and optionally the panel index", unit = "px", sizeMin = 2, sizeMax = 3) double[] fastSlowBeamCentre,
			@Param(help = "The beam centre (slow, fast) in px, and optionally the panel index", unit = "px", sizeMin = 2, sizeMax = 3) double[] slowFastBeamCentre) {
		public static Detector defaults() { return new Detector(Panel.defaults(), NONE_D, OptionalDouble.empty(), NONE_D, NONE_D); }
	}

	public record Panel(
			@Param(help = "The panel index these overrides apply to", min = 0) int id,
			@Param(help = "Override the gain (ADU per photon)", min = 0) OptionalDouble gain,
			@Param(help = "Override the pedestal", expertLevel = 1) OptionalDouble pedestal,
			@Param(help = "Override the pixel size (fast, slow) in mm", unit = "mm", size = 2, expertLevel = 1) double[] pixelSize,
			@Param(help = "Override the trusted range (min, max) in counts", size = 2) double[] trustedRange,
			@Param(help = "Override the sensor thickness in mm", unit = "mm", expertLevel = 1) OptionalDouble thickness) {
		public static Panel defaults() {
			return new Panel(0, OptionalDouble.empty(), OptionalDouble.empty(), NONE_D, NONE_D, OptionalDouble.empty());
		}
	}

	public record Goniometer(
			@Param(help = "Override the rotation axis (lab frame)", size = 3) double[] axis,
			@Param(help = "Override the goniometer axes (single axis: one vector; multi-axis: 3 values per axis)") double[] axes,
			@Param(help = "Invert the rotation axis") boolean invertRotationAxis) {
		public static Goniometer defaults() { return new Goniometer(NONE_D, NONE_D, false); }
	}

	public record Scan(
			@Param(help = "The range of images to import (first, last), 1-based inclusive", size = 2) int[] imageRange,
			@Param(help = "Override the oscillation (start, width) in degrees", unit = "deg", size = 2) double[] oscillation,
			@Param(help = "Override the batch offset", expertLevel = 1) OptionalInt batchOffset) {
		public static Scan defaults() { return new Scan(new int[0], NONE_D, OptionalInt.empty()); }
	}

	public record Lookup(
			@Param(help = "Apply a mask to the imported data") Optional<Path> mask,
			@Param(help = "Apply a gain map to the imported data") Optional<Path> gain,
			@Param(help = "Apply a pedestal to the imported data") Optional<Path> pedestal,
			@Param(help = "Apply an x geometry offset map", expertLevel = 1) Optional<Path> dx,
			@Param(help = "Apply a y geometry offset map", expertLevel = 1) Optional<Path> dy) {
		public static Lookup defaults() {
			return new Lookup(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
		}
	}
}

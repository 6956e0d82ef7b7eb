package org.bragg.ui.rlv;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.bragg.params.Param;

/**
 * Parameters of {@code bragg reciprocal_lattice_viewer} (alias {@code bragg rlv}) and of the
 * workbench view. Names follow {@code dials.reciprocal_lattice_viewer} where DIALS has the
 * parameter; {@code colour_by}, {@code distance}, the {@code show_*} switches and {@code output}
 * are Bragg's.
 *
 * @param crystalFrame show points in the crystal frame (U⁻¹ applied per experiment)
 * @param beamCentrePanel panel of {@code beam_centre}; None = the panel the beam hits
 * @param beamCentre fast, slow beam centre in mm on {@code beam_centre_panel}; empty = from the model
 * @param distance sample–detector distance in mm of the beam-centre panel; None = from the model
 * @param dMin high-resolution limit in Å; None = all spots
 * @param zMin lowest centroid z (frames, {@code xyzobs.px.value} z) shown; None = all
 * @param zMax highest centroid z (frames) shown; None = all
 * @param display which spots to show
 * @param outlierDisplay show only outliers or only inliers; None = both
 * @param experimentIds lattices (experiment ids) shown; empty = all (-1 = unindexed)
 * @param colourBy colouring scheme
 * @param blackBackground black (True) or white background
 * @param markerSize point size in screen pixels
 * @param showReciprocalCell draw a*, b*, c* and the reciprocal cell of each crystal
 * @param showRotationAxis draw the rotation axis
 * @param showBeamVector draw the beam direction
 * @param output screenshot output
 * @since 0.1
 */
public record RlvParameters(
		@Param(help = "Show the reciprocal lattice points in the crystal frame (divided by U)") boolean crystalFrame,
		@Param(help = "Panel number for the beam centre") OptionalInt beamCentrePanel,
		@Param(help = "Fast, slow beam centre coordinates (mm).", unit = "mm", size = 2) double[] beamCentre,
		@Param(help = "Sample to detector distance (mm) of the beam-centre panel; None keeps the model's", unit = "mm", min = 0) OptionalDouble distance,
		@Param(help = "High-resolution limit of the spots shown (Angstrom)", unit = "Å", min = 0) OptionalDouble dMin,
		@Param(help = "Lowest centroid z (image number scale, frames) shown") OptionalDouble zMin,
		@Param(help = "Highest centroid z (image number scale, frames) shown") OptionalDouble zMax,
		@Param(help = "Which spots to show") Display display,
		@Param(help = "Show only the outliers or only the inliers") Optional<OutlierDisplay> outlierDisplay,
		@Param(help = "Experiment ids (lattices) shown; -1 is the unindexed spots") List<Integer> experimentIds,
		@Param(help = "Colour the points by lattice (DIALS), indexed/unindexed, refinement inlier/outlier, or frame") ColourBy colourBy,
		@Param(help = "Switch between black or white background") boolean blackBackground,
		@Param(help = "Point size in screen pixels", unit = "px", min = 1, max = 9) int markerSize,
		@Param(help = "Show a*, b*, c* and the reciprocal cell of each crystal") boolean showReciprocalCell,
		@Param(help = "Show the rotation axis") boolean showRotationAxis,
		@Param(help = "Show the beam vector") boolean showBeamVector,
		Output output) {

	/** Which spots are shown ({@code display} in DIALS). */
	public enum Display { ALL, UNINDEXED, INDEXED, INTEGRATED }

	/** {@code outlier_display} in DIALS. */
	public enum OutlierDisplay { OUTLIERS, INLIERS }

	/** Colouring schemes. */
	public enum ColourBy {
		/** white unindexed, one colour per lattice (experiment id), DIALS's palette */
		LATTICE,
		/** one colour for indexed, another for unindexed */
		INDEXED,
		/** refinement inliers ({@code used_in_refinement}), centroid outliers, indexed but not used, unindexed */
		INLIER,
		/** the centroid's frame (z), on a blue→yellow map */
		FRAME
	}

	/**
	 * @param screenshot write a PNG of the view to this file and exit (no window); None = interactive
	 * @param size width, height of the view in pixels
	 * @param rotate rotation of the initial view, degrees about the screen x then y axis
	 */
	public record Output(
			@Param(help = "Write a PNG of the view to this file and exit instead of opening a window") Optional<Path> screenshot,
			@Param(help = "Width and height of the view (pixels)", unit = "px", size = 2, min = 16) int[] size,
			@Param(help = "Initial view rotation about the screen x and y axes (degrees)", unit = "deg", size = 2) double[] rotate) {}

	/** @return DIALS's defaults (lattice colours on black, 2-pixel points, cell shown) */
	public static RlvParameters defaults() {
		return new RlvParameters(false, OptionalInt.empty(), new double[0], OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
				OptionalDouble.empty(), Display.ALL, Optional.empty(), List.of(), ColourBy.LATTICE, true, 2, true, true, true,
				new Output(Optional.empty(), new int[] { 1000, 760 }, new double[] { 0, 0 }));
	}
}

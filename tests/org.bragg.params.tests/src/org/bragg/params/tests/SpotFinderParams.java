package org.bragg.params.tests;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.bragg.params.Param;
import org.bragg.params.Scope;

/** Test parameter tree modelled on the {@code spotfinder} scope of dials.find_spots (DIALS 3.12). */
@Scope(value = "spotfinder", help = "Parameters used in the spot finding algorithm.")
public record SpotFinderParams(
        @Param(help = "The range of images to use in finding spots. The ranges are inclusive (e.g. j0 <= j < j1).",
                size = 2) List<int[]> scanRange,
        @Param(help = "Extensions for threshold algorithms to be used in spot finding.") Threshold threshold,
        @Param(help = "Parameters used in the spot finding filter strategy.") Filter filter,
        Mp mp) {

    public static SpotFinderParams defaults() {
        return new SpotFinderParams(List.of(),
                new Threshold(Algorithm.DISPERSION_EXTENDED,
                        new Dispersion(OptionalDouble.empty(), new int[] {3, 3}, 6, 3, 2, 0)),
                new Filter(OptionalInt.empty(), 1000, 2, OptionalDouble.empty(), List.of(),
                        new IceRings(false, 0.002, OptionalDouble.empty())),
                new Mp(Method.NONE, 1, 1));
    }

    public enum Algorithm { DISPERSION, DISPERSION_EXTENDED, RADIAL_PROFILE }

    public record Threshold(
            @Param(help = "The choice of algorithm") Algorithm algorithm,
            @Param(help = "Extensions to do dispersion threshold.") Dispersion dispersion) {
    }

    public record Dispersion(
            @Param(help = "Use a flat gain map for the entire detector to act as a multiplier for the gain set by"
                    + " the format. Cannot be used in conjunction with lookup.gain_map parameter.", min = 0)
            OptionalDouble gain,
            @Param(help = "The size of the local area around the spot in which to calculate the mean and variance."
                    + " The kernel is given as a box of size (2 * nx + 1, 2 * ny + 1) centred at the pixel.",
                    size = 2, min = 1, expertLevel = 1, unit = "px") int[] kernelSize,
            @Param(help = "The number of standard deviations of the index of dispersion (variance / mean) in the"
                    + " local area below which the pixel will be classified as background.", expertLevel = 1)
            double sigmaBackground,
            @Param(help = "The number of standard deviations above the mean in the local area above which the"
                    + " pixel will be classified as strong.", expertLevel = 1) double sigmaStrong,
            @Param(help = "The minimum number of pixels under the image processing kernel that are need to do the"
                    + " thresholding operation.", expertLevel = 1) int minLocal,
            @Param(help = "The global threshold value. Consider all pixels less than this value to be part of the"
                    + " background.") double globalThreshold) {
    }

    public record Filter(
            @Param(help = "The minimum number of contiguous pixels for a spot to be accepted by the filtering"
                    + " algorithm.", min = 1, auto = true, unit = "px") OptionalInt minSpotSize,
            @Param(help = "The maximum number of contiguous pixels for a spot to be accepted by the filtering"
                    + " algorithm.", min = 1, unit = "px") int maxSpotSize,
            @Param(help = "The maximum peak-to-centroid separation (in pixels) for a spot to be accepted by the"
                    + " filtering algorithm.", min = 0, expertLevel = 1, unit = "px") double maxSeparation,
            @Param(help = "The high resolution limit in Angstrom for a pixel to be accepted by the filtering"
                    + " algorithm.", min = 0, unit = "Å", caption = "High resolution limit") OptionalDouble dMin,
            List<Untrusted> untrusted,
            IceRings iceRings) {

        /** Cross-field check, as a stage's compact constructor would do. */
        public Filter {
            if (minSpotSize.isPresent() && minSpotSize.getAsInt() > maxSpotSize) {
                throw new IllegalArgumentException("spotfinder.filter.min_spot_size (" + minSpotSize.getAsInt()
                        + ") must not exceed max_spot_size (" + maxSpotSize + ")");
            }
            untrusted = List.copyOf(untrusted);
        }
    }

    public record Untrusted(
            @Param(help = "then the whole panel is masked out") OptionalInt panel,
            @Param(help = "An untrusted circle (xc, yc, r)", size = 3) int[] circle,
            @Param(help = "An untrusted rectangle (x0, x1, y0, y1)", size = 4) int[] rectangle,
            @Param(help = "The pixel coordinates (fast, slow) that define the corners of the untrusted polygon.",
                    min = 0) int[] polygon) {

        public static Untrusted defaults() {
            return new Untrusted(OptionalInt.empty(), new int[0], new int[0], new int[0]);
        }
    }

    public record IceRings(
            boolean filter,
            @Param(help = "The width of an ice ring (in 1/d^2).", min = 0, expertLevel = 1) double width,
            @Param(help = "The high resolution limit (otherwise use detector d_min)", min = 0, expertLevel = 1)
            OptionalDouble dMin) {
    }

    public enum Method { NONE, DRMAA, SGE, LSF, PBS }

    public record Mp(
            @Param(help = "The cluster method to use") Method method,
            @Param(help = "The number of cluster jobs to use", min = 1) int njobs,
            @Param(help = "The number of processes to use per cluster job", min = 1) int nproc) {
    }
}

package org.bragg.params.tests;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.bragg.params.Param;

/** Test parameter tree modelled on dials.import (no enclosing scope: several top-level scopes). */
public record ImportParams(Output output, Input input, Geometry geometry) {

    public static ImportParams defaults() {
        return new ImportParams(
                new Output(Path.of("imported.expt"), Path.of("dials.import.log"), false),
                new Input(Optional.empty(), List.of()),
                new Geometry(new Beam(OptionalDouble.empty(), new double[0]),
                        new Detector(OptionalDouble.empty(), new double[0]),
                        new ScanOverride(new int[0])));
    }

    public record Output(
            @Param(help = "The output JSON or pickle file") Path experiments,
            @Param(help = "The log filename") Path log,
            @Param(help = "For JSON output use compact representation", expertLevel = 1) boolean compact) {
    }

    public record Input(
            @Param(help = "The image sequence template") Optional<String> template,
            @Param(help = "A directory with images") List<Path> directory) {
    }

    public record Geometry(Beam beam, Detector detector, @Param(name = "scan") ScanOverride scan) {
    }

    public record Beam(
            @Param(help = "Override the beam wavelength", unit = "Å", min = 0) OptionalDouble wavelength,
            @Param(help = "Override the sample to source direction", caption = "Sample to source direction",
                    size = 3) double[] direction) {
    }

    public record Detector(
            @Param(help = "The detector distance (used when mosflm_beam_centre is set)", caption = "Detector distance",
                    unit = "mm") OptionalDouble distance,
            @Param(help = "Override the beam centre from the image headers. The first two values are the fast and"
                    + " slow pixel coordinate. If the third is supplied it specifies a panel number.",
                    caption = "Beam centre coordinates (px fast, px slow, [panel id])", sizeMin = 2, sizeMax = 3,
                    unit = "px") double[] fastSlowBeamCentre) {
    }

    public record ScanOverride(
            @Param(help = "Override the image range", caption = "Image range", size = 2, min = 1) int[] imageRange) {
    }
}

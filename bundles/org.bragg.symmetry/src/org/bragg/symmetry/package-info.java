/**
 * Symmetry determination for one sweep, as {@code dials.symmetry}: {@link org.bragg.symmetry.LaueGroupAnalysis}
 * (Patterson group from correlation coefficients between symmetry-related normalised intensities; Evans 2006,
 * Acta Cryst. D62, 72–82), {@link org.bragg.symmetry.SystematicAbsences} (screw axes) and the driver
 * {@link org.bragg.symmetry.Symmetry} (Gildea &amp; Winter 2018, Acta Cryst. D74, 405–410).
 */
package org.bragg.symmetry;

/**
 * Bragg's own CCP4 MTZ reader and writer ({@link org.bragg.export.mtz.Mtz}, {@link org.bragg.export.mtz.MtzWriter},
 * {@link org.bragg.export.mtz.MtzReader}) and the DIALS-style unmerged export
 * ({@link org.bragg.export.mtz.UnmergedMtzExport}), following the CCP4 MTZ format description and
 * {@code dials.export} (DIALS 3.12).
 *
 * @since 0.1
 */
package org.bragg.export.mtz;

/**
 * Bragg's workbench-independent UI building blocks (SWT, Eclipse Jobs, Eclipse January; no
 * {@code org.eclipse.ui}): the diffraction image widget {@link org.bragg.ui.core.ImageCanvas} with zoom,
 * pan, pixel read-out and overlays; colour maps and brightness/contrast ({@link org.bragg.ui.core.ColourScheme},
 * {@link org.bragg.ui.core.DisplaySettings}); decoded frames and their background cache
 * ({@link org.bragg.ui.core.DecodedFrame}, {@link org.bragg.ui.core.FrameCache}); multi-panel detectors
 * drawn in projection ({@link org.bragg.ui.core.DetectorProjection}); reflections of one image
 * ({@link org.bragg.ui.core.ReflectionOverlay}); the {@code Progress} ↔ Jobs adapter
 * ({@link org.bragg.ui.core.JobProgress}, {@link org.bragg.ui.core.ProgressJobs}); and DAWN datasets
 * ({@link org.bragg.ui.core.Datasets}).
 *
 * <p>Geometry follows the DIALS laboratory frame of {@code org.bragg.model} (mm, Å); pixel coordinates
 * have (0, 0) at the outer corner of the first pixel and centres at +0.5.
 *
 * @since 0.1
 */
package org.bragg.ui.core;

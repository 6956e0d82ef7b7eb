/**
 * Spot finding, as DIALS 3.12's {@code dials.find_spots} and {@code dials.estimate_gain}.
 *
 * <p>Entry points: {@link org.bragg.spotfinding.SpotFinder#findSpots} (experiments + parameters →
 * strong-spot {@link org.bragg.model.reflection.ReflectionTable}, DIALS's {@code strong.refl}
 * columns and order), {@link org.bragg.spotfinding.SpotFinder#run} (the same with DIALS's log text,
 * per-imageset histograms and hot-pixel masks), {@link org.bragg.spotfinding.GainEstimator},
 * {@link org.bragg.spotfinding.ThresholdDebug} (the image viewer's threshold maps) and
 * {@link org.bragg.spotfinding.MaskFiles} (DIALS mask pickles). Parameters are
 * {@link org.bragg.spotfinding.SpotFindingParameters}, nested like the {@code spotfinder} PHIL scope.
 *
 * <p>Units and frames: pixel coordinates with pixel centres at +0.5 (x fast, y slow), z in image
 * frames (image k of a sequence starting at image 1 spans z = k − 1 … k); resolutions in Å; pixel
 * values in the detector's units after gain and pedestal correction.
 *
 * <p>Sources: Winter et al. (2018) Acta Cryst. D74, 85–97 (DIALS); Kabsch (2010) Acta Cryst. D66,
 * 125–132 (XDS, the dispersion criterion); J. Parkhurst (dispersion_extended, in DIALS); Parkhurst et
 * al. (2014) J. Appl. Cryst. 47, 1459–1465 (dxtbx).
 *
 * @since 0.1
 */
package org.bragg.spotfinding;

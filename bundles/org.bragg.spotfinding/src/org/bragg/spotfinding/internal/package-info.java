/**
 * Implementation of spot finding (not API): threshold kernels over flat pixel arrays
 * ({@link org.bragg.spotfinding.internal.DispersionThreshold},
 * {@link org.bragg.spotfinding.internal.DispersionExtendedThreshold},
 * {@link org.bragg.spotfinding.internal.RadialProfileThreshold}) with ring summed-area tables,
 * streaming 3D connected components ({@link org.bragg.spotfinding.internal.StreamingLabeller}),
 * spot centroids and shoeboxes ({@link org.bragg.spotfinding.internal.SpotBuilder}), pixel masks,
 * and the run orchestration ({@link org.bragg.spotfinding.internal.SpotFindingEngine}).
 * Exported with {@code x-internal:=true} for the test fragment and the image viewer's debug views.
 */
package org.bragg.spotfinding.internal;

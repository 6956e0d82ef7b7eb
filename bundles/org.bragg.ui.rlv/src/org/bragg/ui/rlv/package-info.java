/**
 * Reciprocal lattice viewer (after {@code dials.reciprocal_lattice_viewer}): spot centroids mapped to
 * reciprocal space with the current experiment model ({@link org.bragg.ui.rlv.RlvMapper}), an
 * orthographic trackball camera ({@link org.bragg.ui.rlv.RlvCamera}) and a software point renderer
 * ({@link org.bragg.ui.rlv.RlvRenderer}) that writes an RGB buffer. These types use no SWT and are
 * unit-testable; the SWT viewer, the workbench part and the standalone program are in
 * {@code .internal}.
 *
 * <p>Frames: reciprocal-lattice points are given in Å⁻¹ in the DIALS laboratory frame at φ = 0
 * (r₀ = F⁻¹·R(e, −φ)·S⁻¹·(s1 − s0)), or in the crystal frame (U⁻¹·r₀ = B·h) when
 * {@code crystal_frame=True}.
 *
 * @since 0.1
 */
package org.bragg.ui.rlv;

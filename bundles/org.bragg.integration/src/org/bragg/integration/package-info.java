/**
 * Integration of rotation data ({@code dials.integrate}): the Gaussian reciprocal-space profile model
 * ({@link org.bragg.integration.ProfileModel}; Kabsch 2010, Acta Cryst. D66, 133–144), and streaming summation
 * and 3D profile-fitting integration ({@link org.bragg.integration.Integrator}; Winter et al. 2018, Acta Cryst. D74, 85–97).
 * Lengths in mm, angles in degrees in the models and radians internally, DIALS laboratory frame.
 *
 * @since 0.1
 */
package org.bragg.integration;

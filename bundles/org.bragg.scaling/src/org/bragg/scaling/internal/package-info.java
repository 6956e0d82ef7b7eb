/**
 * Implementation of {@code org.bragg.scaling}: the Gaussian smoother and the real spherical harmonics of
 * DIALS's physical scaling model. Not API.
 */
package org.bragg.scaling.internal;

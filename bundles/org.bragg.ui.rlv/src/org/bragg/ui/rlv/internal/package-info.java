/**
 * SWT viewer, workbench part and standalone program of the reciprocal lattice viewer.
 */
package org.bragg.ui.rlv.internal;

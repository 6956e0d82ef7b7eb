/**
 * Workbench views of processing diagnostics (issue 7 §2–3): refinement (RMSD and condition number per step,
 * corrgrams, residuals, parameters, scan-varying model), integration and scaling. Charts come from the
 * JFreeChart factories of {@code org.bragg.report} (shared with {@code bragg report}) and are drawn into SWT
 * images by {@link org.bragg.ui.diagnostics.ChartCanvas}, which exports PNG and SVG.
 *
 * @since 0.1
 */
package org.bragg.ui.diagnostics;

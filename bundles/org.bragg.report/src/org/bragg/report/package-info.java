/**
 * Charts of processing results and the HTML processing report ({@code bragg report}, after {@code dials.report}).
 * The JFreeChart factories ({@link org.bragg.report.RefinementCharts}, {@link org.bragg.report.ScanVaryingCharts},
 * {@link org.bragg.report.IntegrationCharts}, {@link org.bragg.report.ScalingCharts}) are shared by the report, by
 * {@code bragg plot_scan_varying_model} and by the workbench's diagnostics views; {@link org.bragg.report.ChartExport}
 * renders them as PNG, SVG or images. No SWT here.
 *
 * @since 0.1
 */
package org.bragg.report;

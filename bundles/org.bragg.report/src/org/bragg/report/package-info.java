/**
 * The HTML processing report ({@code bragg report}, after {@code dials.report}): JFreeChart plots of spot finding,
 * refinement, integration, scaling and merging statistics, embedded as PNG data URIs in one self-contained page.
 *
 * @since 0.1
 */
package org.bragg.report;

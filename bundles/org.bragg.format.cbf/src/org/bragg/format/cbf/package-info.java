/**
 * Readers for CBF images (Crystallographic Binary File; imgCIF dictionary, Bernstein &amp;
 * Hammersley 2005, International Tables for Crystallography G, 2.3), one per dxtbx format class and
 * with the same names and tree (Parkhurst et al. 2014, J. Appl. Cryst. 47, 1459–1465):
 *
 * <pre>
 * FormatCBF                         {@link org.bragg.format.cbf.CbfReader}
 * ├── FormatCBFMini                 {@link org.bragg.format.cbf.CbfMiniReader}
 * │   ├── FormatCBFMiniPilatus      {@link org.bragg.format.cbf.CbfMiniPilatusReader}
 * │   │   └── FormatCBFMiniPilatusDLS6MSN119  {@link org.bragg.format.cbf.CbfMiniPilatusDls6MSn119Reader}
 * │   └── FormatCBFMiniEiger        {@link org.bragg.format.cbf.CbfMiniEigerReader}
 * └── FormatCBFFull                 {@link org.bragg.format.cbf.CbfFullReader}
 *     └── FormatCBFCspad            {@link org.bragg.format.cbf.CbfCspadReader}
 * </pre>
 *
 * The readers are stateless services ({@link org.bragg.format.FormatReader}); models are in the
 * DIALS laboratory frame (mm, Å, degrees for scan angles).
 *
 * @since 0.1
 */
package org.bragg.format.cbf;

/**
 * Implementation of the CBF readers: file structure ({@link org.bragg.format.cbf.internal.CbfFile},
 * {@link org.bragg.format.cbf.internal.BinarySection}), CIF text
 * ({@link org.bragg.format.cbf.internal.Cif}), codecs
 * ({@link org.bragg.format.cbf.internal.ByteOffset}, {@link org.bragg.format.cbf.internal.Packed}),
 * miniCBF and full imgCIF models ({@link org.bragg.format.cbf.internal.MiniCbfImage},
 * {@link org.bragg.format.cbf.internal.FullCbfImage},
 * {@link org.bragg.format.cbf.internal.ImgCifGeometry}). Not API: exported
 * {@code x-internal:=true} for tests and benchmarks.
 *
 * @since 0.1
 */
package org.bragg.format.cbf.internal;

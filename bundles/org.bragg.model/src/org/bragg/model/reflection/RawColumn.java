package org.bragg.model.reflection;

/**
 * A column whose DIALS type Bragg does not interpret, kept byte-for-byte: the DIALS type name, the
 * row count and the raw little-endian payload, so that a read–write round trip leaves it unchanged.
 * Selecting rows of a table drops raw columns unless {@link #elementSize()} is known (&gt; 0).
 *
 * @param typeName the DIALS type name, e.g. {@code vec3<int>}
 * @param elementSize bytes per row if fixed, else 0
 * @since 0.1
 */
public record RawColumn(String typeName, int rows, int elementSize, byte[] payload) {}

package org.bragg.model.reflection;

/**
 * A column whose DIALS type Bragg does not interpret, kept byte-for-byte so that a read–write round
 * trip leaves it unchanged. With a known {@link #elementSize()} (&gt; 0) the payload is the column's raw
 * little-endian data, {@code rows · elementSize} bytes (the {@code bin} of a DIALS {@code [n, bin]}
 * payload); with {@code elementSize == 0} it is the complete msgpack encoding of the column's payload
 * value as found in the file. Selecting rows of a table drops raw columns unless the element size is
 * known.
 *
 * @param typeName the DIALS type name, e.g. {@code vec3<int>}
 * @param elementSize bytes per row if fixed, else 0
 * @since 0.1
 */
public record RawColumn(String typeName, int rows, int elementSize, byte[] payload) {}

package org.bragg.model.reflection;

import java.util.Objects;

/**
 * A typed reflection-table column: its DIALS name (e.g. {@code xyzobs.px.value}), its element type
 * and the Java array type that holds it. Standard keys are in {@link Columns}; any other name can be
 * used with {@link #of}.
 *
 * @param <A> the array type, e.g. {@code double[]}
 * @since 0.1
 */
public final class ColumnKey<A> {
	private final String name;
	private final ColumnType type;

	private ColumnKey(String name, ColumnType type) {
		this.name = Objects.requireNonNull(name);
		this.type = Objects.requireNonNull(type);
	}

	public static ColumnKey<double[]> ofDouble(String name) { return new ColumnKey<>(name, ColumnType.DOUBLE); }
	public static ColumnKey<double[]> ofVec3(String name) { return new ColumnKey<>(name, ColumnType.VEC3); }
	public static ColumnKey<double[]> ofVec2(String name) { return new ColumnKey<>(name, ColumnType.VEC2); }
	public static ColumnKey<double[]> ofMat3(String name) { return new ColumnKey<>(name, ColumnType.MAT3); }
	public static ColumnKey<int[]> ofInt(String name) { return new ColumnKey<>(name, ColumnType.INT); }
	public static ColumnKey<int[]> ofInt6(String name) { return new ColumnKey<>(name, ColumnType.INT6); }
	public static ColumnKey<int[]> ofMiller(String name) { return new ColumnKey<>(name, ColumnType.MILLER); }
	public static ColumnKey<long[]> ofSizeT(String name) { return new ColumnKey<>(name, ColumnType.SIZE_T); }
	public static ColumnKey<boolean[]> ofBool(String name) { return new ColumnKey<>(name, ColumnType.BOOL); }
	public static ColumnKey<String[]> ofString(String name) { return new ColumnKey<>(name, ColumnType.STRING); }
	public static ColumnKey<Shoebox[]> ofShoebox(String name) { return new ColumnKey<>(name, ColumnType.SHOEBOX); }

	/** An untyped key for any type (used by readers). */
	public static ColumnKey<Object> of(String name, ColumnType type) { return new ColumnKey<>(name, type); }

	public String name() { return name; }
	public ColumnType type() { return type; }

	@Override public boolean equals(Object o) { return o instanceof ColumnKey<?> k && k.name.equals(name) && k.type == type; }
	@Override public int hashCode() { return name.hashCode(); }
	@Override public String toString() { return name + " (" + type.dialsName() + ")"; }
}

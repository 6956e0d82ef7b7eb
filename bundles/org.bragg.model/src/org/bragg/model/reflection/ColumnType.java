package org.bragg.model.reflection;

/**
 * Element types of reflection-table columns, named as DIALS names them in {@code .refl} files, with
 * the primitive array that stores a column of n rows.
 *
 * @since 0.1
 */
public enum ColumnType {
	/** {@code bool}: boolean[n] */
	BOOL("bool", 1, boolean[].class),
	/** {@code int}: int[n] (int32) */
	INT("int", 1, int[].class),
	/** {@code std::size_t}: long[n] (uint64, stored signed) */
	SIZE_T("std::size_t", 1, long[].class),
	/** {@code double}: double[n] */
	DOUBLE("double", 1, double[].class),
	/** {@code std::string}: String[n] */
	STRING("std::string", 1, String[].class),
	/** {@code vec2<double>}: double[2n] packed */
	VEC2("vec2<double>", 2, double[].class),
	/** {@code vec3<double>}: double[3n] packed */
	VEC3("vec3<double>", 3, double[].class),
	/** {@code mat3<double>}: double[9n] packed row-major */
	MAT3("mat3<double>", 9, double[].class),
	/** {@code int6}: int[6n] packed (bbox x0, x1, y0, y1, z0, z1) */
	INT6("int6", 6, int[].class),
	/** {@code cctbx::miller::index<>}: int[3n] packed h, k, l */
	MILLER("cctbx::miller::index<>", 3, int[].class),
	/** {@code Shoebox<>}: Shoebox[n] */
	SHOEBOX("Shoebox<>", 1, Shoebox[].class),
	/** a type Bragg does not interpret: kept as raw bytes for a byte-exact round trip */
	RAW("", 1, RawColumn.class);

	private final String dialsName;
	private final int width;
	private final Class<?> arrayClass;

	ColumnType(String dialsName, int width, Class<?> arrayClass) {
		this.dialsName = dialsName;
		this.width = width;
		this.arrayClass = arrayClass;
	}

	/** @return the type name DIALS writes in {@code .refl} */
	public String dialsName() { return dialsName; }
	/** @return number of array elements per row */
	public int width() { return width; }
	public Class<?> arrayClass() { return arrayClass; }

	/** @return the type for a DIALS type name, or {@link #RAW} if unknown */
	public static ColumnType fromDialsName(String s) {
		for (ColumnType t : values()) if (t != RAW && t.dialsName.equals(s)) return t;
		return RAW;
	}

	/** @return a zero-filled array for n rows */
	public Object newArray(int n) {
		return switch (this) {
			case BOOL -> new boolean[n];
			case INT -> new int[n];
			case SIZE_T -> new long[n];
			case DOUBLE -> new double[n];
			case STRING -> new String[n];
			case VEC2 -> new double[2 * n];
			case VEC3 -> new double[3 * n];
			case MAT3 -> new double[9 * n];
			case INT6 -> new int[6 * n];
			case MILLER -> new int[3 * n];
			case SHOEBOX -> new Shoebox[n];
			case RAW -> throw new UnsupportedOperationException("cannot create a raw column");
		};
	}
}

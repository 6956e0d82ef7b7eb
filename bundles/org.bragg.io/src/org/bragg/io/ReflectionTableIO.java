package org.bragg.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

import org.bragg.io.internal.ReflReader;
import org.bragg.io.internal.ReflWriter;
import org.bragg.model.BraggInputException;
import org.bragg.model.reflection.ReflectionTable;

/**
 * Reads and writes DIALS reflection tables ({@code .refl}) in DIALS's msgpack format (ANCHORS §3.2;
 * {@code dials/array_family/reflection_table_msgpack_adapter.h}).
 *
 * <h2>Format</h2>
 * A msgpack array {@code ["dials::af::reflection_table", 1, {"identifiers": {id: uuid}, "nrows": n,
 * "data": {name: [type, [n, bin]]}}]}, where {@code bin} holds the column's elements as raw
 * little-endian bytes. Types and their Java arrays ({@link org.bragg.model.reflection.ColumnType}):
 * {@code bool} 1 byte → {@code boolean[n]}; {@code int} int32 → {@code int[n]}; {@code std::size_t}
 * uint64 → {@code long[n]}; {@code double} → {@code double[n]}; {@code vec2<double>},
 * {@code vec3<double>}, {@code mat3<double>} (row-major) → packed {@code double[2n]}, {@code [3n]},
 * {@code [9n]}; {@code int6} and {@code cctbx::miller::index<>} → packed {@code int[6n]}, {@code int[3n]};
 * {@code Shoebox<>} → {@code Shoebox[n]} from one blob of records (uint32 panel, 6 × int32 bbox, uint8
 * has_data, then float32 data, int32 mask and float32 background of nz·ny·nx pixels each, z slowest).
 *
 * <p><b>Other types</b> are kept as {@link org.bragg.model.reflection.RawColumn}s and written back byte
 * for byte. This includes {@code std::string} as DIALS writes it: DIALS dumps the in-memory
 * {@code std::string} objects, pointers included, so no other process (not even another DIALS run) can
 * decode them. Bragg writes {@code String[]} columns as {@code [n, [str, …]]} instead, which Bragg
 * reads back but DIALS 3.12 cannot; no DIALS stage needs a string column.
 *
 * <p>Writing reproduces DIALS's encoding exactly (columns in C++ {@code std::map} name order, smallest
 * msgpack integer/string/bin headers), so a table read from a DIALS file is written back with the same
 * bytes. Pixel data of a shoebox is written only when it has at least one pixel, as DIALS does. Each
 * column is limited to 2 GiB. Legacy pickle tables are recognised and rejected.
 *
 * <p>Errors in the file throw {@link BraggInputException} with one line naming the file, the place
 * ({@code column 'shoebox' (Shoebox<>)}) and the problem, e.g. a truncated file or wrong magic.
 * Thread-safe: all methods are static and keep no state.
 *
 * @since 0.1
 */
public final class ReflectionTableIO {
	private ReflectionTableIO() {}

	/**
	 * Reads a {@code .refl} file.
	 *
	 * @throws BraggInputException if the file is missing, unreadable, truncated or not a DIALS msgpack
	 *         reflection table, or a column's size does not match its type and the row count
	 */
	public static ReflectionTable read(Path file) throws BraggInputException {
		Objects.requireNonNull(file, "file");
		String name = String.valueOf(file.getFileName());
		try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
			return ReflReader.decode(in, name);
		} catch (NoSuchFileException e) {
			throw new BraggInputException(file + ": file not found");
		} catch (AccessDeniedException e) {
			throw new BraggInputException(file + ": permission denied");
		} catch (IOException e) {
			throw new BraggInputException(file + ": cannot read: " + e.getMessage(), e);
		}
	}

	/**
	 * Reads a table from a stream (not closed).
	 *
	 * @param sourceName the name used in error messages
	 * @throws BraggInputException as {@link #read(Path)}
	 */
	public static ReflectionTable read(InputStream in, String sourceName) throws BraggInputException {
		return ReflReader.decode(in, sourceName);
	}

	/**
	 * Writes a {@code .refl} file atomically (see {@link AtomicOutput}).
	 *
	 * @throws IOException if the file cannot be written; an existing file is then left unchanged
	 * @throws IllegalArgumentException if a shoebox is null, an experiment id is negative, or a column
	 *         exceeds 2 GiB
	 */
	public static void write(ReflectionTable table, Path file) throws IOException {
		Objects.requireNonNull(table, "table");
		AtomicOutput.write(file, out -> ReflWriter.encode(table, out));
	}

	/** Writes a table to a stream (flushed, not closed). @throws IllegalArgumentException as {@link #write(ReflectionTable, Path)} */
	public static void write(ReflectionTable table, OutputStream out) throws IOException {
		ReflWriter.encode(table, out);
	}
}

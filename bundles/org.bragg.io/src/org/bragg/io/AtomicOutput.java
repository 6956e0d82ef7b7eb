package org.bragg.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Writes an output file atomically, so that a failed or interrupted run leaves any earlier file of
 * the same name intact (house style §5.6 "safe outputs").
 *
 * <p>The content goes to {@code name.tmp} in the target's directory, is flushed and forced to disk,
 * and is then renamed over the target with {@link StandardCopyOption#ATOMIC_MOVE}. If writing,
 * forcing or renaming fails, the temporary file is deleted and the exception is rethrown; the
 * target is then unchanged (or still absent). Every Bragg program writes its outputs
 * ({@code .expt}, {@code .refl}, {@code .mtz}, logs excepted) through this class.
 *
 * <p>Two concurrent writers of the same target share the temporary name and must not be used; this
 * class does not lock.
 *
 * @since 0.1
 */
public final class AtomicOutput {

	/**
	 * A consumer that may throw {@link IOException}, e.g. a lambda that serialises into a stream.
	 *
	 * @param <T> the consumed type
	 * @since 0.1
	 */
	@FunctionalInterface
	public interface IOConsumer<T> {
		/** @throws IOException if writing fails */
		void accept(T t) throws IOException;
	}

	private AtomicOutput() {}

	/**
	 * Writes {@code target} atomically.
	 *
	 * @param target the file to create or replace; its directory must exist
	 * @param body writes the content into the given (buffered) stream; it must not close the stream
	 *        (closing it is harmless)
	 * @throws IOException if the body, the disk or the rename fails; the old target is then intact and
	 *         no {@code .tmp} file remains. Unchecked exceptions from the body are rethrown likewise.
	 */
	public static void write(Path target, IOConsumer<OutputStream> body) throws IOException {
		Objects.requireNonNull(target, "target");
		Objects.requireNonNull(body, "body");
		Path name = target.getFileName();
		if (name == null) throw new IOException("cannot write to '" + target + "': not a file path");
		Path tmp = target.resolveSibling(name + ".tmp");
		boolean done = false;
		try {
			try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
					StandardOpenOption.WRITE);
					OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16)) {
				body.accept(new NonClosing(out));
				out.flush();
				ch.force(true);
			}
			try {
				Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
			} catch (AtomicMoveNotSupportedException e) {
				// Same directory, so this only happens on unusual file systems: a plain replace is the best left.
				Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
			}
			done = true;
		} finally {
			if (!done) {
				try {
					Files.deleteIfExists(tmp);
				} catch (IOException suppressed) {
					// keep the original failure
				}
			}
		}
	}

	/** Lets the body close "its" stream without closing the channel before it is forced. */
	private static final class NonClosing extends OutputStream {
		private final OutputStream out;

		NonClosing(OutputStream out) { this.out = out; }

		@Override public void write(int b) throws IOException { out.write(b); }
		@Override public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }
		@Override public void flush() throws IOException { out.flush(); }
		@Override public void close() throws IOException { out.flush(); }
	}
}

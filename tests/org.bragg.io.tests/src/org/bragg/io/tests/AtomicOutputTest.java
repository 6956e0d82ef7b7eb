package org.bragg.io.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.bragg.io.AtomicOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {
	@TempDir
	Path tmp;

	private long files() throws IOException {
		try (Stream<Path> s = Files.list(tmp)) {
			return s.count();
		}
	}

	@Test
	void writesAndReplaces() throws Exception {
		Path f = tmp.resolve("out.txt");
		AtomicOutput.write(f, out -> out.write("first".getBytes(StandardCharsets.UTF_8)));
		assertEquals("first", Files.readString(f));
		AtomicOutput.write(f, out -> {
			out.write("second".getBytes(StandardCharsets.UTF_8));
			out.close(); // harmless
		});
		assertEquals("second", Files.readString(f));
		assertEquals(1, files());
	}

	@Test
	void failureLeavesTheOldFileAndNoTemporary() throws Exception {
		Path f = tmp.resolve("out.expt");
		Files.writeString(f, "old");
		IOException e = assertThrows(IOException.class, () -> AtomicOutput.write(f, out -> {
			out.write(new byte[100_000]);
			throw new IOException("disk full");
		}));
		assertEquals("disk full", e.getMessage());
		assertEquals("old", Files.readString(f));
		assertFalse(Files.exists(tmp.resolve("out.expt.tmp")));
		assertThrows(IllegalStateException.class, () -> AtomicOutput.write(f, out -> {
			out.write(1);
			throw new IllegalStateException("bug");
		}));
		assertEquals("old", Files.readString(f));
		assertEquals(1, files());
	}

	@Test
	void failureWithoutAnOldFileLeavesNothing() throws Exception {
		Path f = tmp.resolve("new.refl");
		assertThrows(IOException.class, () -> AtomicOutput.write(f, out -> {
			throw new IOException("no");
		}));
		assertEquals(0, files());
		Path dir = tmp.resolve("a-directory");
		Files.createDirectory(dir);
		Files.writeString(dir.resolve("x"), "x");
		assertThrows(IOException.class, () -> AtomicOutput.write(dir, out -> out.write(1)), "cannot replace a non-empty directory");
		assertFalse(Files.exists(tmp.resolve("a-directory.tmp")));
		assertThrows(IOException.class, () -> AtomicOutput.write(tmp.resolve("missing/dir/file"), out -> out.write(1)));
	}
}

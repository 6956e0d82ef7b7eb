package org.bragg.export.mtz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs a Python snippet with gemmi through /usr/bin/python3; fails (not skips) when gemmi is missing. */
final class Gemmi {
	private Gemmi() {}

	static final String PYTHON = "/usr/bin/python3";

	/** Runs {@code script} (which may use {@code gemmi} and {@code sys.argv}) and returns its stdout. */
	static String run(String script, String... args) throws IOException, InterruptedException {
		if (!Files.isExecutable(Path.of(PYTHON))) fail(PYTHON + " not found: install python3 and python3-gemmi (apt-get install -y python3-gemmi)");
		List<String> cmd = new ArrayList<>(List.of(PYTHON, "-c", "import gemmi, sys, json\n" + script));
		cmd.addAll(List.of(args));
		Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		int rc = p.waitFor();
		if (out.contains("No module named 'gemmi'")) fail("gemmi is not installed for " + PYTHON + " (apt-get install -y python3-gemmi): " + out);
		assertEquals(0, rc, "python/gemmi failed:\n" + out);
		return out.trim();
	}
}

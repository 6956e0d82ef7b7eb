package org.bragg.cli.internal;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

import org.bragg.model.Progress;

/**
 * Terminal progress: prints "task: n/N" per unit (image) for up to 100 units, else every 1%, thread-safe.
 */
public final class CliProgress implements Progress {
	private final PrintStream out;
	private volatile String task = "";
	private volatile int total;
	private final AtomicInteger done = new AtomicInteger();
	private volatile int lastPrinted;

	public CliProgress(PrintStream out) { this.out = out; }

	@Override
	public void begin(String task, int totalWork) {
		this.task = task;
		this.total = totalWork;
		this.done.set(0);
		this.lastPrinted = 0;
	}

	@Override
	public void worked(int units) {
		int d = done.addAndGet(units);
		int step = total <= 100 ? 1 : Math.max(1, total / 100);
		if (d - lastPrinted >= step || d == total) {
			synchronized (this) {
				if (d - lastPrinted >= step || (d == total && lastPrinted != total)) {
					lastPrinted = d;
					out.printf("  %s: %d/%d%n", task, d, total);
				}
			}
		}
	}
}

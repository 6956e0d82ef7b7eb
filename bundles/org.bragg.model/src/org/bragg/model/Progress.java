package org.bragg.model;

/**
 * Progress reporting and cancellation for long work. The CLI prints per-image counts; the workbench
 * adapts this to an Eclipse {@code SubMonitor}. Implementations must be thread-safe: stages call
 * {@link #worked(int)} from worker threads.
 *
 * @since 0.1
 */
public interface Progress {
	/** Starts a task of {@code totalWork} units (e.g. images). */
	void begin(String task, int totalWork);

	/** Reports {@code units} more units done. */
	void worked(int units);

	/** Ends the current task. */
	default void done() {}

	/** @return true if the user asked to stop; stages check it between units of work */
	default boolean isCancelled() { return false; }

	/** A progress that reports nothing. */
	Progress NONE = new Progress() {
		@Override public void begin(String task, int totalWork) {}
		@Override public void worked(int units) {}
	};
}

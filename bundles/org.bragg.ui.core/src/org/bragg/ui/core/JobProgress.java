package org.bragg.ui.core;

import java.util.Objects;

import org.bragg.model.Progress;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;

/**
 * Adapts Bragg's {@link Progress} (reported by the algorithms, possibly from worker threads) to an
 * Eclipse {@link IProgressMonitor} (the progress bar and Cancel button of a {@code Job}).
 *
 * <p>Each {@link #begin} starts a new phase that takes half of the monitor's remaining work, so that
 * the bar advances for any number of phases; {@link #worked} advances the current phase;
 * {@link #isCancelled} reports the monitor's cancel state. Calls are serialised, so stages may call
 * {@link #worked} from several threads.
 *
 * @since 0.1
 */
public final class JobProgress implements Progress {
	private final IProgressMonitor monitor;
	private final SubMonitor root;
	private SubMonitor phase;

	/** @param monitor the job's monitor (not null); this adapter calls {@code beginTask} on it once */
	public JobProgress(IProgressMonitor monitor) {
		this.monitor = Objects.requireNonNull(monitor);
		this.root = SubMonitor.convert(monitor, 1000);
	}

	@Override
	public synchronized void begin(String task, int totalWork) {
		if (phase != null) phase.done();
		root.setTaskName(task);
		phase = root.setWorkRemaining(1000).split(500).setWorkRemaining(Math.max(1, totalWork));
	}

	@Override
	public synchronized void worked(int units) {
		if (phase != null && units > 0) phase.worked(units);
	}

	@Override
	public synchronized void done() {
		if (phase != null) phase.done();
		phase = null;
	}

	@Override
	public boolean isCancelled() { return monitor.isCanceled(); }
}

package org.bragg.ui.core;

import org.bragg.model.BraggInputException;
import org.bragg.model.Progress;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

/**
 * Runs Bragg work as Eclipse {@link Job}s with a {@link JobProgress}, mapping Bragg's error contract
 * to {@link IStatus}: a {@link BraggInputException} (wrong data or arguments) becomes an error status
 * carrying only its message, any other exception an error status with the stack trace (a bug), and a
 * cancelled monitor {@link Status#CANCEL_STATUS}.
 *
 * @since 0.1
 */
public final class ProgressJobs {
	private ProgressJobs() {}

	/** Work that reports progress. */
	@FunctionalInterface
	public interface Task {
		/**
		 * @throws BraggInputException for a user or data error
		 * @throws Exception for a bug
		 */
		void run(Progress progress) throws Exception;
	}

	/**
	 * @param name the job name shown in the Progress view
	 * @param pluginId the bundle reporting errors (for the status)
	 * @return an unscheduled, user-visible job
	 */
	public static Job create(String name, String pluginId, Task task) {
		Job job = Job.create(name, monitor -> {
			JobProgress p = new JobProgress(monitor);
			try {
				task.run(p);
				return monitor.isCanceled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
			} catch (BraggInputException e) {
				// a program stopped by the user's cancel reports it as an input error: that is a cancel
				if (monitor.isCanceled()) return Status.CANCEL_STATUS;
				return new Status(IStatus.ERROR, pluginId, e.getMessage());
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return Status.CANCEL_STATUS;
			} catch (Exception | LinkageError e) {
				if (monitor.isCanceled()) return Status.CANCEL_STATUS;
				return new Status(IStatus.ERROR, pluginId, name + " failed: " + e + " (this is a bug)", e);
			} finally {
				p.done();
				monitor.done();
			}
		});
		job.setUser(true);
		return job;
	}
}

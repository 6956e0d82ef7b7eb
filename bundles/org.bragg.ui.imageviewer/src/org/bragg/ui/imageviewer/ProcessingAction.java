package org.bragg.ui.imageviewer;

import java.util.List;

import org.bragg.format.FormatRegistry;
import org.eclipse.core.runtime.jobs.Job;

/**
 * A processing action implemented in Java, contributed with the {@code class} attribute of the
 * {@code org.bragg.ui.imageviewer.processingActions} extension point (schema
 * {@code schema/processingActions.exsd}); actions that run a {@code bragg} program need no class.
 * Implementations need a public no-argument constructor.
 *
 * @since 0.1
 */
public interface ProcessingAction {
	/**
	 * Creates (does not schedule) the Job that processes a data set. The Job reports progress, honours
	 * cancel, logs to {@link DataSession#log} and, when it succeeds, puts its outputs into the data set
	 * ({@link DataSet#setExperiments}, {@link DataSet#addReflections}) and calls
	 * {@link DataSession#contentChanged}.
	 *
	 * @param dataSet the selected data set
	 * @param session the open data sets
	 * @param registry the format readers
	 * @param arguments {@code name=value} parameters (the contribution's and the user's)
	 */
	Job createJob(DataSet dataSet, DataSession session, FormatRegistry registry, List<String> arguments);
}

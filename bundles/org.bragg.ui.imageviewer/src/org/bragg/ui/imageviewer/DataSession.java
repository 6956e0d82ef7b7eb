package org.bragg.ui.imageviewer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The data sets open in the workbench, which one is shown in the image viewer, and the program log
 * shown by the console. One instance is shared by the parts of the Processing perspective; it is an
 * OSGi service (declared in {@code OSGI-INF/}) that parts receive by injection.
 *
 * <p>Listeners are called on the thread that made the change; parts re-post to the UI thread.
 * Thread-safe.
 *
 * @since 0.1
 */
public class DataSession {
	/** What changed. */
	public enum Change {
		/** a data set was added or removed */
		DATA_SETS,
		/** the content of a data set changed (new experiments or reflections) */
		CONTENT,
		/** another data set, or another image, is to be shown */
		ACTIVE
	}

	/** A change event. @param dataSet the data set concerned, or null */
	public record Event(Change change, DataSet dataSet) {}

	private final List<DataSet> dataSets = new ArrayList<>();
	private volatile DataSet active;
	private volatile int activeImage;
	private volatile String shownImage;
	private final CopyOnWriteArrayList<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
	private final CopyOnWriteArrayList<Consumer<String>> logListeners = new CopyOnWriteArrayList<>();
	private final StringBuilder log = new StringBuilder();

	/** Creates an empty session (public for DS and tests). */
	public DataSession() {}

	/** @return the open data sets in the order they were opened */
	public synchronized List<DataSet> dataSets() { return List.copyOf(dataSets); }

	/** Adds a data set and makes it active. */
	public void add(DataSet d) {
		synchronized (this) {
			dataSets.add(d);
		}
		fire(new Event(Change.DATA_SETS, d));
		setActive(d, 0);
	}

	/** Removes a data set. */
	public void remove(DataSet d) {
		boolean wasActive;
		synchronized (this) {
			dataSets.remove(d);
			wasActive = active == d;
			if (wasActive) active = dataSets.isEmpty() ? null : dataSets.get(dataSets.size() - 1);
		}
		fire(new Event(Change.DATA_SETS, d));
		if (wasActive) fire(new Event(Change.ACTIVE, active));
	}

	/** Tells listeners that a data set's experiments or reflections changed. */
	public void contentChanged(DataSet d) { fire(new Event(Change.CONTENT, d)); }

	/** Shows image {@code image} (0-based over the data set's images) of a data set. */
	public void setActive(DataSet d, int image) {
		active = d;
		activeImage = Math.max(0, image);
		fire(new Event(Change.ACTIVE, d));
	}

	/** @return the data set shown in the viewer, or null */
	public DataSet active() { return active; }

	/** @return the image of the active data set to show first */
	public int activeImage() { return activeImage; }

	/** Records what the image viewer shows (its label), for status displays and automated checks. */
	public void imageShown(String label) { shownImage = label; }

	/** @return the label of the image the viewer shows now, or null before the first image */
	public String shownImage() { return shownImage; }

	public void addListener(Consumer<Event> l) { listeners.add(l); }

	public void removeListener(Consumer<Event> l) { listeners.remove(l); }

	private void fire(Event e) {
		for (Consumer<Event> l : listeners) l.accept(e);
	}

	// ------------------------------------------------------------- program log

	/** Appends text (one or more lines, or a part of one) to the program log. */
	public void log(String text) {
		synchronized (log) {
			log.append(text);
			if (log.length() > 4_000_000) log.delete(0, log.length() - 2_000_000);
		}
		for (Consumer<String> l : logListeners) l.accept(text);
	}

	/** @return the whole log so far */
	public String logText() {
		synchronized (log) {
			return log.toString();
		}
	}

	/** Adds a listener for text appended to the log. */
	public void addLogListener(Consumer<String> l) { logListeners.add(l); }

	public void removeLogListener(Consumer<String> l) { logListeners.remove(l); }
}

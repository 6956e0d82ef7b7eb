package org.bragg.ui.rlv.internal;

import java.util.function.Consumer;

import org.bragg.model.ExperimentList;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.ui.imageviewer.DataSession;
import org.bragg.ui.imageviewer.DataSet;
import org.bragg.ui.rlv.RlvParameters;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The Reciprocal Lattice Viewer view (e4 POJO part, registered as an {@code e4view} in
 * {@code plugin.xml}): shows the latest reflections of the {@linkplain DataSession#active() active
 * data set} mapped with its experiments, and follows the session as spots are found or indexed.
 */
public final class RlvPart {
	private final DataSession session;
	private Composite root;
	private StackLayout stack;
	private Label empty;
	private RlvViewer viewer;
	private ReflectionTable shownTable;
	private ExperimentList shownExperiments;

	private final Consumer<DataSession.Event> listener = e -> {
		Display d = root == null || root.isDisposed() ? null : root.getDisplay();
		if (d != null) d.asyncExec(this::refresh);
	};

	/** @param session the open data sets (OSGi service) */
	@Inject
	public RlvPart(DataSession session) {
		this.session = session;
	}

	@PostConstruct
	public void createControls(Composite parent) {
		root = new Composite(parent, SWT.NONE);
		stack = new StackLayout();
		root.setLayout(stack);
		empty = new Label(root, SWT.WRAP);
		empty.setText("No spots to show: open a data set and find spots (strong.refl) or index (indexed.refl).");
		viewer = new RlvViewer(root);
		stack.topControl = empty;
		session.addListener(listener);
		refresh();
	}

	private void refresh() {
		if (root == null || root.isDisposed()) return;
		DataSet d = session.active();
		ReflectionTable t = d == null ? null : d.latestReflections();
		ExperimentList e = d == null ? null : d.experiments();
		if (t == null || e == null || e.isEmpty()) {
			stack.topControl = empty;
		} else if (t != shownTable || e != shownExperiments) {
			try {
				viewer.setData(e, t, RlvParameters.defaults());
				shownTable = t;
				shownExperiments = e;
				stack.topControl = viewer;
			} catch (IllegalArgumentException ex) {
				empty.setText("Cannot map the spots of " + d.name() + ": " + ex.getMessage());
				stack.topControl = empty;
			}
		}
		root.layout();
	}

	/** @return the viewer (shown when the active data set has experiments and reflections) */
	public RlvViewer viewer() { return viewer; }

	/** @return whether the viewer (rather than the "no spots" message) is shown */
	public boolean isShowingSpots() { return root != null && !root.isDisposed() && stack.topControl == viewer; }

	@Focus
	public void focus() {
		if (viewer != null && !viewer.isDisposed()) viewer.canvas().setFocus();
	}

	@PreDestroy
	public void dispose() {
		session.removeListener(listener);
	}
}

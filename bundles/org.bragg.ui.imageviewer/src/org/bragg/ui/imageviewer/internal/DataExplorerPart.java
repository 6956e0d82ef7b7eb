package org.bragg.ui.imageviewer.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.bragg.format.FormatRegistry;
import org.bragg.model.Crystal;
import org.bragg.model.Detector;
import org.bragg.model.Experiment;
import org.bragg.model.ImageSet;
import org.bragg.model.Scan;
import org.bragg.ui.core.ProgressJobs;
import org.bragg.ui.imageviewer.DataSession;
import org.bragg.ui.imageviewer.DataSet;
import org.bragg.ui.imageviewer.ProcessingActionRegistry;
import org.bragg.ui.imageviewer.ViewerPreferences;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Preference;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.DropTargetAdapter;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.FileTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.layout.RowLayout;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The data explorer (e4 POJO part): the open data sets with their experiments (imageset, detector,
 * scan, crystal) and reflection files, several data sets at once. Files are opened with the Open
 * button or by dropping them on the tree (images, templates, directories, {@code .expt}, {@code .refl}).
 * Selecting a data set or experiment shows it in the image viewer. The Import and Find spots buttons run
 * those programs on the selected data set as Eclipse Jobs, logging to the console view.
 */
public class DataExplorerPart {
	/** View id in {@code plugin.xml}. */
	public static final String ID = "org.bragg.ui.imageviewer.explorer";

	private final DataSession session;
	private final FormatRegistry registry;
	private TreeViewer viewer;
	private String importArgs = "", findSpotsArgs = "";

	/** An experiment node. */
	record ExperimentNode(DataSet dataSet, int index, Experiment experiment) {}

	/** A leaf with a text. */
	record Leaf(Object parent, String text) {}

	private final Consumer<DataSession.Event> listener = e -> {
		if (viewer == null || viewer.getControl().isDisposed()) return;
		viewer.getControl().getDisplay().asyncExec(() -> {
			if (viewer.getControl().isDisposed()) return;
			viewer.refresh();
			if (e.change() != DataSession.Change.ACTIVE && e.dataSet() != null) viewer.expandToLevel(e.dataSet(), 1);
		});
	};

	@Inject
	public DataExplorerPart(DataSession session, @Optional FormatRegistry registry) {
		this.session = session;
		this.registry = registry;
	}

	@Inject
	@Optional
	void setImportArgs(@Preference(nodePath = ViewerPreferences.NODE, value = ViewerPreferences.IMPORT_PARAMETERS) String s) {
		importArgs = s == null ? "" : s;
	}

	@Inject
	@Optional
	void setFindSpotsArgs(@Preference(nodePath = ViewerPreferences.NODE, value = ViewerPreferences.FIND_SPOTS_PARAMETERS) String s) {
		findSpotsArgs = s == null ? "" : s;
	}

	@PostConstruct
	public void createControls(Composite parent) {
		if (registry == null) {
			ImageViewerPart.missingFormats(parent);
			return;
		}
		Composite root = new Composite(parent, SWT.NONE);
		GridLayout gl = new GridLayout(1, false);
		gl.marginWidth = gl.marginHeight = 0;
		root.setLayout(gl);
		// buttons in a wrapping row (a GTK tool bar does not wrap): all actions stay reachable in a narrow view
		Composite bar = new Composite(root, SWT.NONE);
		RowLayout rl = new RowLayout();
		rl.wrap = true;
		rl.spacing = 2;
		rl.marginTop = rl.marginBottom = rl.marginLeft = rl.marginRight = 1;
		bar.setLayout(rl);
		bar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		item(bar, "Open…", "Open images, templates, .expt or .refl files", this::openDialog);
		// the processing actions contributed to org.bragg.ui.imageviewer.processingActions (Bragg's own in plugin.xml)
		for (ProcessingActionRegistry.Action a : ProcessingActionRegistry.actions(org.eclipse.core.runtime.RegistryFactory.getRegistry())) {
			Button ti = item(bar, a.label(), a.tooltip(), () -> process(a));
			if (a.program() != null && !ProcessingActions.isAvailable(a.program())) ti.setToolTipText(a.program() + " is not part of this build of Bragg");
		}
		item(bar, "Remove", "Close the selected data set", () -> {
			DataSet d = selectedDataSet();
			if (d != null) session.remove(d);
		});

		viewer = new TreeViewer(root, SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL);
		viewer.getControl().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		viewer.setContentProvider(new Content());
		viewer.setLabelProvider(new LabelProvider() {
			@Override
			public String getText(Object o) { return label(o); }
		});
		viewer.setInput(session);
		viewer.addSelectionChangedListener(e -> {
			Object o = ((IStructuredSelection) e.getSelection()).getFirstElement();
			if (o instanceof DataSet d && d != session.active()) session.setActive(d, 0);
			else if (o instanceof ExperimentNode n) session.setActive(n.dataSet(), firstImageOf(n));
		});
		DropTarget drop = new DropTarget(viewer.getControl(), DND.DROP_COPY | DND.DROP_DEFAULT | DND.DROP_LINK);
		drop.setTransfer(new Transfer[] { FileTransfer.getInstance() });
		drop.addDropListener(new DropTargetAdapter() {
			@Override
			public void dragEnter(DropTargetEvent e) {
				if (e.detail == DND.DROP_DEFAULT) e.detail = DND.DROP_COPY;
			}

			@Override
			public void drop(DropTargetEvent e) {
				if (e.data instanceof String[] names) open(List.of(names).stream().map(Path::of).toList());
			}
		});
		session.addListener(listener);
		viewer.expandToLevel(2);
	}

	@PreDestroy
	public void dispose() { session.removeListener(listener); }


	@Focus
	public void setFocus() {
		if (viewer != null) viewer.getControl().setFocus();
	}

	/** @return the tree (for tests) */
	public TreeViewer viewer() { return viewer; }

	/** Opens files in a background job (as the Open button and drag and drop do). */
	public Job open(List<Path> files) {
		Job j = ProgressJobs.create("Open " + files.size() + " file(s)", ProcessingActions.PLUGIN_ID,
				p -> new DataLoader(session, registry).open(files, p));
		logErrors(j);
		j.schedule();
		return j;
	}

	private void openDialog() {
		FileDialog d = new FileDialog(viewer.getControl().getShell(), SWT.OPEN | SWT.MULTI);
		d.setText("Open images, experiments or reflections");
		d.setFilterNames(new String[] { "Images, experiments, reflections", "All files" });
		d.setFilterExtensions(new String[] { "*.expt;*.json;*.refl;*.cbf;*.cbf.bz2;*.cbf.gz;*.img;*.img.bz2;*.img.gz;*.h5;*.nxs;*.mrc;*.tif", "*" });
		if (d.open() == null) return;
		List<Path> files = new ArrayList<>();
		for (String n : d.getFileNames()) files.add(Path.of(d.getFilterPath(), n));
		open(files);
	}

	/**
	 * Runs a processing action on the selected (else the active) data set as a Job; the user's
	 * preference parameters of import and find_spots are appended.
	 *
	 * @return the scheduled Job, or null if no data set is open
	 */
	public Job process(ProcessingActionRegistry.Action action) {
		DataSet d = selectedDataSet();
		if (d == null) d = session.active();
		if (d == null) {
			session.log("Select a data set first.\n");
			return null;
		}
		String prefs = "import".equals(action.program()) ? importArgs : "find_spots".equals(action.program()) ? findSpotsArgs : "";
		Job j = action.createJob(d, session, registry, ProcessingActions.splitArgs(prefs));
		j.setUser(true);
		logErrors(j);
		j.schedule();
		return j;
	}

	private void logErrors(Job j) {
		j.addJobChangeListener(new JobChangeAdapter() {
			@Override
			public void done(IJobChangeEvent event) {
				IStatus s = event.getResult();
				if (s != null && s.getSeverity() == IStatus.ERROR) session.log("Error: " + s.getMessage() + "\n");
			}
		});
	}

	private DataSet selectedDataSet() {
		Object o = viewer.getStructuredSelection().getFirstElement();
		if (o instanceof DataSet d) return d;
		if (o instanceof ExperimentNode n) return n.dataSet();
		if (o instanceof DataSet.Reflections r) {
			for (DataSet d : session.dataSets()) if (d.reflections().contains(r)) return d;
		}
		return null;
	}

	private int firstImageOf(ExperimentNode n) {
		try (FrameList fl = new FrameList(n.dataSet().experiments(), registry)) {
			for (int i = 0; i < fl.size(); i++) if (fl.get(i).experimentId() == n.index()) return i;
		}
		return 0;
	}

	private static Button item(Composite bar, String text, String tip, Runnable r) {
		Button i = new Button(bar, SWT.PUSH | SWT.FLAT);
		i.setText(text);
		i.setToolTipText(tip);
		i.addListener(SWT.Selection, e -> r.run());
		return i;
	}

	// ------------------------------------------------------------------ tree content and labels

	private final class Content implements ITreeContentProvider {
		@Override
		public Object[] getElements(Object input) { return session.dataSets().toArray(); }

		@Override
		public Object[] getChildren(Object o) {
			List<Object> out = new ArrayList<>();
			if (o instanceof DataSet d) {
				for (int i = 0; i < d.experiments().size(); i++) out.add(new ExperimentNode(d, i, d.experiments().get(i)));
				out.addAll(d.reflections());
			} else if (o instanceof ExperimentNode n) {
				Experiment e = n.experiment();
				ImageSet s = e.imageSet();
				if (s != null) out.add(new Leaf(n, "Images: " + (s.template() != null ? s.template().toString()
						: s.paths().size() == 1 ? s.paths().get(0).toString() : s.paths().size() + " files from " + s.paths().get(0).getFileName())));
				if (e.beam() != null) out.add(new Leaf(n, String.format("Beam: λ %.5f Å (%s)", e.beam().wavelength(), e.beam().probe())));
				Detector det = e.detector();
				if (det != null) out.add(new Leaf(n, "Detector: " + det.size() + " panel(s), " + det.panel(0).nFast() + "×" + det.panel(0).nSlow()
						+ String.format(" px, distance %.1f mm", Math.abs(det.panel(0).distance()))));
				Scan sc = e.scan();
				if (sc != null) out.add(new Leaf(n, String.format("Scan: images %d–%d, φ %.2f°, Δφ %.3f°", sc.firstImage(), sc.lastImage(),
						sc.oscillationStart(), sc.oscillationWidth())));
				Crystal c = e.crystal();
				if (c != null) out.add(new Leaf(n, "Crystal: " + c));
			} else if (o instanceof DataSet.Reflections r) {
				out.add(new Leaf(r, "Columns: " + String.join(", ", r.table().columnNames())));
			}
			return out.toArray();
		}

		@Override
		public Object getParent(Object o) {
			if (o instanceof ExperimentNode n) return n.dataSet();
			if (o instanceof Leaf l) return l.parent();
			return null;
		}

		@Override
		public boolean hasChildren(Object o) { return !(o instanceof Leaf) && getChildren(o).length > 0; }
	}

	static String label(Object o) {
		if (o instanceof DataSet d) {
			return d.name() + "  (" + d.experiments().size() + " experiment(s), " + d.reflections().size() + " reflection file(s))";
		}
		if (o instanceof ExperimentNode n) {
			Experiment e = n.experiment();
			String kind = e.scan() != null && !e.scan().isStill() ? "sequence of " + e.scan().numImages() + " images" : "still";
			String file = e.imageSet() == null ? "" : e.imageSet().template() != null ? e.imageSet().template().getFileName().toString()
					: e.imageSet().paths().isEmpty() ? "" : e.imageSet().paths().get(0).getFileName().toString();
			return "Experiment " + n.index() + ": " + kind + (file.isEmpty() ? "" : " — " + file) + (e.crystal() != null ? " [indexed]" : "");
		}
		if (o instanceof DataSet.Reflections r) return r.file().getFileName() + "  (" + r.table().size() + " reflections)";
		if (o instanceof Leaf l) return l.text();
		return String.valueOf(o);
	}

	/** @return the display of the tree, or null (for tests) */
	Display display() { return viewer == null ? null : viewer.getControl().getDisplay(); }
}

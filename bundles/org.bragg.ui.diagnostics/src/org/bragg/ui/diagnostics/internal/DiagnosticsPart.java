package org.bragg.ui.diagnostics.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.bragg.ui.diagnostics.ChartCanvas;
import org.bragg.ui.imageviewer.DataSession;
import org.bragg.ui.imageviewer.DataSet;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.jfree.chart.JFreeChart;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

/**
 * Common frame of the diagnostics views: a header (what is shown, an "Open folder…" button) and tabs of chart
 * galleries or tables. Content is built off the UI thread from a processing directory ({@link #build}) — the one
 * the user opens, or the directory of the data set made active in the data explorer — and shown on the UI thread.
 */
public abstract class DiagnosticsPart {
	/** One tab: charts, or a table (columns, rows) with optional text beneath. */
	public record Tab(String name, List<JFreeChart> charts, String[] columns, List<String[]> rows, String text) {
		public static Tab charts(String name, List<JFreeChart> charts) { return new Tab(name, charts, null, List.of(), null); }

		public static Tab text(String name, String text) { return new Tab(name, null, null, List.of(), text); }
	}

	/** What a view shows. @param title header line */
	public record Content(String title, List<Tab> tabs) {}

	private final DataSession session;
	private Label header;
	private CTabFolder folder;
	private final List<ChartGallery> galleries = new ArrayList<>();
	private Content content;
	private Path shownDir;

	private final Consumer<DataSession.Event> listener = e -> {
		if (e.change() == DataSession.Change.ACTIVE || e.change() == DataSession.Change.CONTENT) {
			DataSet d = e.dataSet();
			// ACTIVE also fires when another image of the same data set is shown: reload only for a new folder
			if (d != null && d.directory() != null && (e.change() == DataSession.Change.CONTENT || !d.directory().equals(shownDir)))
				loadInBackground(d.directory());
		}
	};

	protected DiagnosticsPart(DataSession session) {
		this.session = session;
	}

	/** @return the content of {@code dir}, or null if the directory holds nothing this view shows */
	protected abstract Content build(Path dir) throws Exception;

	/** Adds view-specific controls to the header row (none by default). */
	protected void createToolbar(Composite bar) {}

	/** @return the directory shown, or null */
	public Path shownDirectory() { return shownDir; }

	/** Sets the header line (UI thread). */
	protected void status(String s) { if (!header.isDisposed()) { header.setText(s); header.getParent().layout(true); } }

	/** @return the view's name for the header */
	protected abstract String viewName();

	@PostConstruct
	public void createControls(Composite parent) {
		parent.setLayout(new GridLayout(2, false));
		header = new Label(parent, SWT.NONE);
		header.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		header.setText(viewName() + ": open a processing folder, or select a data set in the Data Explorer");
		Button open = new Button(parent, SWT.PUSH);
		open.setText("Open folder…");
		open.addListener(SWT.Selection, e -> {
			DirectoryDialog dd = new DirectoryDialog(parent.getShell());
			if (shownDir != null) dd.setFilterPath(shownDir.toString());
			String d = dd.open();
			if (d != null) loadInBackground(Path.of(d));
		});
		Composite bar = new Composite(parent, SWT.NONE);
		bar.setLayout(new org.eclipse.swt.layout.RowLayout());
		createToolbar(bar);
		GridData bd = new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1);
		bd.exclude = bar.getChildren().length == 0;
		bar.setVisible(!bd.exclude);
		bar.setLayoutData(bd);
		folder = new CTabFolder(parent, SWT.BOTTOM | SWT.BORDER);
		folder.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
		if (session != null) {
			session.addListener(listener);
			DataSet a = session.active();
			if (a != null && a.directory() != null) loadInBackground(a.directory());
		}
	}

	/** Builds the content of {@code dir} in a Job and shows it when done; errors go to the header line. */
	public void loadInBackground(Path dir) {
		if (!Files.isDirectory(dir)) return;
		Job job = Job.create(viewName() + ": reading " + dir, m -> {
			try {
				Content c = build(dir);
				if (c != null && !header.isDisposed()) header.getDisplay().asyncExec(() -> show(c, dir));
			} catch (Exception ex) {
				if (!header.isDisposed()) header.getDisplay().asyncExec(() -> { if (!header.isDisposed()) header.setText(viewName() + ": " + ex.getMessage()); });
				return new Status(IStatus.WARNING, "org.bragg.ui.diagnostics", dir + ": " + ex.getMessage(), ex);
			}
			return Status.OK_STATUS;
		});
		job.setSystem(false);
		job.schedule();
	}

	/** Builds and shows the content of {@code dir} on the calling (UI) thread; for tests and scripted use. */
	public Content loadNow(Path dir) throws Exception {
		Content c = build(dir);
		if (c != null) show(c, dir);
		return c;
	}

	/** Shows {@code c} (UI thread). */
	public void show(Content c, Path dir) {
		if (folder == null || folder.isDisposed()) return;
		content = c;
		shownDir = dir;
		header.setText(c.title());
		header.getParent().layout(true);
		for (CTabItem it : folder.getItems()) { if (it.getControl() != null) it.getControl().dispose(); it.dispose(); }
		galleries.clear();
		for (Tab t : c.tabs()) {
			CTabItem it = new CTabItem(folder, SWT.NONE);
			it.setText(t.name());
			if (t.charts() == null && t.columns() == null) {
				Text text = new Text(folder, SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL);
				text.setFont(org.eclipse.jface.resource.JFaceResources.getTextFont());
				text.setText(t.text() == null ? "" : t.text());
				it.setControl(text);
				galleries.add(null);
			} else if (t.columns() != null) {
				Composite comp = new Composite(folder, SWT.NONE);
				comp.setLayout(new GridLayout(1, false));
				Table table = new Table(comp, SWT.BORDER | SWT.FULL_SELECTION);
				table.setHeaderVisible(true);
				table.setLinesVisible(true);
				table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
				for (String col : t.columns()) new TableColumn(table, SWT.NONE).setText(col);
				for (String[] row : t.rows()) new TableItem(table, SWT.NONE).setText(row);
				for (TableColumn col : table.getColumns()) col.pack();
				if (t.text() != null) {
					Text text = new Text(comp, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL);
					text.setText(t.text());
					GridData gd = new GridData(SWT.FILL, SWT.FILL, true, false);
					gd.heightHint = 90;
					text.setLayoutData(gd);
				}
				it.setControl(comp);
				galleries.add(null);
			} else {
				ChartGallery g = new ChartGallery(folder);
				g.setCharts(t.charts());
				it.setControl(g.scroll);
				galleries.add(g);
			}
		}
		if (folder.getItemCount() > 0) folder.setSelection(0);
		folder.layout(true, true);
	}

	/** @return the content shown, or null */
	public Content content() { return content; }

	/** Selects tab {@code i}. */
	public void selectTab(int i) { folder.setSelection(i); folder.layout(true, true); }

	/** @return the chart canvases of tab {@code i} (empty for a table tab) */
	public List<ChartCanvas> canvases(int i) {
		ChartGallery g = galleries.get(i);
		return g == null ? List.of() : g.canvases();
	}

	/** @return the tab folder (for tests) */
	public CTabFolder folder() { return folder; }

	@PreDestroy
	public void dispose() { if (session != null) session.removeListener(listener); }
}

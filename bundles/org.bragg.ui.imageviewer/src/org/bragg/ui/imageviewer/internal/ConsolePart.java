package org.bragg.ui.imageviewer.internal;

import java.util.function.Consumer;

import org.bragg.ui.imageviewer.DataSession;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Composite;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The console (e4 POJO part): the program log of the processing jobs — the same text the command
 * line prints and writes to {@code bragg.<program>.log} — plus what the explorer reports when files are
 * opened. Read-only, monospaced, scrolls to the end.
 */
public class ConsolePart {
	/** View id in {@code plugin.xml}. */
	public static final String ID = "org.bragg.ui.imageviewer.console";
	private static final int MAX_CHARS = 2_000_000;

	private final DataSession session;
	private StyledText text;

	private final Consumer<String> listener = s -> {
		if (text == null || text.isDisposed()) return;
		text.getDisplay().asyncExec(() -> append(s));
	};

	@Inject
	public ConsolePart(DataSession session) {
		this.session = session;
	}

	@PostConstruct
	public void createControls(Composite parent) {
		text = new StyledText(parent, SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL);
		text.setFont(JFaceResources.getTextFont());
		text.setText(session.logText());
		session.addLogListener(listener);
	}

	private void append(String s) {
		if (text.isDisposed()) return;
		text.append(s);
		if (text.getCharCount() > MAX_CHARS) text.replaceTextRange(0, text.getCharCount() - MAX_CHARS / 2, "");
		text.setTopIndex(text.getLineCount() - 1);
	}

	/** @return the text widget (for tests) */
	public StyledText text() { return text; }

	@PreDestroy
	public void dispose() { session.removeLogListener(listener); }

	@Focus
	public void setFocus() {
		if (text != null) text.setFocus();
	}
}

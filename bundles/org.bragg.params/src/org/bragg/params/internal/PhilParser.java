package org.bragg.params.internal;

import java.util.ArrayList;
import java.util.List;

import org.bragg.params.ParameterException;
import org.bragg.params.internal.PhilLexer.ParseError;

/**
 * Recursive-descent reader of PHIL text (the grammar of {@code libtbx.phil.parser}): scopes
 * <code>name { ... }</code>, dotted scope names <code>a.b { ... }</code>, definitions {@code name = words}
 * ending at the end of the line, at {@code ;} or at a brace, {@code \} line continuation, {@code #}
 * comments, {@code !name} disabled objects, and {@code .attribute = value} lines (read and ignored, so
 * the output of {@code -c -a 2} can be read back). {@code include} is not supported.
 */
public final class PhilParser {

    /** Receives the objects of the text in order. */
    public interface Handler {
        /** A scope block begins. */
        void open(Word name) throws ParameterException;

        /** The innermost open scope block ends. */
        void close() throws ParameterException;

        /** A definition {@code name = words}. */
        void assign(Word name, List<Word> words) throws ParameterException;
    }

    private final PhilLexer lx;
    private final Handler h;

    private PhilParser(PhilLexer lx, Handler h) {
        this.lx = lx;
        this.h = h;
    }

    /**
     * Reads {@code text} and reports its objects to {@code handler}.
     *
     * @param source name of the text for messages (a file name, or "command line")
     * @throws ParameterException on a syntax error (message names the source and line) or whatever the
     *                            handler throws
     */
    public static void parse(String text, String source, Handler handler) throws ParameterException {
        PhilLexer lx = new PhilLexer(text, source);
        try {
            new PhilParser(lx, handler).objects(0, true);
        } catch (ParseError e) {
            throw new ParameterException(e.getMessage());
        }
    }

    private ParseError error(String what, Word at) {
        return new ParseError("Syntax error: " + what + " (" + lx.where(at == null ? lx.line() : at.line()) + ")");
    }

    private void objects(int depth, boolean active) throws ParseError, ParameterException {
        while (true) {
            Word lead = lx.nextLead();
            if (lead == null) {
                if (depth > 0) {
                    throw error("missing \"}\" at end of input", null);
                }
                return;
            }
            if (lead.is("}")) {
                if (depth > 0) {
                    return;
                }
                throw error("unexpected \"}\"", lead);
            }
            if (lead.quoted() || lead.is("{") || lead.is("=")) {
                throw error("unexpected " + lead.display(), lead);
            }
            String name = lead.value();
            boolean enabled = active;
            if (name.startsWith("!")) {
                name = name.substring(1);
                enabled = false;
            }
            if (name.startsWith(".")) {
                // attribute of the preceding definition: .help = "..."; read and ignore
                expectEquals(lead);
                values(lead);
                continue;
            }
            if (name.equals("include")) {
                throw error("\"include\" is not supported", lead);
            }
            Word nameWord = new Word(name, false, lead.line());
            Word next = lx.nextLead();
            if (next == null) {
                throw error("expected \"=\" or \"{\" after \"" + name + "\", found end of input", lead);
            }
            if (next.is("{") || (!next.quoted() && (next.value().startsWith(".") || next.value().startsWith("!.")))) {
                while (!next.is("{")) {
                    if (next.quoted() || !(next.value().startsWith(".") || next.value().startsWith("!."))) {
                        throw error("expected \"{\" or a scope attribute after \"" + name + "\", found "
                                + next.display(), next);
                    }
                    expectEquals(next);
                    values(next);
                    next = lx.nextLead();
                    if (next == null) {
                        throw error("missing \"{\" after scope \"" + name + "\"", lead);
                    }
                }
                if (!Names.isPath(name)) {
                    throw error("improper scope name \"" + name + "\"", lead);
                }
                if (enabled) {
                    h.open(nameWord);
                }
                objects(depth + 1, enabled);
                if (enabled) {
                    h.close();
                }
            } else if (next.is("=")) {
                if (!Names.isPath(name)) {
                    throw error("improper definition name \"" + name + "\"", lead);
                }
                List<Word> words = values(next);
                if (words.isEmpty()) {
                    throw error("missing value for \"" + name + "\"", lead);
                }
                if (enabled) {
                    h.assign(nameWord, words);
                }
            } else {
                throw error("expected \"=\" or \"{\" after \"" + name + "\", found " + next.display(), next);
            }
        }
    }

    private void expectEquals(Word after) throws ParseError {
        Word w = lx.nextLead();
        if (w == null || !w.is("=")) {
            throw error("expected \"=\" after \"" + after.value() + "\"", after);
        }
    }

    /** Value words after "=": up to the end of the line (unless continued with \), ";" or a brace. */
    private List<Word> values(Word last) throws ParseError {
        List<Word> out = new ArrayList<>();
        while (true) {
            Word w = lx.nextValue();
            if (w == null) {
                break;
            }
            if (!w.quoted()) {
                if (w.value().equals(";")) {
                    break;
                }
                if (w.value().equals("{") || w.value().equals("}")) {
                    lx.backup();
                    break;
                }
            }
            // as libtbx: a quoted word always continues the value (wrapped .help lines), an unquoted
            // word only on the same line or after a "\\"
            boolean continued = last.is("\\") || w.quoted();
            if (w.line() != last.line() && !continued) {
                lx.backup();
                break;
            }
            if (!w.quoted() && w.value().startsWith("#")) {
                lx.skipLine();
                break;
            }
            if (!w.is("\\")) {
                out.add(w);
            }
            last = w;
        }
        return out;
    }
}

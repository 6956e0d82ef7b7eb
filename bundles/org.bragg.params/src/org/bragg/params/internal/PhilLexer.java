package org.bragg.params.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits PHIL text into words with the two tokenizer settings libtbx uses: in "lead" position the
 * characters <code>{ } =</code> are words of their own and {@code #} starts a comment; in "value" position
 * <code>{ } ;</code> are words of their own. Quotes ({@code "..."}, {@code '...'}, triple quotes) make one
 * word; inside quotes a backslash escapes a backslash or the quote character.
 */
public final class PhilLexer {

    private final String s;
    private final String source;
    private int i;
    private int line = 1;
    private int markI;
    private int markLine;

    /**
     * @param text   the PHIL text
     * @param source how to name the text in messages, e.g. {@code find_spots.phil}
     */
    public PhilLexer(String text, String source) {
        this.s = text;
        this.source = source;
    }

    /** Where the lexer is, for messages: {@code "a.phil, line 3"}. */
    public String where(int atLine) {
        return source + ", line " + atLine;
    }

    /** The current line. */
    public int line() {
        return line;
    }

    /** The next word in lead position, or null at the end of the text. */
    public Word nextLead() throws ParseError {
        return next("{}=", true);
    }

    /** The next word in value position, or null at the end of the text. */
    public Word nextValue() throws ParseError {
        return next("{};", false);
    }

    /** Goes back to before the word last returned. */
    public void backup() {
        i = markI;
        line = markLine;
    }

    /** Skips the rest of the current line (after a comment word in value position). */
    public void skipLine() {
        while (i < s.length() && s.charAt(i) != '\n') {
            i++;
        }
    }

    private Word next(String singles, boolean comments) throws ParseError {
        markI = i;
        markLine = line;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\n') {
                line++;
                i++;
                continue;
            }
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (comments && c == '#') {
                skipLine();
                continue;
            }
            if (c == '"' || c == '\'') {
                return quoted(c);
            }
            int start = i;
            int startLine = line;
            i++;
            if (singles.indexOf(c) < 0) {
                while (i < s.length()) {
                    char d = s.charAt(i);
                    if (Character.isWhitespace(d) || singles.indexOf(d) >= 0) {
                        break;
                    }
                    i++;
                }
            }
            return new Word(s.substring(start, i), false, startLine);
        }
        return null;
    }

    private Word quoted(char q) throws ParseError {
        int startLine = line;
        boolean triple = i + 2 < s.length() && s.charAt(i + 1) == q && s.charAt(i + 2) == q;
        i += triple ? 3 : 1;
        StringBuilder b = new StringBuilder();
        while (true) {
            if (i >= s.length()) {
                throw new ParseError("Syntax error: missing closing quote (" + where(startLine) + ")");
            }
            char c = s.charAt(i++);
            if (c == q) {
                if (!triple) {
                    break;
                }
                if (i + 1 < s.length() && s.charAt(i) == q && s.charAt(i + 1) == q) {
                    i += 2;
                    break;
                }
            }
            if (c == '\\' && i < s.length()) {
                char n = s.charAt(i);
                if (n == '\\' || n == q) {
                    c = n;
                    i++;
                } else if (n == '\n') {
                    i++;
                    line++;
                    continue;
                }
            }
            if (c == '\n') {
                line++;
            }
            b.append(c);
        }
        return new Word(b.toString(), true, startLine);
    }

    /**
     * Splits the right-hand side of a command-line assignment into words: whitespace separates words,
     * quotes group them; nothing else is special (so {@code #}, braces and {@code ;} are kept).
     */
    public static List<Word> splitValue(String text) throws ParseError {
        List<Word> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '"' || c == '\'') {
                StringBuilder b = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < n) {
                    char d = text.charAt(i++);
                    if (d == c) {
                        closed = true;
                        break;
                    }
                    if (d == '\\' && i < n && (text.charAt(i) == '\\' || text.charAt(i) == c)) {
                        d = text.charAt(i++);
                    }
                    b.append(d);
                }
                if (!closed) {
                    throw new ParseError("Syntax error: missing closing quote in " + text);
                }
                out.add(new Word(b.toString(), true, 0));
                continue;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            out.add(new Word(text.substring(start, i), false, 0));
        }
        return out;
    }

    /** A syntax error; the message is complete and one line. */
    public static final class ParseError extends Exception {
        private static final long serialVersionUID = 1L;

        public ParseError(String message) {
            super(message);
        }
    }
}

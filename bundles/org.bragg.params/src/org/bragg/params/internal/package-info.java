/**
 * Implementation of {@link org.bragg.params.Phil}: record reflection ({@code Schema}, {@code Tree}),
 * value codecs, the PHIL lexer and parser, assignment sessions and the writer. Not API.
 */
package org.bragg.params.internal;

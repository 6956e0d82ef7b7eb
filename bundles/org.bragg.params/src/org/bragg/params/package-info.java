/**
 * Typed program parameters with DIALS PHIL semantics: immutable parameter records annotated with
 * {@link org.bragg.params.Param}, read from {@code name=value} arguments and {@code .phil} files and
 * written back as PHIL text by {@link org.bragg.params.Phil}. Pure Java, no dependencies.
 *
 * <p>Typical use in a command:
 * <pre>{@code
 * Parsed<SpotFindingParameters> parsed = Phil.parse(List.of(args), SpotFindingParameters.class);
 * log.info(Phil.diff(parsed.params()));          // "The following parameters have been modified: ..."
 * ReflectionTable strong = SpotFinder.findSpots(experiments, parsed.params(), progress);
 * }</pre>
 *
 * @since 0.1
 */
package org.bragg.params;

package org.bragg.cli;

/**
 * One {@code bragg} program, named as the DIALS program it mirrors ({@code import}, {@code show},
 * {@code find_spots}, ...). A command only parses, logs and delegates to a library function; it
 * contains no science.
 *
 * @param <P> the parameter record type of the program (see {@code org.bragg.params.Phil})
 * @since 0.1
 */
public interface Command<P extends Record> {

	/** @return the program name, e.g. {@code find_spots} */
	String name();

	/** @return a one-line description for {@code bragg --help} */
	String summary();

	/** @return the usage text printed by {@code bragg <program> -h} (without the parameter list) */
	String usage();

	/** @return the parameter record type */
	Class<P> parameterType();

	/**
	 * Runs the program.
	 *
	 * @throws org.bragg.model.BraggInputException for a user or data error (exit status 1)
	 * @throws Exception for a bug (exit status 2)
	 */
	void run(Context<P> context) throws Exception;
}

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.bragg.format.FormatRegistry;
import org.bragg.io.ExperimentListIO;
import org.bragg.io.ReflectionTableIO;
import org.bragg.model.ExperimentList;
import org.bragg.model.Progress;
import org.bragg.params.Phil;
import org.bragg.spotfinding.SpotFinder;
import org.bragg.spotfinding.SpotFindingParameters;
import org.bragg.spotfinding.SpotFindingResult;

/**
 * What {@code bragg find_spots} does, as a plain main for dev/bench_find_spots.sh: read an experiment
 * list, find spots with PHIL-style arguments, write strong.refl, print DIALS's log lines and the time
 * spent in SpotFinder.
 *   java -cp … BenchFindSpots imported.expt strong.refl [name=value …]
 */
public class BenchFindSpots {
	public static void main(String[] args) throws Exception {
		long t0 = System.nanoTime();
		ExperimentList el = ExperimentListIO.read(Path.of(args[0]));
		List<String> rest = Arrays.asList(args).subList(2, args.length);
		SpotFindingParameters p = Phil.parse(rest, SpotFindingParameters.class).params();
		boolean quiet = Boolean.getBoolean("quiet");
		long t1 = System.nanoTime();
		SpotFindingResult r = SpotFinder.run(el, p, FormatRegistry.fromServiceLoader(), Progress.NONE, s -> {
			if (!quiet) System.out.println(s);
		});
		long t2 = System.nanoTime();
		ReflectionTableIO.write(r.reflections(), Path.of(args[1]));
		long t3 = System.nanoTime();
		System.out.println("Saved " + r.numSpots() + " reflections to " + args[1]);
		System.out.printf("bragg_spots %d%nbragg_find_spots_s %.3f%nbragg_total_in_jvm_s %.3f%n", r.numSpots(), (t2 - t1) / 1e9, (t3 - t0) / 1e9);
	}
}

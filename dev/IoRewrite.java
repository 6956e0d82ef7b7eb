import java.nio.file.Files;
import java.nio.file.Path;

import org.bragg.io.ExperimentListIO;
import org.bragg.io.ReflectionTableIO;

/**
 * Developer tool for dev/check_expt_with_dials.sh and dev/check_refl_with_dials.sh: reads each input
 * with Bragg and writes it again into OUTDIR, printing "input<TAB>output" per file.
 * Usage (single-file source launch): java -cp CLASSES dev/IoRewrite.java expt|refl OUTDIR BASEDIR FILE...
 * The output name is the input's path relative to BASEDIR with '/' replaced by "__".
 */
public class IoRewrite {
	public static void main(String[] args) throws Exception {
		if (args.length < 4) {
			System.err.println("usage: IoRewrite expt|refl OUTDIR BASEDIR FILE...");
			System.exit(2);
		}
		Path outDir = Path.of(args[1]), base = Path.of(args[2]).toAbsolutePath().normalize();
		Files.createDirectories(outDir);
		for (int i = 3; i < args.length; i++) {
			Path in = Path.of(args[i]).toAbsolutePath().normalize();
			String rel = in.startsWith(base) ? base.relativize(in).toString() : in.getFileName().toString();
			Path out = outDir.resolve(rel.replace("/", "__"));
			if (args[0].equals("expt")) ExperimentListIO.write(ExperimentListIO.read(in), out);
			else if (args[0].equals("refl")) ReflectionTableIO.write(ReflectionTableIO.read(in), out);
			else throw new IllegalArgumentException("mode must be expt or refl");
			System.out.println(in + "\t" + out);
		}
	}
}

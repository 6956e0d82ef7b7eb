"""Reference PHIL output from libtbx for tests/org.bragg.params.tests (LibtbxGolden.java).

The master below is the PHIL equivalent of SpotFinderParams.java. Run with the DIALS Python:
  /usr/bin/python3 make_golden.py show EXPERT_LEVEL ATTRIBUTES_LEVEL   # what dials.<prog> -c -e N -a N prints
  /usr/bin/python3 make_golden.py args name=value ...                  # "#FULL" format, then "#DIFF" fetch_diff
and paste the output into LibtbxGolden.java (backslashes doubled).
"""
import sys
from libtbx.phil import parse
from libtbx.phil.command_line import argument_interpreter
master = parse("""
spotfinder
  .help = "Parameters used in the spot finding algorithm."
{
  scan_range = None
    .help = "The range of images to use in finding spots. The ranges are inclusive (e.g. j0 <= j < j1)."
    .type = ints(size=2)
    .multiple = True
  threshold
    .help = "Extensions for threshold algorithms to be used in spot finding."
  {
    algorithm = dispersion *dispersion_extended radial_profile
      .help = "The choice of algorithm"
      .type = choice
    dispersion
      .help = "Extensions to do dispersion threshold."
    {
      gain = None
        .help = "Use a flat gain map for the entire detector to act as a multiplier for the gain set by the format. Cannot be used in conjunction with lookup.gain_map parameter."
        .type = float(value_min=0, allow_none=True)
      kernel_size = 3 3
        .help = "The size of the local area around the spot in which to calculate the mean and variance. The kernel is given as a box of size (2 * nx + 1, 2 * ny + 1) centred at the pixel."
        .type = ints(size=2, value_min=1)
        .expert_level = 1
      sigma_background = 6
        .help = "The number of standard deviations of the index of dispersion (variance / mean) in the local area below which the pixel will be classified as background."
        .type = float(allow_none=False)
        .expert_level = 1
      sigma_strong = 3
        .help = "The number of standard deviations above the mean in the local area above which the pixel will be classified as strong."
        .type = float(allow_none=False)
        .expert_level = 1
      min_local = 2
        .help = "The minimum number of pixels under the image processing kernel that are need to do the thresholding operation."
        .type = int(allow_none=False)
        .expert_level = 1
      global_threshold = 0
        .help = "The global threshold value. Consider all pixels less than this value to be part of the background."
        .type = float(allow_none=False)
    }
  }
  filter
    .help = "Parameters used in the spot finding filter strategy."
  {
    min_spot_size = Auto
      .help = "The minimum number of contiguous pixels for a spot to be accepted by the filtering algorithm."
      .type = int(value_min=1, allow_none=True)
    max_spot_size = 1000
      .help = "The maximum number of contiguous pixels for a spot to be accepted by the filtering algorithm."
      .type = int(value_min=1, allow_none=False)
    max_separation = 2
      .help = "The maximum peak-to-centroid separation (in pixels) for a spot to be accepted by the filtering algorithm."
      .type = float(value_min=0, allow_none=False)
      .expert_level = 1
    d_min = None
      .help = "The high resolution limit in Angstrom for a pixel to be accepted by the filtering algorithm."
      .short_caption = "High resolution limit"
      .type = float(value_min=0, allow_none=True)
    untrusted
      .multiple = True
    {
      panel = None
        .help = "then the whole panel is masked out"
        .type = int(allow_none=True)
      circle = None
        .help = "An untrusted circle (xc, yc, r)"
        .type = ints(size=3)
      rectangle = None
        .help = "An untrusted rectangle (x0, x1, y0, y1)"
        .type = ints(size=4)
      polygon = None
        .help = "The pixel coordinates (fast, slow) that define the corners of the untrusted polygon."
        .type = ints(value_min=0)
    }
    ice_rings {
      filter = False
        .type = bool
      width = 0.002
        .help = "The width of an ice ring (in 1/d^2)."
        .type = float(value_min=0, allow_none=False)
        .expert_level = 1
      d_min = None
        .help = "The high resolution limit (otherwise use detector d_min)"
        .type = float(value_min=0, allow_none=True)
        .expert_level = 1
    }
  }
  mp {
    method = *none drmaa sge lsf pbs
      .help = "The cluster method to use"
      .type = choice
    njobs = 1
      .help = "The number of cluster jobs to use"
      .type = int(value_min=1, allow_none=False)
    nproc = 1
      .help = "The number of processes to use per cluster job"
      .type = int(value_min=1, allow_none=False)
  }
}
""")
mode = sys.argv[1]
if mode == "show":
  e, a = int(sys.argv[2]), int(sys.argv[3])
  print("Showing configuration parameters with:\n"
        f"  attributes_level = {a}\n"
        f"  expert_level = {e}\n")
  print(master.as_str(expert_level=e, attributes_level=a))
elif mode == "args":
  ai = argument_interpreter(master_phil=master)
  srcs = [ai.process_arg(x) for x in sys.argv[2:]]
  w = master.fetch(sources=srcs)
  p = w.extract()
  fm = master.format(python_object=p)
  print("#FULL"); sys.stdout.write(fm.as_str())
  print("#DIFF"); sys.stdout.write(master.fetch_diff(source=fm).as_str())

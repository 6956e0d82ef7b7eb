package org.bragg.params.tests;

/**
 * Reference outputs produced by libtbx.phil (the PHIL implementation DIALS uses) for a master PHIL
 * equivalent to {@link SpotFinderParams}; regenerate with {@code golden/make_golden.py} in this fragment.
 * {@code SHOW_E0_A0} is {@code -c -e 0 -a 0}, and so on; {@code FULL_n}/{@code DIFF_n} are
 * {@code master.format(params)} and {@code master.fetch_diff(...)} after the arguments {@code ARGS_n}.
 */
final class LibtbxGolden {

    private LibtbxGolden() {
    }

    static final String SHOW_E0_A0 = """
            Showing configuration parameters with:
              attributes_level = 0
              expert_level = 0

            spotfinder {
              scan_range = None
              threshold {
                algorithm = dispersion *dispersion_extended radial_profile
                dispersion {
                  gain = None
                  global_threshold = 0
                }
              }
              filter {
                min_spot_size = Auto
                max_spot_size = 1000
                d_min = None
                untrusted {
                  panel = None
                  circle = None
                  rectangle = None
                  polygon = None
                }
                ice_rings {
                  filter = False
                }
              }
              mp {
                method = *none drmaa sge lsf pbs
                njobs = 1
                nproc = 1
              }
            }

            """;

    static final String SHOW_E0_A1 = """
            Showing configuration parameters with:
              attributes_level = 1
              expert_level = 0

            spotfinder
              .help = "Parameters used in the spot finding algorithm."
            {
              scan_range = None
                .help = "The range of images to use in finding spots. The ranges are"
                        "inclusive (e.g. j0 <= j < j1)."
              threshold
                .help = "Extensions for threshold algorithms to be used in spot finding."
              {
                algorithm = dispersion *dispersion_extended radial_profile
                  .help = "The choice of algorithm"
                dispersion
                  .help = "Extensions to do dispersion threshold."
                {
                  gain = None
                    .help = "Use a flat gain map for the entire detector to act as a"
                            "multiplier for the gain set by the format. Cannot be used in"
                            "conjunction with lookup.gain_map parameter."
                  global_threshold = 0
                    .help = "The global threshold value. Consider all pixels less than"
                            "this value to be part of the background."
                }
              }
              filter
                .help = "Parameters used in the spot finding filter strategy."
              {
                min_spot_size = Auto
                  .help = "The minimum number of contiguous pixels for a spot to be"
                          "accepted by the filtering algorithm."
                max_spot_size = 1000
                  .help = "The maximum number of contiguous pixels for a spot to be"
                          "accepted by the filtering algorithm."
                d_min = None
                  .help = "The high resolution limit in Angstrom for a pixel to be"
                          "accepted by the filtering algorithm."
                untrusted {
                  panel = None
                    .help = "then the whole panel is masked out"
                  circle = None
                    .help = "An untrusted circle (xc, yc, r)"
                  rectangle = None
                    .help = "An untrusted rectangle (x0, x1, y0, y1)"
                  polygon = None
                    .help = "The pixel coordinates (fast, slow) that define the corners of"
                            "the untrusted polygon."
                }
                ice_rings {
                  filter = False
                }
              }
              mp {
                method = *none drmaa sge lsf pbs
                  .help = "The cluster method to use"
                njobs = 1
                  .help = "The number of cluster jobs to use"
                nproc = 1
                  .help = "The number of processes to use per cluster job"
              }
            }

            """;

    static final String SHOW_E1_A2 = """
            Showing configuration parameters with:
              attributes_level = 2
              expert_level = 1

            spotfinder
              .help = "Parameters used in the spot finding algorithm."
            {
              scan_range = None
                .help = "The range of images to use in finding spots. The ranges are"
                        "inclusive (e.g. j0 <= j < j1)."
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
                    .help = "Use a flat gain map for the entire detector to act as a"
                            "multiplier for the gain set by the format. Cannot be used in"
                            "conjunction with lookup.gain_map parameter."
                    .type = float(value_min=0, allow_none=True)
                  kernel_size = 3 3
                    .help = "The size of the local area around the spot in which to"
                            "calculate the mean and variance. The kernel is given as a box"
                            "of size (2 * nx + 1, 2 * ny + 1) centred at the pixel."
                    .type = ints(size=2, value_min=1)
                    .expert_level = 1
                  sigma_background = 6
                    .help = "The number of standard deviations of the index of dispersion"
                            "(variance / mean) in the local area below which the pixel"
                            "will be classified as background."
                    .type = float
                    .expert_level = 1
                  sigma_strong = 3
                    .help = "The number of standard deviations above the mean in the local"
                            "area above which the pixel will be classified as strong."
                    .type = float
                    .expert_level = 1
                  min_local = 2
                    .help = "The minimum number of pixels under the image processing"
                            "kernel that are need to do the thresholding operation."
                    .type = int
                    .expert_level = 1
                  global_threshold = 0
                    .help = "The global threshold value. Consider all pixels less than"
                            "this value to be part of the background."
                    .type = float
                }
              }
              filter
                .help = "Parameters used in the spot finding filter strategy."
              {
                min_spot_size = Auto
                  .help = "The minimum number of contiguous pixels for a spot to be"
                          "accepted by the filtering algorithm."
                  .type = int(value_min=1, allow_none=True)
                max_spot_size = 1000
                  .help = "The maximum number of contiguous pixels for a spot to be"
                          "accepted by the filtering algorithm."
                  .type = int(value_min=1)
                max_separation = 2
                  .help = "The maximum peak-to-centroid separation (in pixels) for a spot"
                          "to be accepted by the filtering algorithm."
                  .type = float(value_min=0)
                  .expert_level = 1
                d_min = None
                  .help = "The high resolution limit in Angstrom for a pixel to be"
                          "accepted by the filtering algorithm."
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
                    .help = "The pixel coordinates (fast, slow) that define the corners of"
                            "the untrusted polygon."
                    .type = ints(value_min=0)
                }
                ice_rings {
                  filter = False
                    .type = bool
                  width = 0.002
                    .help = "The width of an ice ring (in 1/d^2)."
                    .type = float(value_min=0)
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
                  .type = int(value_min=1)
                nproc = 1
                  .help = "The number of processes to use per cluster job"
                  .type = int(value_min=1)
              }
            }

            """;

    static final String SHOW_EM1_A3 = """
            Showing configuration parameters with:
              attributes_level = 3
              expert_level = -1

            spotfinder
              .style = None
              .help = "Parameters used in the spot finding algorithm."
              .caption = None
              .short_caption = None
              .optional = None
              .call = None
              .multiple = None
              .sequential_format = None
              .disable_add = None
              .disable_delete = None
              .expert_level = None
            {
              scan_range = None
                .help = "The range of images to use in finding spots. The ranges are"
                        "inclusive (e.g. j0 <= j < j1)."
                .caption = None
                .short_caption = None
                .optional = None
                .type = ints(size=2)
                .multiple = True
                .input_size = None
                .style = None
                .expert_level = None
              threshold
                .style = None
                .help = "Extensions for threshold algorithms to be used in spot finding."
                .caption = None
                .short_caption = None
                .optional = None
                .call = None
                .multiple = None
                .sequential_format = None
                .disable_add = None
                .disable_delete = None
                .expert_level = None
              {
                algorithm = dispersion *dispersion_extended radial_profile
                  .help = "The choice of algorithm"
                  .caption = None
                  .short_caption = None
                  .optional = None
                  .type = choice
                  .multiple = None
                  .input_size = None
                  .style = None
                  .expert_level = None
                dispersion
                  .style = None
                  .help = "Extensions to do dispersion threshold."
                  .caption = None
                  .short_caption = None
                  .optional = None
                  .call = None
                  .multiple = None
                  .sequential_format = None
                  .disable_add = None
                  .disable_delete = None
                  .expert_level = None
                {
                  gain = None
                    .help = "Use a flat gain map for the entire detector to act as a"
                            "multiplier for the gain set by the format. Cannot be used in"
                            "conjunction with lookup.gain_map parameter."
                    .caption = None
                    .short_caption = None
                    .optional = None
                    .type = float(value_min=0, allow_none=True)
                    .multiple = None
                    .input_size = None
                    .style = None
                    .expert_level = None
                  kernel_size = 3 3
                    .help = "The size of the local area around the spot in which to"
                            "calculate the mean and variance. The kernel is given as a box"
                            "of size (2 * nx + 1, 2 * ny + 1) centred at the pixel."
                    .caption = None
                    .short_caption = None
                    .optional = None
                    .type = ints(size=2, value_min=1)
                    .multiple = None
                    .input_size = None
                    .style = None
                    .expert_level = 1
                  sigma_background = 6
                    .help = "The number of standard deviations of the index of dispersion"
                            "(variance / mean) in the local area below which the pixel"
                            "will be classified as background."
                    .caption = None
                    .short_caption = None
                    .optional = None
                    .type = float
                    .multiple = None
                    .input_size = None
                    .style = None
                    .expert_level = 1
                  sigma_strong = 3
                    .help = "The number of standard deviations above the mean in the local"
                            "area above which the pixel will be classified as strong."
                    .caption = None
                    .short_caption = None
                    .optional = None
                    .type = float
                    .multiple = None
                    .input_size = None
                    .style = None
                    .expert_level = 1
                  min_local = 2
                    .help = "The minimum number of pixels under the image processing"
                            "kernel that are need to do the thresholding operation."
                    .caption = None
                    .short_caption = None
                    .optional = None
                    .type = int
                    .multiple = None
                    .input_size = None
                    .style = None
                    .expert_level = 1
                  global_threshold = 0
                    .help = "The global threshold value. Consider all pixels less than"
                            "this value to be part of the background."
                    .caption = None
                    .short_caption = None
                    .optional = None
                    .type = float
                    .multiple = None
                    .input_size = None
                    .style = None
                    .expert_level = None
                }
              }
              filter
                .style = None
                .help = "Parameters used in the spot finding filter strategy."
                .caption = None
                .short_caption = None
                .optional = None
                .call = None
                .multiple = None
                .sequential_format = None
                .disable_add = None
                .disable_delete = None
                .expert_level = None
              {
                min_spot_size = Auto
                  .help = "The minimum number of contiguous pixels for a spot to be"
                          "accepted by the filtering algorithm."
                  .caption = None
                  .short_caption = None
                  .optional = None
                  .type = int(value_min=1, allow_none=True)
                  .multiple = None
                  .input_size = None
                  .style = None
                  .expert_level = None
                max_spot_size = 1000
                  .help = "The maximum number of contiguous pixels for a spot to be"
                          "accepted by the filtering algorithm."
                  .caption = None
                  .short_caption = None
                  .optional = None
                  .type = int(value_min=1)
                  .multiple = None
                  .input_size = None
                  .style = None
                  .expert_level = None
                max_separation = 2
                  .help = "The maximum peak-to-centroid separation (in pixels) for a spot"
                          "to be accepted by the filtering algorithm."
                  .caption = None
                  .short_caption = None
                  .optional = None
                  .type = float(value_min=0)
                  .multiple = None
                  .input_size = None
                  .style = None
                  .expert_level = 1
                d_min = None
                  .help = "The high resolution limit in Angstrom for a pixel to be"
                          "accepted by the filtering algorithm."
                  .caption = None
                  .short_caption = "High resolution limit"
                  .optional = None
                  .type = float(value_min=0, allow_none=True)
                  .multiple = None
                  .input_size = None
                  .style = None
                  .expert_level = None
                untrusted
                  .style = None
                  .help = None
                  .caption = None
                  .short_caption = None
                  .optional = None
                  .call = None
                  .multiple = True
                  .sequential_format = None
                  .disable_add = None
                  .disable_delete = None
                  .expert_level = None
                {
                  panel = None
                    .help = "then the whole panel is masked out"
                    .caption = None
                    .short_caption = None
                    .optional = None
                    .type = int(allow_none=True)
                    .multiple = None
                    .input_size = None
                    .style = None
                    .expert_level = None
                  circle = None
                    .help = "An untrusted circle (xc, yc, r)"
                    .caption = None
                    .short_caption = None
                    .optional = None
                    .type = ints(size=3)
                    .multiple = None
                    .input_size = None
                    .style = None
                    .expert_level = None
                  rectangle = None
                    .help = "An untrusted rectangle (x0, x1, y0, y1)"
                    .caption = None
                    .short_caption = None
                    .optional = None
                    .type = ints(size=4)
                    .multiple = None
                    .input_size = None
                    .style = None
                    .expert_level = None
                  polygon = None
                    .help = "The pixel coordinates (fast, slow) that define the corners of"
                            "the untrusted polygon."
                    .caption = None
                    .short_caption = None
                    .optional = None
                    .type = ints(value_min=0)
                    .multiple = None
                    .input_size = None
                    .style = None
                    .expert_level = None
                }
                ice_rings
                  .style = None
                  .help = None
                  .caption = None
                  .short_caption = None
                  .optional = None
                  .call = None
                  .multiple = None
                  .sequential_format = None
                  .disable_add = None
                  .disable_delete = None
                  .expert_level = None
                {
                  filter = False
                    .help = None
                    .caption = None
                    .short_caption = None
                    .optional = None
                    .type = bool
                    .multiple = None
                    .input_size = None
                    .style = None
                    .expert_level = None
                  width = 0.002
                    .help = "The width of an ice ring (in 1/d^2)."
                    .caption = None
                    .short_caption = None
                    .optional = None
                    .type = float(value_min=0)
                    .multiple = None
                    .input_size = None
                    .style = None
                    .expert_level = 1
                  d_min = None
                    .help = "The high resolution limit (otherwise use detector d_min)"
                    .caption = None
                    .short_caption = None
                    .optional = None
                    .type = float(value_min=0, allow_none=True)
                    .multiple = None
                    .input_size = None
                    .style = None
                    .expert_level = 1
                }
              }
              mp
                .style = None
                .help = None
                .caption = None
                .short_caption = None
                .optional = None
                .call = None
                .multiple = None
                .sequential_format = None
                .disable_add = None
                .disable_delete = None
                .expert_level = None
              {
                method = *none drmaa sge lsf pbs
                  .help = "The cluster method to use"
                  .caption = None
                  .short_caption = None
                  .optional = None
                  .type = choice
                  .multiple = None
                  .input_size = None
                  .style = None
                  .expert_level = None
                njobs = 1
                  .help = "The number of cluster jobs to use"
                  .caption = None
                  .short_caption = None
                  .optional = None
                  .type = int(value_min=1)
                  .multiple = None
                  .input_size = None
                  .style = None
                  .expert_level = None
                nproc = 1
                  .help = "The number of processes to use per cluster job"
                  .caption = None
                  .short_caption = None
                  .optional = None
                  .type = int(value_min=1)
                  .multiple = None
                  .input_size = None
                  .style = None
                  .expert_level = None
              }
            }

            """;

    static final String ARGS_1 = "spotfinder.filter.min_spot_size=3 spotfinder.threshold.dispersion.gain=0.5 spotfinder.threshold.dispersion.kernel_size=5,5 spotfinder.mp.nproc=4 spotfinder.threshold.algorithm=dispersion spotfinder.filter.d_min=1.2345678901234 spotfinder.filter.ice_rings.filter=True spotfinder.scan_range=1,10 spotfinder.scan_range=20,30";

    static final String FULL_1 = """
            spotfinder {
              scan_range = 1 10
              scan_range = 20 30
              threshold {
                algorithm = *dispersion dispersion_extended radial_profile
                dispersion {
                  gain = 0.5
                  kernel_size = 5 5
                  sigma_background = 6
                  sigma_strong = 3
                  min_local = 2
                  global_threshold = 0
                }
              }
              filter {
                min_spot_size = 3
                max_spot_size = 1000
                max_separation = 2
                d_min = 1.23456789
                untrusted {
                  panel = None
                  circle = None
                  rectangle = None
                  polygon = None
                }
                ice_rings {
                  filter = True
                  width = 0.002
                  d_min = None
                }
              }
              mp {
                method = *none drmaa sge lsf pbs
                njobs = 1
                nproc = 4
              }
            }
            """;

    static final String DIFF_1 = """
            spotfinder {
              scan_range = 1 10
              scan_range = 20 30
              threshold {
                algorithm = *dispersion dispersion_extended radial_profile
                dispersion {
                  gain = 0.5
                  kernel_size = 5 5
                }
              }
              filter {
                min_spot_size = 3
                d_min = 1.23456789
                ice_rings {
                  filter = True
                }
              }
              mp {
                nproc = 4
              }
            }
            """;

    static final String ARGS_2 = "spotfinder.filter.untrusted.circle=100,200,10 spotfinder.filter.untrusted.rectangle=0,10,0,10 spotfinder.filter.untrusted.polygon=1000,1001,1002,1003,1004,1005,1006,1007,1008,1009,1010,1011,1012,1013,1014,1015,1016,1017,1018,1019,1020,1021,1022,1023,1024,1025,1026,1027,1028,1029,1030,1031,1032,1033,1034,1035,1036,1037,1038,1039,1040 spotfinder.threshold.dispersion.sigma_strong=1e-7 spotfinder.filter.max_separation=12345678901";

    static final String FULL_2 = """
            spotfinder {
              scan_range = None
              threshold {
                algorithm = dispersion *dispersion_extended radial_profile
                dispersion {
                  gain = None
                  kernel_size = 3 3
                  sigma_background = 6
                  sigma_strong = 1e-07
                  min_local = 2
                  global_threshold = 0
                }
              }
              filter {
                min_spot_size = Auto
                max_spot_size = 1000
                max_separation = 1.23456789e+10
                d_min = None
                untrusted {
                  panel = None
                  circle = 100 200 10
                  rectangle = None
                  polygon = None
                }
                untrusted {
                  panel = None
                  circle = None
                  rectangle = 0 10 0 10
                  polygon = None
                }
                untrusted {
                  panel = None
                  circle = None
                  rectangle = None
                  polygon = 1000 1001 1002 1003 1004 1005 1006 1007 1008 1009 1010 1011 \\
                            1012 1013 1014 1015 1016 1017 1018 1019 1020 1021 1022 1023 \\
                            1024 1025 1026 1027 1028 1029 1030 1031 1032 1033 1034 1035 \\
                            1036 1037 1038 1039 1040
                }
                ice_rings {
                  filter = False
                  width = 0.002
                  d_min = None
                }
              }
              mp {
                method = *none drmaa sge lsf pbs
                njobs = 1
                nproc = 1
              }
            }
            """;

    static final String DIFF_2 = """
            spotfinder {
              threshold {
                dispersion {
                  sigma_strong = 1e-07
                }
              }
              filter {
                max_separation = 1.23456789e+10
                untrusted {
                  circle = 100 200 10
                }
                untrusted {
                  rectangle = 0 10 0 10
                }
                untrusted {
                  polygon = 1000 1001 1002 1003 1004 1005 1006 1007 1008 1009 1010 1011 \\
                            1012 1013 1014 1015 1016 1017 1018 1019 1020 1021 1022 1023 \\
                            1024 1025 1026 1027 1028 1029 1030 1031 1032 1033 1034 1035 \\
                            1036 1037 1038 1039 1040
                }
              }
            }
            """;
}

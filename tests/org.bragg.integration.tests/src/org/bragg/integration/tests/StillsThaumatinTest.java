package org.bragg.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bragg.format.FormatRegistry;
import org.bragg.integration.IntegrationParameters;
import org.bragg.integration.StillsIntegrationResult;
import org.bragg.integration.StillsIntegrator;
import org.bragg.integration.internal.StillsMosaicity;
import org.bragg.io.ExperimentListIO;
import org.bragg.io.ReflectionTableIO;
import org.bragg.model.ExperimentList;
import org.bragg.model.Progress;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionFlag;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.refinement.internal.SimpleIndexer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stills integration of three real thaumatin stills ({@code real_thaumatin_grid_i24}, DLS I24 Pilatus3 6M, CC-BY 4.0,
 * images 3–5) with the crystal, beam and detector models Bragg refined for them ({@link #MODELS}: from
 * {@code bragg process images known_symmetry.space_group=P41212 known_symmetry.unit_cell=57.8,57.8,150,90,90,90},
 * i.e. import, find_spots, index, refine, integrate; the crystals carry the Nave mosaicity model that integrate
 * estimated). The reference strong spots are DIALS 3.12's stills-mode spots
 * ({@code dials_reference/stills_mode/strong.refl}), indexed here by rounding with each frame's own crystal.
 *
 * <p>DIALS 3.12 reference: {@code dials.integrate models.expt indexed3.refl nproc=2
 * profile.gaussian_rs.min_spots.overall=0} on these three models and the same reference (DIALS's strong spots of the
 * three frames indexed by rounding, tolerance 0.3, with {@code entering} false and {@code xyzcal} from DIALS's stills
 * predictor) gave σ_b {@link #DIALS_SIGMA_B} and {@link #DIALS_INTEGRATED} integrated reflections; both must agree
 * within 1 %. (On all 15 Bragg-refined stills Bragg and DIALS integrate the same 36 823 reflections, CC of
 * intensities 1.0000.) Strong spots must be integrated at DIALS's centroids and with intensities correlated to
 * DIALS's spot-finding sums.
 */
class StillsThaumatinTest {
	/** Models of images 3, 4, 5 as Bragg refined them; {@code @IMAGES@} is replaced by the dataset's image directory. */
	static final String MODELS = """
			{
			 "__id__": "ExperimentList",
			 "experiment": [
			  {
			   "__id__": "Experiment",
			   "identifier": "d67e57ac-0d31-465d-8afb-cd4b6f048894",
			   "beam": 0,
			   "detector": 0,
			   "crystal": 0,
			   "imageset": 0
			  },
			  {
			   "__id__": "Experiment",
			   "identifier": "03d02424-84d9-42a2-bc31-5a33e47bc43a",
			   "beam": 0,
			   "detector": 0,
			   "crystal": 1,
			   "imageset": 1
			  },
			  {
			   "__id__": "Experiment",
			   "identifier": "70c5d508-63b2-4f6f-8975-aff67e95bea8",
			   "beam": 0,
			   "detector": 0,
			   "crystal": 2,
			   "imageset": 2
			  }
			 ],
			 "imageset": [
			  {
			   "__id__": "ImageSet",
			   "images": [
			    "@IMAGES@/thau_3_2_0003.cbf.bz2"
			   ],
			   "mask": null,
			   "gain": null,
			   "pedestal": null,
			   "dx": null,
			   "dy": null,
			   "params": {}
			  },
			  {
			   "__id__": "ImageSet",
			   "images": [
			    "@IMAGES@/thau_3_2_0004.cbf.bz2"
			   ],
			   "mask": null,
			   "gain": null,
			   "pedestal": null,
			   "dx": null,
			   "dy": null,
			   "params": {}
			  },
			  {
			   "__id__": "ImageSet",
			   "images": [
			    "@IMAGES@/thau_3_2_0005.cbf.bz2"
			   ],
			   "mask": null,
			   "gain": null,
			   "pedestal": null,
			   "dx": null,
			   "dy": null,
			   "params": {}
			  }
			 ],
			 "beam": [
			  {
			   "direction": [
			    5.702663200931302e-05,
			    0.0,
			    0.9999999983739817
			   ],
			   "wavelength": 0.96859,
			   "divergence": 0.0,
			   "sigma_divergence": 0.0,
			   "polarization_normal": [
			    0.0,
			    1.0,
			    0.0
			   ],
			   "polarization_fraction": 0.999,
			   "flux": 1.396021,
			   "transmission": 1.0
			  }
			 ],
			 "detector": [
			  {
			   "panels": [
			    {
			     "name": "Panel",
			     "type": "SENSOR_PAD",
			     "fast_axis": [
			      0.9999790894539679,
			      -0.001132593731832171,
			      -0.006366936959967522
			     ],
			     "slow_axis": [
			      -0.0011265451558597592,
			      -0.999998910862588,
			      0.0009535038802356898
			     ],
			     "origin": [
			      -216.73286802609616,
			      225.1092869025534,
			      -345.42886760609343
			     ],
			     "raw_image_offset": [
			      0,
			      0
			     ],
			     "image_size": [
			      2463,
			      2527
			     ],
			     "pixel_size": [
			      0.17200000000000001,
			      0.17200000000000001
			     ],
			     "trusted_range": [
			      -1.0,
			      115897.0
			     ],
			     "thickness": 0.45,
			     "material": "Si",
			     "mu": 3.8326187041206916,
			     "identifier": "",
			     "mask": [
			      [
			       487,
			       0,
			       494,
			       2527
			      ],
			      [
			       981,
			       0,
			       988,
			       2527
			      ],
			      [
			       1475,
			       0,
			       1482,
			       2527
			      ],
			      [
			       1969,
			       0,
			       1976,
			       2527
			      ],
			      [
			       0,
			       195,
			       2463,
			       212
			      ],
			      [
			       0,
			       407,
			       2463,
			       424
			      ],
			      [
			       0,
			       619,
			       2463,
			       636
			      ],
			      [
			       0,
			       831,
			       2463,
			       848
			      ],
			      [
			       0,
			       1043,
			       2463,
			       1060
			      ],
			      [
			       0,
			       1255,
			       2463,
			       1272
			      ],
			      [
			       0,
			       1467,
			       2463,
			       1484
			      ],
			      [
			       0,
			       1679,
			       2463,
			       1696
			      ],
			      [
			       0,
			       1891,
			       2463,
			       1908
			      ],
			      [
			       0,
			       2103,
			       2463,
			       2120
			      ],
			      [
			       0,
			       2315,
			       2463,
			       2332
			      ]
			     ],
			     "gain": 1.0,
			     "pedestal": 0.0,
			     "px_mm_strategy": {
			      "type": "ParallaxCorrectedPxMmStrategy"
			     }
			    }
			   ],
			   "hierarchy": {
			    "name": "",
			    "type": "",
			    "fast_axis": [
			     1.0,
			     0.0,
			     0.0
			    ],
			    "slow_axis": [
			     0.0,
			     1.0,
			     0.0
			    ],
			    "origin": [
			     0.0,
			     0.0,
			     0.0
			    ],
			    "raw_image_offset": [
			     0,
			     0
			    ],
			    "image_size": [
			     0,
			     0
			    ],
			    "pixel_size": [
			     0.0,
			     0.0
			    ],
			    "trusted_range": [
			     0.0,
			     0.0
			    ],
			    "thickness": 0.0,
			    "material": "",
			    "mu": 0.0,
			    "identifier": "",
			    "mask": [],
			    "gain": 1.0,
			    "pedestal": 0.0,
			    "px_mm_strategy": {
			     "type": "SimplePxMmStrategy"
			    },
			    "children": [
			     {
			      "panel": 0
			     }
			    ]
			   }
			  }
			 ],
			 "goniometer": [],
			 "scan": [],
			 "crystal": [
			  {
			   "__id__": "crystal",
			   "real_space_a": [
			    35.27542064492051,
			    -42.9033583243482,
			    15.906104620004056
			   ],
			   "real_space_b": [
			    -20.50835497285295,
			    -32.77834483028847,
			    -42.9307012272124
			   ],
			   "real_space_c": [
			    106.48295158089064,
			    53.53737033289703,
			    -91.74451949459389
			   ],
			   "space_group_hall_symbol": " P 4abw 2nw",
			   "ML_half_mosaicity_deg": 8.238991713592184e-15,
			   "ML_domain_size_ang": 334.2568606202535
			  },
			  {
			   "__id__": "crystal",
			   "real_space_a": [
			    35.22206327224338,
			    -42.90369553434225,
			    15.937071016144875
			   ],
			   "real_space_b": [
			    20.46160781245815,
			    32.74971076663093,
			    42.94287035891138
			   ],
			   "real_space_c": [
			    -106.60472147878039,
			    -53.49476474294975,
			    91.59243529466336
			   ],
			   "space_group_hall_symbol": " P 4abw 2nw",
			   "ML_half_mosaicity_deg": 3.255085511850686e-14,
			   "ML_domain_size_ang": 307.97975722135396
			  },
			  {
			   "__id__": "crystal",
			   "real_space_a": [
			    35.17807107729081,
			    -42.91916674779072,
			    15.900607352515124
			   ],
			   "real_space_b": [
			    20.477002351823614,
			    32.693559381489536,
			    42.94420127182339
			   ],
			   "real_space_c": [
			    -106.62464525864166,
			    -53.47517149421793,
			    91.55244922402953
			   ],
			   "space_group_hall_symbol": " P 4abw 2nw",
			   "ML_half_mosaicity_deg": 1.537409598581068e-14,
			   "ML_domain_size_ang": 326.3464620228616
			  }
			 ],
			 "profile": [],
			 "scaling_model": []
			}
			""";
	/** Input frames (DIALS stills-mode experiment ids) of the three models. */
	static final int[] FRAMES = { 2, 3, 4 };
	/** DIALS 3.12 σ_b (degrees) of the three experiments. */
	static final double[] DIALS_SIGMA_B = { 0.064062, 0.064444, 0.061698 };
	/** DIALS 3.12 integrated reflections of the three experiments (after its stills filters). */
	static final int[] DIALS_INTEGRATED = { 2793, 3009, 2866 };

	@TempDir
	Path tmp;

	static Path dataset() {
		String p = System.getProperty("bragg.shared.data");
		Path root = p != null ? Path.of(p) : Files.isDirectory(Path.of("../shared/data")) ? Path.of("../shared/data") : Path.of("/work/shared/data");
		Path ds = root.resolve("real_thaumatin_grid_i24");
		assertTrue(Files.isDirectory(ds.resolve("images")), "shared data missing: " + ds + " (set -Dbragg.shared.data)");
		return ds;
	}

	@Test
	void threeStillsAgreeWithDials() throws Exception {
		Path ds = dataset();
		Path expt = tmp.resolve("models.expt");
		Files.writeString(expt, MODELS.replace("@IMAGES@", ds.resolve("images").toAbsolutePath().toString()));
		ExperimentList el = ExperimentListIO.read(expt);
		ReflectionTable strong = ReflectionTableIO.read(ds.resolve("dials_reference/stills_mode/strong.refl"));
		// index each frame's strong spots with its own crystal
		List<ReflectionTable> parts = new ArrayList<>();
		int[] sid = strong.get(Columns.ID);
		for (int j = 0; j < FRAMES.length; j++) {
			List<Integer> rows = new ArrayList<>();
			for (int i = 0; i < strong.size(); i++) if (sid[i] == FRAMES[j]) rows.add(i);
			ReflectionTable t = strong.select(rows.stream().mapToInt(Integer::intValue).toArray());
			Arrays.fill(t.get(Columns.ID), 0);
			int n = SimpleIndexer.assign(ExperimentList.of(el.get(j)), t, 0.3);
			assertTrue(n > 0.5 * t.size(), "frame " + FRAMES[j] + ": indexed " + n + " of " + t.size() + " strong spots");
			int[] id = t.get(Columns.ID);
			long[] fl = t.get(Columns.FLAGS);
			for (int i = 0; i < t.size(); i++) id[i] = ReflectionFlag.INDEXED.isSet(fl[i]) ? j : -1;
			t.experimentIdentifiers().clear();
			t.experimentIdentifiers().put(j, el.get(j).identifier());
			parts.add(t);
		}
		ReflectionTable ref = ReflectionTable.concat(parts);
		List<String> log = new ArrayList<>();
		StillsIntegrationResult r = StillsIntegrator.integrate(el, ref, IntegrationParameters.defaults().withNproc(2), FormatRegistry.fromServiceLoader(),
				Progress.NONE, log::add);
		System.out.println(String.join("\n", log));
		assertEquals(3, r.experiments().size(), "every still integrated");
		ReflectionTable t = r.reflections();
		int[] id = t.get(Columns.ID), hkl = t.get(Columns.MILLER_INDEX);
		double[] I = t.get(Columns.INTENSITY_SUM_VALUE), V = t.get(Columns.INTENSITY_SUM_VARIANCE), obs = t.get(Columns.XYZOBS_PX_VALUE);
		double[] cal = t.get(Columns.XYZCAL_PX), part = t.get(Columns.PARTIALITY), lp = t.get(Columns.LP), qe = t.get(Columns.QE);
		for (int j = 0; j < 3; j++) {
			var pe = r.perExperiment().get(j);
			assertEquals(DIALS_SIGMA_B[j], pe.sigmaBDeg(), 0.01 * DIALS_SIGMA_B[j], "sigma_b of frame " + FRAMES[j]);
			assertEquals(DIALS_INTEGRATED[j], pe.nIntegrated(), 0.01 * DIALS_INTEGRATED[j], "integrated reflections of frame " + FRAMES[j]);
		}
		for (int i = 0; i < t.size(); i++) {
			assertTrue(V[i] > 0, "positive variance");
			assertEquals(1.0, part[i], 0.0, "DIALS 3.12 gaussian_rs stills partiality");
			// lp = 1/P: with the I24 polarisation fraction 0.999, P = 1 at low angle and falls below 1 in the polarisation plane
			assertTrue(lp[i] > 0.9 && lp[i] < 1.5, "stills lp = 1/P: " + lp[i]);
			assertTrue(qe[i] > 0.5 && qe[i] <= 1, "Pilatus 450 um Si quantum efficiency at 12.8 keV: " + qe[i]);
		}
		// strong spots: integrated centroids near DIALS's observed ones, intensities correlated with DIALS's spot sums
		Map<List<Integer>, Integer> row = new HashMap<>();
		for (int i = 0; i < t.size(); i++) row.put(List.of(id[i], hkl[3 * i], hkl[3 * i + 1], hkl[3 * i + 2]), i);
		int[] rid = ref.get(Columns.ID), rh = ref.get(Columns.MILLER_INDEX);
		double[] rI = ref.get(Columns.INTENSITY_SUM_VALUE), robs = ref.get(Columns.XYZOBS_PX_VALUE);
		List<Double> a = new ArrayList<>(), b = new ArrayList<>(), dxy = new ArrayList<>(), dcal = new ArrayList<>();
		int nIndexed = 0;
		for (int i = 0; i < ref.size(); i++) {
			if (rid[i] < 0) continue;
			nIndexed++;
			Integer k = row.get(List.of(rid[i], rh[3 * i], rh[3 * i + 1], rh[3 * i + 2]));
			if (k == null) continue;
			a.add(I[k]);
			b.add(rI[i]);
			dxy.add(Math.hypot(obs[3 * k] - robs[3 * i], obs[3 * k + 1] - robs[3 * i + 1]));
			dcal.add(Math.hypot(cal[3 * k] - robs[3 * i], cal[3 * k + 1] - robs[3 * i + 1]));
		}
		double found = (double) a.size() / nIndexed;
		double cc = pearson(a, b);
		dxy.sort(null);
		dcal.sort(null);
		double medObs = dxy.get(dxy.size() / 2), medCal = dcal.get(dcal.size() / 2);
		System.out.printf("strong spots integrated %d of %d indexed (%.3f); CC(I, DIALS spot sum) %.4f; median |obs - DIALS obs| %.3f px, |cal - DIALS obs| %.3f px%n",
				a.size(), nIndexed, found, cc, medObs, medCal);
		assertTrue(found > 0.8, "indexed strong spots among the integrated reflections: " + found);
		assertTrue(cc > 0.99, "CC of integrated intensities with DIALS's strong-spot sums: " + cc);
		assertTrue(medObs < 0.6, "median centroid distance to DIALS's strong spots: " + medObs + " px");
		assertTrue(medCal < 1.5, "median prediction distance to DIALS's strong spots: " + medCal + " px");
	}

	/**
	 * The Nave model estimated from DIALS's strong spots of each frame (indexed by rounding) agrees with the one Bragg
	 * estimated from its own refined spots ({@link #MODELS}): domain size within 25 %, and the acceptance
	 * |Δψ| &lt; d/D + η/4 contains at least 90 % of the indexed spots' |Δψ|.
	 */
	@Test
	void mosaicityModelFromDialsSpots() throws Exception {
		Path ds = dataset();
		Path expt = tmp.resolve("models.expt");
		Files.writeString(expt, MODELS.replace("@IMAGES@", ds.resolve("images").toAbsolutePath().toString()));
		ExperimentList el = ExperimentListIO.read(expt);
		ReflectionTable strong = ReflectionTableIO.read(ds.resolve("dials_reference/stills_mode/strong.refl"));
		int[] sid = strong.get(Columns.ID);
		for (int j = 0; j < FRAMES.length; j++) {
			List<Integer> rows = new ArrayList<>();
			for (int i = 0; i < strong.size(); i++) if (sid[i] == FRAMES[j]) rows.add(i);
			ReflectionTable t = strong.select(rows.stream().mapToInt(Integer::intValue).toArray());
			Arrays.fill(t.get(Columns.ID), 0);
			SimpleIndexer.assign(ExperimentList.of(el.get(j)), t, 0.3);
			long[] fl = t.get(Columns.FLAGS);
			List<Integer> ix = new ArrayList<>();
			for (int i = 0; i < t.size(); i++) if (ReflectionFlag.INDEXED.isSet(fl[i])) ix.add(i);
			ReflectionTable p = org.bragg.refinement.Predictor.predictObserved(ExperimentList.of(el.get(j)), t.select(ix.stream().mapToInt(Integer::intValue).toArray()));
			double[] dpsi = p.get(Columns.DELPSICAL_RAD);
			int[] hkl = p.get(Columns.MILLER_INDEX);
			double[] d = new double[p.size()];
			var a = el.get(j).crystal().a();
			for (int i = 0; i < d.length; i++) d[i] = 1 / a.times(new org.bragg.model.Vec3(hkl[3 * i], hkl[3 * i + 1], hkl[3 * i + 2])).length();
			StillsMosaicity.Model m = StillsMosaicity.estimate(d, dpsi, el.get(j).crystal().volume());
			double bragg = ((Number) el.get(j).crystal().extras().get(StillsIntegrator.ML_DOMAIN_SIZE_ANG)).doubleValue();
			int inside = 0;
			for (int i = 0; i < d.length; i++) if (Math.abs(dpsi[i]) < m.deltaPsiModel(d[i])) inside++;
			System.out.printf("frame %d: domain size %.0f A (Bragg spots %.0f A), half mosaicity %.4f deg, LSQ start %.0f A / %.4f deg, %d of %d inside%n", FRAMES[j],
					m.domainSizeAng(), bragg, m.halfMosaicityDeg(), m.lsqDomainSizeAng(), m.lsqFullMosaicityDeg(), inside, d.length);
			assertEquals(bragg, m.domainSizeAng(), 0.25 * bragg, "domain size of frame " + FRAMES[j]);
			assertTrue(inside >= 0.9 * d.length, "frame " + FRAMES[j] + ": " + inside + " of " + d.length + " spots inside the model");
		}
	}

	static double pearson(List<Double> x, List<Double> y) {
		int n = x.size();
		double mx = 0, my = 0;
		for (int i = 0; i < n; i++) {
			mx += x.get(i);
			my += y.get(i);
		}
		mx /= n;
		my /= n;
		double sxy = 0, sxx = 0, syy = 0;
		for (int i = 0; i < n; i++) {
			double dx = x.get(i) - mx, dy = y.get(i) - my;
			sxy += dx * dy;
			sxx += dx * dx;
			syy += dy * dy;
		}
		return sxy / Math.sqrt(sxx * syy);
	}
}

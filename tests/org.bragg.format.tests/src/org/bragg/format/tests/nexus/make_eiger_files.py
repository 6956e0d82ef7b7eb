#!/usr/bin/python3
"""Writes small DECTRIS-Eiger-style HDF5 files for the Bragg NeXus reader tests (run by
EigerMasterTest with /usr/bin/python3; needs h5py and the Debian 'bitshuffle' package).

    make_eiger_files.py OUTDIR FRAMES.bin NFRAMES NY NX VARIANT

FRAMES.bin holds NFRAMES*NY*NX little-endian int32 pixels (the CBF frames). The data files are
written as uint32 (negative CBF values become 0xFFFFFFFF / 0xFFFFFFFE, as on an Eiger), one chunk
per frame, compressed with the bitshuffle library's own HDF5 filter (32008, LZ4). VARIANT:
  filewriter  NXmx master lyso_master.h5 with detectorSpecific and external links
              /entry/data/data_000001 (frames 1-3) and data_000002 (frames 4-5)
  nearly      DECTRIS "nearly NeXus" master lysonn_master.h5 (no NXmx definition)
  vds         NXmx master lysovds_master.h5 whose /entry/data/data is a virtual dataset
Geometry: Pilatus 1M of sim_xray_1a8o_p43212 (lambda 0.9795 A, 150 mm, beam (479.2, 529.2) px of
0.172 mm, Si 0.45 mm, omega 0.5 deg steps about +x of the DIALS frame).
"""
import os
import sys

import bitshuffle.h5
import h5py
import numpy as np

out, frames_bin, nframes, ny, nx, variant = sys.argv[1:7]
nframes, ny, nx = int(nframes), int(ny), int(nx)
frames = np.fromfile(frames_bin, dtype="<i4").reshape(nframes, ny, nx).view(np.uint32)
mask = np.zeros((ny, nx), dtype=np.uint32)
mask[frames[0] == 0xFFFFFFFF] = 1
mask[frames[0] == 0xFFFFFFFE] = 2
BS = dict(compression=bitshuffle.h5.H5FILTER, compression_opts=(0, bitshuffle.h5.H5_COMPRESS_LZ4))
split = [(0, 3), (3, nframes)]


def nxclass(g, name):
    g.attrs["NX_class"] = np.bytes_(name)
    return g


def axis(ds, ttype, units, vector, depends_on):
    ds.attrs["transformation_type"] = np.bytes_(ttype)
    ds.attrs["units"] = np.bytes_(units)
    ds.attrs["vector"] = np.array(vector, dtype=float)
    ds.attrs["offset"] = np.zeros(3)
    ds.attrs["depends_on"] = np.bytes_(depends_on)


def data_files(prefix):
    names = []
    for k, (a, b) in enumerate(split, start=1):
        name = "%s_data_%06d.h5" % (prefix, k)
        with h5py.File(os.path.join(out, name), "w") as f:
            e = nxclass(f.create_group("entry"), "NXentry")
            d = nxclass(e.create_group("data"), "NXdata")
            ds = d.create_dataset("data", data=frames[a:b], chunks=(1, ny, nx), **BS)
            ds.attrs["image_nr_low"] = np.int32(a + 1)
            ds.attrs["image_nr_high"] = np.int32(b)
        names.append(name)
    return names


def detector_specific(det):
    s = det.create_group("detectorSpecific")
    s["nimages"] = np.int64(nframes)
    s["ntrigger"] = np.int64(1)
    s["x_pixels_in_detector"] = np.int32(nx)
    s["y_pixels_in_detector"] = np.int32(ny)
    s["countrate_correction_count_cutoff"] = np.int32(1048575)
    s.create_dataset("pixel_mask", data=mask, compression="gzip")
    s["software_version"] = np.bytes_("simulated")


omega = np.arange(nframes) * 0.5
if variant in ("filewriter", "vds"):
    prefix = "lyso" if variant == "filewriter" else "lysovds"
    names = data_files(prefix)
    with h5py.File(os.path.join(out, prefix + "_master.h5"), "w") as f:
        e = nxclass(f.create_group("entry"), "NXentry")
        e["definition"] = np.bytes_("NXmx")
        ins = nxclass(e.create_group("instrument"), "NXinstrument")
        beam = nxclass(ins.create_group("beam"), "NXbeam")
        beam["incident_wavelength"] = 0.9795
        beam["incident_wavelength"].attrs["units"] = np.bytes_("angstrom")
        det = nxclass(ins.create_group("detector"), "NXdetector")
        det["description"] = np.bytes_("Dectris EIGER2 Si 1M (simulated)")
        det["sensor_material"] = np.bytes_("Si")
        det["sensor_thickness"] = 0.00045
        det["sensor_thickness"].attrs["units"] = np.bytes_("m")
        det["frame_time"] = 0.1
        det["frame_time"].attrs["units"] = np.bytes_("s")
        det["depends_on"] = np.bytes_("/entry/instrument/detector/transformations/translation")
        detector_specific(det)
        t = nxclass(det.create_group("transformations"), "NXtransformations")
        axis(t.create_dataset("translation", data=0.15), "translation", "m", (0, 0, 1), ".")
        m = nxclass(det.create_group("module"), "NXdetector_module")
        m["data_origin"] = np.array([0, 0], dtype=np.int32)
        m["data_size"] = np.array([ny, nx], dtype=np.int32)
        ox, oy = 479.2 * 0.000172, 529.2 * 0.000172
        length = np.hypot(ox, oy)
        axis(m.create_dataset("module_offset", data=length), "translation", "m", (ox / length, oy / length, 0),
             "/entry/instrument/detector/transformations/translation")
        axis(m.create_dataset("fast_pixel_direction", data=0.000172), "translation", "m", (-1, 0, 0),
             "/entry/instrument/detector/module/module_offset")
        axis(m.create_dataset("slow_pixel_direction", data=0.000172), "translation", "m", (0, -1, 0),
             "/entry/instrument/detector/module/module_offset")
        s = nxclass(e.create_group("sample"), "NXsample")
        s["depends_on"] = np.bytes_("/entry/sample/transformations/omega")
        st = nxclass(s.create_group("transformations"), "NXtransformations")
        axis(st.create_dataset("omega", data=omega), "rotation", "deg", (-1, 0, 0), ".")
        d = nxclass(e.create_group("data"), "NXdata")
        if variant == "filewriter":
            for k, name in enumerate(names, start=1):
                d["data_%06d" % k] = h5py.ExternalLink(name, "/entry/data/data")
        else:
            layout = h5py.VirtualLayout(shape=(nframes, ny, nx), dtype=np.uint32)
            for (a, b), name in zip(split, names):
                layout[a:b] = h5py.VirtualSource(name, "/entry/data/data", shape=(b - a, ny, nx))
            d.create_virtual_dataset("data", layout, fillvalue=0)
elif variant == "nearly":
    names = data_files("lysonn")
    with h5py.File(os.path.join(out, "lysonn_master.h5"), "w") as f:
        e = nxclass(f.create_group("entry"), "NXentry")
        ins = nxclass(e.create_group("instrument"), "NXinstrument")
        beam = nxclass(ins.create_group("beam"), "NXbeam")
        beam["incident_wavelength"] = 0.9795
        beam["incident_wavelength"].attrs["units"] = np.bytes_("angstrom")
        det = nxclass(ins.create_group("detector"), "NXdetector")
        det["description"] = np.bytes_("Dectris Eiger 1M (simulated)")
        det["detector_number"] = np.bytes_("E-00-0000")
        for key, value, unit in (("x_pixel_size", 0.000172, "m"), ("y_pixel_size", 0.000172, "m"),
                                 ("beam_center_x", 479.2, "pixel"), ("beam_center_y", 529.2, "pixel"),
                                 ("detector_distance", 0.15, "m"), ("sensor_thickness", 0.00045, "m"),
                                 ("frame_time", 0.1, "s"), ("count_time", 0.0999, "s")):
            det[key] = value
            det[key].attrs["units"] = np.bytes_(unit)
        det["sensor_material"] = np.bytes_("Si")
        geo = det.create_group("geometry")
        geo.create_group("orientation")["value"] = np.array([-1.0, 0, 0, 0, -1, 0])
        geo.create_group("translation")["distances"] = np.array([0.0, 0, 0.15])
        detector_specific(det)
        s = nxclass(e.create_group("sample"), "NXsample")
        g = s.create_group("goniometer")
        g["omega"] = omega
        g["omega_increment"] = 0.5
        g["omega_range_average"] = 0.5
        d = nxclass(e.create_group("data"), "NXdata")
        for k, name in enumerate(names, start=1):
            d["data_%06d" % k] = h5py.ExternalLink(name, "/entry/data/data")
else:
    raise SystemExit("unknown variant " + variant)

#!/usr/bin/python3
"""Helper of dev/bench_hdf5.sh: writes the benchmark files and times h5py + the bitshuffle HDF5 filter.

    bench_hdf5.py write OUTDIR NFRAMES   writes OUTDIR/frames.h5 (/data) and OUTDIR/frames_nxmx.nxs
    bench_hdf5.py read OUTDIR REPS       prints h5py decode time per frame (best of REPS)

Frames: 4148 x 4362 uint32 (Eiger 16M size), Poisson(0.5) background plus 3000 Gaussian spots
(sigma 1 px, exponential intensities of mean 2000), seed 42 + frame; one chunk per frame compressed
with bitshuffle-LZ4 (filter 32008) by the bitshuffle library.
"""
import os
import sys
import time

import bitshuffle.h5
import h5py
import numpy as np

NY, NX = 4362, 4148
BS = dict(compression=bitshuffle.h5.H5FILTER, compression_opts=(0, bitshuffle.h5.H5_COMPRESS_LZ4))


def frame(seed):
    rng = np.random.default_rng(42 + seed)
    a = rng.poisson(0.5, (NY, NX)).astype(np.uint32)
    ys = rng.integers(3, NY - 3, 3000)
    xs = rng.integers(3, NX - 3, 3000)
    intensity = rng.exponential(2000, 3000)
    yy, xx = np.mgrid[-3:4, -3:4]
    g = np.exp(-(xx ** 2 + yy ** 2) / 2.0)
    g /= g.sum()
    for y, x, i in zip(ys, xs, intensity):
        a[y - 3:y + 4, x - 3:x + 4] += rng.poisson(i * g).astype(np.uint32)
    return a


def write(out, n):
    data = np.stack([frame(i) for i in range(n)])
    with h5py.File(os.path.join(out, "frames.h5"), "w") as f:
        f.create_dataset("data", data=data, chunks=(1, NY, NX), **BS)
    with h5py.File(os.path.join(out, "frames_nxmx.nxs"), "w") as f:
        def nx(g, c):
            g.attrs["NX_class"] = np.bytes_(c)
            return g

        def axis(ds, t, u, v, dep):
            ds.attrs["transformation_type"] = np.bytes_(t)
            ds.attrs["units"] = np.bytes_(u)
            ds.attrs["vector"] = np.array(v, float)
            ds.attrs["depends_on"] = np.bytes_(dep)
        e = nx(f.create_group("entry"), "NXentry")
        e["definition"] = np.bytes_("NXmx")
        ins = nx(e.create_group("instrument"), "NXinstrument")
        b = nx(ins.create_group("beam"), "NXbeam")
        b["incident_wavelength"] = 0.9763
        b["incident_wavelength"].attrs["units"] = np.bytes_("angstrom")
        d = nx(ins.create_group("detector"), "NXdetector")
        d["sensor_material"] = np.bytes_("Si")
        d["sensor_thickness"] = 0.00045
        d["sensor_thickness"].attrs["units"] = np.bytes_("m")
        t = nx(d.create_group("transformations"), "NXtransformations")
        axis(t.create_dataset("det_z", data=200.0), "translation", "mm", (0, 0, 1), ".")
        m = nx(d.create_group("module"), "NXdetector_module")
        m["data_origin"] = np.array([0, 0], np.int32)
        m["data_size"] = np.array([NY, NX], np.int32)
        axis(m.create_dataset("module_offset", data=0.0), "translation", "mm", (1, 0, 0), "/entry/instrument/detector/transformations/det_z")
        axis(m.create_dataset("fast_pixel_direction", data=0.075), "translation", "mm", (-1, 0, 0), "/entry/instrument/detector/module/module_offset")
        axis(m.create_dataset("slow_pixel_direction", data=0.075), "translation", "mm", (0, -1, 0), "/entry/instrument/detector/module/module_offset")
        s = nx(e.create_group("sample"), "NXsample")
        s["depends_on"] = np.bytes_("/entry/sample/transformations/omega")
        st = nx(s.create_group("transformations"), "NXtransformations")
        axis(st.create_dataset("omega", data=np.arange(n) * 0.1), "rotation", "deg", (-1, 0, 0), ".")
        dd = nx(e.create_group("data"), "NXdata")
        dd.create_dataset("data", data=data, chunks=(1, NY, NX), **BS)
    print("checksum", int(data[0].astype(np.int64).sum()))


def read(out, reps):
    with h5py.File(os.path.join(out, "frames.h5"), "r") as f:
        d = f["data"]
        n = d.shape[0]
        buf = np.empty((NY, NX), np.uint32)
        best = 1e9
        for _ in range(reps):
            for i in range(n):
                t = time.perf_counter()
                d.read_direct(buf, np.s_[i])
                best = min(best, time.perf_counter() - t)
        print("h5py_bitshuffle %.4f s/frame  %.3f Gpx/s/core (HDF5 filter pipeline)" % (best, NX * NY / best / 1e9))
        # the bitshuffle C codec alone on the raw chunk, without HDF5
        import bitshuffle
        raw = [np.frombuffer(d.id.read_direct_chunk((i, 0, 0))[1], np.uint8) for i in range(n)]
        best = 1e9
        for _ in range(reps):
            for i in range(n):
                t = time.perf_counter()
                bitshuffle.decompress_lz4(raw[i][12:], (NY, NX), np.dtype(np.uint32), 2048)
                best = min(best, time.perf_counter() - t)
        print("c_bitshuffle    %.4f s/frame  %.3f Gpx/s/core (bitshuffle.decompress_lz4 on the raw chunk)" % (best, NX * NY / best / 1e9))
    try:
        import dxtbx
    except ImportError:
        return
    img = dxtbx.load(os.path.join(out, "frames_nxmx.nxs"))
    best = 1e9
    for _ in range(reps):
        for i in range(img.get_num_images()):
            t = time.perf_counter()
            img.get_raw_data(i)
            best = min(best, time.perf_counter() - t)
    print("dxtbx_nxmx      %.4f s/frame  %.3f Gpx/s/core (%s.get_raw_data)" % (best, NX * NY / best / 1e9, type(img).__name__))


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2], int(sys.argv[3]))
    else:
        read(sys.argv[2], int(sys.argv[3]))

"""Sample-rate conversion of 16-bit mono PCM through libsoxr (ctypes), with no numpy: fast to load and run."""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

SOXR_INT16_I = 3          # soxr_datatype_t: interleaved 16-bit integers
SOXR_NO_DITHER = 8        # soxr_io_spec_t flag: the same input always gives the same output
SOXR_MQ = 2               # soxr's "medium quality" recipe: 16-bit precision, speech passes untouched


class _IoSpec(ctypes.Structure):
    _fields_ = [("itype", ctypes.c_int), ("otype", ctypes.c_int), ("scale", ctypes.c_double),
                ("e", ctypes.c_void_p), ("flags", ctypes.c_ulong)]


class _QualitySpec(ctypes.Structure):
    _fields_ = [("precision", ctypes.c_double), ("phase_response", ctypes.c_double),
                ("passband_end", ctypes.c_double), ("stopband_begin", ctypes.c_double),
                ("e", ctypes.c_void_p), ("flags", ctypes.c_ulong)]


class SoxrUnavailable(Exception):
    """libsoxr is not installed (Debian: libsoxr0)."""


_library = None
_quality = None


def _load():
    global _library, _quality
    if _library is None:
        names = ["libsoxr.so.0", ctypes.util.find_library("soxr")]
        if sys.platform == "darwin":
            names.insert(0, "libsoxr.dylib")
        for name in filter(None, names):
            try:
                library = ctypes.CDLL(name)
                break
            except OSError:
                continue
        else:
            raise SoxrUnavailable("libsoxr not found")
        library.soxr_quality_spec.restype = _QualitySpec
        library.soxr_quality_spec.argtypes = [ctypes.c_ulong, ctypes.c_ulong]
        library.soxr_create.restype = ctypes.c_void_p
        library.soxr_create.argtypes = [ctypes.c_double, ctypes.c_double, ctypes.c_uint,
                                        ctypes.POINTER(ctypes.c_char_p), ctypes.POINTER(_IoSpec),
                                        ctypes.POINTER(_QualitySpec), ctypes.c_void_p]
        library.soxr_process.restype = ctypes.c_char_p
        library.soxr_process.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t,
                                         ctypes.POINTER(ctypes.c_size_t), ctypes.c_void_p, ctypes.c_size_t,
                                         ctypes.POINTER(ctypes.c_size_t)]
        library.soxr_clear.restype = ctypes.c_char_p
        library.soxr_clear.argtypes = [ctypes.c_void_p]
        _quality = library.soxr_quality_spec(SOXR_MQ, 0)
        _library = library
    return _library


def available() -> bool:
    try:
        _load()
    except SoxrUnavailable:
        return False
    return True


_resamplers: dict[tuple[int, int, float], ctypes.c_void_p] = {}


def _resampler(rate: int, wanted: int, gain: float) -> ctypes.c_void_p:
    """One soxr converter per (rates, gain), kept: designing its filter costs more than running it."""
    key = (rate, wanted, gain)
    if key not in _resamplers:
        library = _load()
        error = ctypes.c_char_p()
        spec = _IoSpec(SOXR_INT16_I, SOXR_INT16_I, float(gain), None, SOXR_NO_DITHER)
        handle = library.soxr_create(float(rate), float(wanted), 1, ctypes.byref(error), ctypes.byref(spec),
                                     ctypes.byref(_quality), None)
        if not handle:
            raise RuntimeError(f"soxr: {(error.value or b'cannot start').decode('utf-8', 'replace')}")
        _resamplers[key] = handle
    return _resamplers[key]


def resample_pcm16(samples, count: int, rate: int, wanted: int, gain: float = 1.0) -> bytes:
    """`count` 16-bit mono samples at `rate` (a ctypes pointer or buffer) as little-endian bytes at
    `wanted`, times `gain` (clipped at full scale); raises SoxrUnavailable or RuntimeError."""
    library = _load()
    handle = _resampler(rate, wanted, gain)
    out_count = max(1, int(round(count * wanted / rate)))
    room = out_count + 64
    out = (ctypes.c_short * room)()
    done = ctypes.c_size_t(0)
    library.soxr_clear(handle)
    error = library.soxr_process(handle, ctypes.cast(samples, ctypes.c_void_p), count, None, out, room,
                                 ctypes.byref(done))
    written = done.value
    while not error and written < out_count:          # the end of input: drain what the filter holds
        tail = ctypes.cast(ctypes.byref(out, written * 2), ctypes.c_void_p)
        error = library.soxr_process(handle, None, 0, None, tail, room - written, ctypes.byref(done))
        if done.value == 0:
            break
        written += done.value
    if error:
        raise RuntimeError(f"soxr: {error.decode('utf-8', 'replace')}")
    frames = ctypes.string_at(out, min(written, out_count) * 2)
    if sys.byteorder == "big":
        import array

        swapped = array.array("h", frames)
        swapped.byteswap()
        frames = swapped.tobytes()
    return frames


def pcm16_at(frames: bytes, rate: int, wanted: int) -> bytes:
    """Little-endian 16-bit mono `frames` at `rate` as frames at `wanted` (libsoxr; numpy's FFT without it)."""
    if rate == wanted:
        return frames
    count = len(frames) // 2
    native = frames[:count * 2]
    if sys.byteorder == "big":
        import array

        swapped = array.array("h", native)
        swapped.byteswap()
        native = swapped.tobytes()
    samples = (ctypes.c_short * count).from_buffer_copy(native)
    try:
        return resample_pcm16(samples, count, rate, wanted)
    except SoxrUnavailable:
        from kiosk.speech import wav_samples

        return wav_samples.to_bytes(wav_samples.resample(wav_samples.to_array(frames), rate, wanted))

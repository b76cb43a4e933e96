"""The Silero voice activity model, computed with NumPy from the ONNX file faster-whisper ships.

faster-whisper runs its ``silero_vad_v6.onnx`` (Silero VAD by the Silero Team,
MIT licence: resources/NOTICE-silero-vad.txt) through onnxruntime. For a model of
300,000 weights that cost a transcription 21 MiB of onnxruntime's library
pages and its session on top of the peak, and its import at start-up. The
graph is small and fixed, so this module reads the file's weights and does the
same arithmetic: the probabilities agree with onnxruntime's to about 1e-5
(tests/core/audio/test_silero.py) and take less time (0.2 s against 0.32 s for
150 s of audio on one thread, measured here).

Only the file whose SHA-256 is :data:`SHA256` is taken; for any other,
:class:`UnknownModel` is raised and the caller uses onnxruntime instead.

The graph, per input row of 64 samples of context and 512 new ones:

1. reflection padding of 128 samples on both sides, then a short-time Fourier
   transform as a convolution (258 filters of 256 samples, hop 128); the first
   of its five frames is dropped and the magnitude of the other four kept
   (129 bins each);
2. four 1-D convolutions of width 3 (padding 1, strides 1, 2, 2, 1), each
   followed by ReLU, which leave one vector of 128 per row;
3. an LSTM of 128 units over the rows, in order (the rows are time), from the
   state ``h``, ``c`` given;
4. ReLU, a 1x1 convolution to one value, and the sigmoid: the probability of
   speech in the row's 512 new samples.

It mimics the onnxruntime session's ``run`` so that either can be used.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float32]

SHA256 = "4cbf549b8326f60f80f2536d9eefeb450a9abe83365a098031c89719f1be17d2"
"""faster-whisper 1.2's ``assets/silero_vad_v6.onnx``."""

INPUT = 576
"""Samples per input row: 64 of context, then the 512 scored."""
PAD = 128
FILTER, HOP = 256, 128
BINS = 129
HIDDEN = 128
STRIDES = (1, 2, 2, 1)

_SHAPES = {
    "encoder.feature_extractor.forward_basis_buffer": (2 * BINS, 1, FILTER),
    "encoder.conv_layers.0.weight": (128, BINS, 3),
    "encoder.conv_layers.0.bias": (128,),
    "encoder.conv_layers.1.weight": (64, 128, 3),
    "encoder.conv_layers.1.bias": (64,),
    "encoder.conv_layers.2.weight": (64, 64, 3),
    "encoder.conv_layers.2.bias": (64,),
    "encoder.conv_layers.3.weight": (HIDDEN, 64, 3),
    "encoder.conv_layers.3.bias": (HIDDEN,),
    "onnx::LSTM_209": (1, 4 * HIDDEN, HIDDEN),
    "onnx::LSTM_210": (1, 4 * HIDDEN, HIDDEN),
    "onnx::LSTM_211": (1, 8 * HIDDEN),
    "decoder.conv1d.weight": (1, HIDDEN, 1),
    "decoder.conv1d.bias": (1,),
}
_FLOAT, _INT64 = 1, 7  # ONNX TensorProto data types
_DTYPES: dict[int, np.dtype[np.generic]] = {_FLOAT: np.dtype("<f4"), _INT64: np.dtype("<i8")}


class UnknownModel(Exception):  # noqa: N818  # a reason to fall back, not a failure
    """The file is not the model this module computes."""


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if pos >= len(data):
            raise ValueError("the message ends inside a number")
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, pos
        shift += 7


def _fields(data: bytes) -> Iterator[tuple[int, int | bytes]]:
    """(field number, value) of one protocol buffer message: an int, or the bytes
    of a length-delimited or fixed-size field."""
    pos = 0
    while pos < len(data):
        key, pos = _varint(data, pos)
        wire = key & 7
        value: int | bytes
        if wire == 0:
            value, pos = _varint(data, pos)
        elif wire in (1, 2, 5):
            size = {1: 8, 5: 4}.get(wire)
            if size is None:
                size, pos = _varint(data, pos)
            if pos + size > len(data):
                raise ValueError("the message ends inside a field")
            value, pos = data[pos : pos + size], pos + size
        else:
            raise ValueError(f"wire type {wire} is not read here")
        yield key >> 3, value


def _tensor(message: bytes) -> tuple[str, np.ndarray]:
    dims: list[int] = []
    name, kind, raw = "", 0, b""
    for field, value in _fields(message):
        if field == 1 and isinstance(value, int):
            dims.append(value)
        elif field == 1 and isinstance(value, bytes):  # packed
            pos = 0
            while pos < len(value):
                dim, pos = _varint(value, pos)
                dims.append(dim)
        elif field == 2 and isinstance(value, int):
            kind = value
        elif field == 8 and isinstance(value, bytes):
            name = value.decode("utf-8")
        elif field == 9 and isinstance(value, bytes):
            raw = value
    dtype = _DTYPES.get(kind)
    if dtype is None or len(raw) != int(np.prod(dims, dtype=np.int64)) * dtype.itemsize:
        raise ValueError(f"tensor {name!r} is not raw float32 or int64 data of its shape")
    return name, np.frombuffer(raw, dtype=dtype).reshape(dims)


def read_initializers(data: bytes) -> dict[str, np.ndarray]:
    """The graph's initializers (weights and constants) of an ONNX model, by name.

    Only tensors stored as raw float32 or int64 data are read, as in the Silero file.
    """
    weights: dict[str, np.ndarray] = {}
    for field, graph in _fields(data):
        if field == 7 and isinstance(graph, bytes):  # ModelProto.graph
            for number, tensor in _fields(graph):
                if number == 5 and isinstance(tensor, bytes):  # GraphProto.initializer
                    name, array = _tensor(tensor)
                    weights[name] = array
    return weights


class SileroVad:
    """The model's arithmetic; :meth:`load` reads the weights. Safe to share between threads."""

    def __init__(self, weights: Mapping[str, np.ndarray]) -> None:
        for name, shape in _SHAPES.items():
            if name not in weights or weights[name].shape != shape:
                raise UnknownModel(f"no weight {name} of shape {shape}")
        w = {name: np.asarray(weights[name], dtype=np.float32) for name in _SHAPES}
        basis = w["encoder.feature_extractor.forward_basis_buffer"]
        self._basis = np.ascontiguousarray(basis[:, 0].T)
        self._convs = []
        for i, stride in enumerate(STRIDES):
            kernel = w[f"encoder.conv_layers.{i}.weight"]  # (out, in, 3)
            # one matrix over three neighbouring frames' channels in a row
            taps = np.ascontiguousarray(kernel.transpose(2, 1, 0)).reshape(-1, len(kernel))
            self._convs.append((taps, w[f"encoder.conv_layers.{i}.bias"], stride))
        self._input_weights = np.ascontiguousarray(w["onnx::LSTM_209"][0].T)
        self._state_weights = np.ascontiguousarray(w["onnx::LSTM_210"][0].T)
        bias = w["onnx::LSTM_211"][0]
        self._lstm_bias = bias[: 4 * HIDDEN] + bias[4 * HIDDEN :]
        self._out_weights = w["decoder.conv1d.weight"][0, :, 0]
        self._out_bias = float(w["decoder.conv1d.bias"][0])

    @classmethod
    def load(cls, path: Path) -> SileroVad:
        """The model in ``path``; :class:`UnknownModel` unless it is the known file."""
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise UnknownModel(f"{path} cannot be read: {exc}") from exc
        digest = hashlib.sha256(data).hexdigest()
        if digest != SHA256:
            raise UnknownModel(f"{path} has SHA-256 {digest}, not the known {SHA256}")
        return cls(read_initializers(data))

    def run(
        self, output_names: Sequence[str] | None, feeds: Mapping[str, np.ndarray]
    ) -> list[Array]:
        """``[probabilities, h, c]`` for ``feeds`` ``input`` (rows x 576), ``h`` and ``c``
        (1 x 1 x 128), as the onnxruntime session's ``run(None, feeds)`` returns them."""
        del output_names  # all three, always
        rows = np.asarray(feeds["input"], dtype=np.float32)
        if rows.ndim != 2 or rows.shape[1] != INPUT:
            raise ValueError(f"input rows must have {INPUT} samples, not shape {rows.shape}")
        h = np.array(feeds["h"], dtype=np.float32).reshape(HIDDEN)
        c = np.array(feeds["c"], dtype=np.float32).reshape(HIDDEN)
        if len(rows) == 0:
            return [np.zeros(0, dtype=np.float32), h.reshape(1, 1, HIDDEN), c.reshape(1, 1, HIDDEN)]
        with np.errstate(over="ignore"):  # exp(-x) of a large x: inf, and 1 / inf is 0
            outputs = self._recur(self._features(rows), h, c)
            logits = np.maximum(outputs, 0) @ self._out_weights + self._out_bias
            probabilities = (1 / (1 + np.exp(-logits))).astype(np.float32)
        return [probabilities, h.reshape(1, 1, HIDDEN), c.reshape(1, 1, HIDDEN)]

    def _features(self, rows: Array) -> Array:
        """One vector of 128 per row: the spectrum's magnitude through the four convolutions."""
        padded = np.pad(rows, ((0, 0), (PAD, PAD)), mode="reflect")
        # The transform's frames start every HOP samples; the first one is not used.
        windows = np.lib.stride_tricks.sliding_window_view(padded, FILTER, axis=1)[:, HOP::HOP]
        count = windows.shape[1]
        spectrum = windows.reshape(-1, FILTER) @ self._basis
        magnitude = np.sqrt(spectrum[:, :BINS] ** 2 + spectrum[:, BINS:] ** 2)
        x = magnitude.reshape(len(rows), count, BINS)
        for weights, bias, stride in self._convs:
            x = _conv(x, weights, bias, stride)
        return x[:, 0, :]

    def _recur(self, features: Array, h: Array, c: Array) -> Array:
        """The LSTM over the rows (ONNX's gate order: input, output, forget, cell);
        ``h`` and ``c`` are updated in place to the state after the last row."""
        given = features @ self._input_weights + self._lstm_bias
        outputs = np.empty((len(features), HIDDEN), dtype=np.float32)
        gates = np.empty(4 * HIDDEN, dtype=np.float32)
        sigmoid, cell = gates[: 3 * HIDDEN], gates[3 * HIDDEN :]
        scratch = np.empty(HIDDEN, dtype=np.float32)
        for t in range(len(features)):
            np.matmul(h, self._state_weights, out=gates)
            gates += given[t]
            np.negative(sigmoid, out=sigmoid)
            np.exp(sigmoid, out=sigmoid)
            sigmoid += 1
            np.reciprocal(sigmoid, out=sigmoid)
            np.tanh(cell, out=cell)
            c *= gates[2 * HIDDEN : 3 * HIDDEN]
            np.multiply(gates[:HIDDEN], cell, out=scratch)
            c += scratch
            np.tanh(c, out=h)
            h *= gates[HIDDEN : 2 * HIDDEN]
            outputs[t] = h
        return outputs


def _conv(x: Array, weights: Array, bias: Array, stride: int) -> Array:
    """A width-3 convolution with padding 1 and ReLU over ``x`` (rows x frames x channels)."""
    rows, frames, channels = x.shape
    padded = np.zeros((rows, frames + 2, channels), dtype=np.float32)
    padded[:, 1:-1] = x
    out_frames = (frames - 1) // stride + 1
    span = stride * (out_frames - 1) + 1
    taps = np.concatenate([padded[:, k : k + span : stride] for k in range(3)], axis=2)
    y = taps.reshape(rows * out_frames, 3 * channels) @ weights
    y += bias
    np.maximum(y, 0, out=y)
    return y.reshape(rows, out_frames, -1)

"""Convert 3D-Speaker's CAM++ checkpoint (a PyTorch state dict) to ONNX.

Run by scripts/speaker-models in a throwaway environment that has torch; the
app never imports torch. The network below is written from the CAM++ paper
(Wang et al., 2023, "CAM++: A Fast and Efficient Network for Speaker
Verification Using Context-Aware Masking") and the checkpoint's own parameter
names and shapes: a 2-D convolutional front end, a densely connected TDNN
with context-aware masking, statistics pooling and a 192-dim embedding.

    python campplus_to_onnx.py CHECKPOINT.pt OUT.onnx [--check CHECK.npz]

With --check, it also saves random inputs of several lengths and the
checkpoint's embeddings for them, for scripts/campplus_check.py.

Input of the ONNX graph: ``feats`` (batch, frames, 80), mean-normalised
log-mel filterbanks; output: ``embedding`` (batch, 192).
"""

from __future__ import annotations

import sys

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F  # noqa: N812

SEGMENT = 100  # frames averaged together for the masks' segment context


class BnRelu(nn.Module):
    def __init__(self, channels: int) -> None:
        super().__init__()
        self.batchnorm = nn.BatchNorm1d(channels)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.relu(self.batchnorm(x))


class ResBlock2d(nn.Module):
    def __init__(self, channels: int, stride: int) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(channels, channels, 3, (stride, 1), 1, bias=False)
        self.bn1 = nn.BatchNorm2d(channels)
        self.conv2 = nn.Conv2d(channels, channels, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(channels)
        self.shortcut = nn.Sequential()
        if stride != 1:
            self.shortcut = nn.Sequential(
                nn.Conv2d(channels, channels, 1, (stride, 1), bias=False),
                nn.BatchNorm2d(channels),
            )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return F.relu(y + self.shortcut(x))


class FrontEnd(nn.Module):
    """80 mel bands -> 32 maps x 10 bands, flattened to 320 channels."""

    def __init__(self, maps: int = 32) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, maps, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(maps)
        self.layer1 = nn.Sequential(ResBlock2d(maps, 2), ResBlock2d(maps, 1))
        self.layer2 = nn.Sequential(ResBlock2d(maps, 2), ResBlock2d(maps, 1))
        self.conv2 = nn.Conv2d(maps, maps, 3, (2, 1), 1, bias=False)
        self.bn2 = nn.BatchNorm2d(maps)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = F.relu(self.bn1(self.conv1(x.unsqueeze(1))))
        y = self.layer2(self.layer1(y))
        y = F.relu(self.bn2(self.conv2(y)))
        b, c, f, t = y.shape
        return y.reshape(b, c * f, t)


def segment_means(x: torch.Tensor) -> torch.Tensor:
    """Mean of each run of SEGMENT frames (the last one shorter), repeated per frame."""
    t = x.shape[-1]
    pad = (SEGMENT - t % SEGMENT) % SEGMENT
    ones = torch.ones_like(x[:1, :1, :])
    xs = F.pad(x, (0, pad)).reshape(x.shape[0], x.shape[1], -1, SEGMENT)
    counts = F.pad(ones, (0, pad)).reshape(1, 1, -1, SEGMENT).sum(-1, keepdim=True)
    means = xs.sum(-1, keepdim=True) / counts
    return means.expand(-1, -1, -1, SEGMENT).reshape(x.shape[0], x.shape[1], -1)[..., :t]


class MaskedConv(nn.Module):
    """Context-aware masking: a local convolution scaled by a mask from wider context."""

    def __init__(self, channels: int, growth: int, dilation: int) -> None:
        super().__init__()
        self.linear_local = nn.Conv1d(
            channels, growth, 3, padding=dilation, dilation=dilation, bias=False
        )
        self.linear1 = nn.Conv1d(channels, channels // 2, 1)
        self.linear2 = nn.Conv1d(channels // 2, growth, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        local = self.linear_local(x)
        context = x.mean(-1, keepdim=True) + segment_means(x)
        mask = torch.sigmoid(self.linear2(F.relu(self.linear1(context))))
        return local * mask


class DenseLayer(nn.Module):
    def __init__(self, channels: int, bottleneck: int, growth: int, dilation: int) -> None:
        super().__init__()
        self.nonlinear1 = BnRelu(channels)
        self.linear1 = nn.Conv1d(channels, bottleneck, 1, bias=False)
        self.nonlinear2 = BnRelu(bottleneck)
        self.cam_layer = MaskedConv(bottleneck, growth, dilation)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.cam_layer(self.nonlinear2(self.linear1(self.nonlinear1(x))))
        return torch.cat([x, y], dim=1)


class DenseBlock(nn.Module):
    def __init__(self, layers: int, channels: int, dilation: int) -> None:
        super().__init__()
        for i in range(layers):
            self.add_module(f"tdnnd{i + 1}", DenseLayer(channels + i * 32, 128, 32, dilation))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for layer in self.children():
            x = layer(x)
        return x


class Transit(nn.Module):
    def __init__(self, channels: int, out: int) -> None:
        super().__init__()
        self.nonlinear = BnRelu(channels)
        self.linear = nn.Conv1d(channels, out, 1, bias=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.linear(self.nonlinear(x))


class FirstTdnn(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.linear = nn.Conv1d(320, 128, 5, stride=2, padding=2, bias=False)
        self.nonlinear = BnRelu(128)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.nonlinear(self.linear(x))


class Embedding(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.linear = nn.Conv1d(1024, 192, 1, bias=False)
        self.nonlinear = nn.Module()
        self.nonlinear.batchnorm = nn.BatchNorm1d(192, affine=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.nonlinear.batchnorm(self.linear(x.unsqueeze(-1))).squeeze(-1)


class Xvector(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.tdnn = FirstTdnn()
        channels = 128
        for i, (layers, dilation) in enumerate(((12, 1), (24, 2), (16, 2))):
            self.add_module(f"block{i + 1}", DenseBlock(layers, channels, dilation))
            channels += layers * 32
            self.add_module(f"transit{i + 1}", Transit(channels, channels // 2))
            channels //= 2
        self.out_nonlinear = BnRelu(channels)
        self.dense = Embedding()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.tdnn(x)
        for i in (1, 2, 3):
            x = getattr(self, f"transit{i}")(getattr(self, f"block{i}")(x))
        x = self.out_nonlinear(x)
        stats = torch.cat([x.mean(-1), x.std(-1, unbiased=True)], dim=-1)
        return self.dense(stats)


class CamPlusPlus(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.head = FrontEnd()
        self.xvector = Xvector()

    def forward(self, feats: torch.Tensor) -> torch.Tensor:
        return self.xvector(self.head(feats.transpose(1, 2)))


def load(checkpoint: str) -> CamPlusPlus:
    model = CamPlusPlus()
    state = torch.load(checkpoint, map_location="cpu")
    model.load_state_dict(state, strict=True)
    return model.eval()


def main() -> None:
    checkpoint, out = sys.argv[1], sys.argv[2]
    model = load(checkpoint)
    example = torch.randn(2, 300, 80)
    with torch.no_grad():
        torch.onnx.export(
            model,
            (example,),
            out,
            input_names=["feats"],
            output_names=["embedding"],
            dynamic_axes={"feats": {0: "batch", 1: "frames"}, "embedding": {0: "batch"}},
            opset_version=17,
            do_constant_folding=True,
        )
    print(f"wrote {out} (torch {torch.__version__})")
    if len(sys.argv) > 4 and sys.argv[3] == "--check":
        torch.manual_seed(0)
        arrays = {}
        for frames in (37, 100, 150, 537, 1234):
            feats = torch.randn(2, frames, 80)
            with torch.no_grad():
                arrays[f"feats{frames}"] = feats.numpy()
                arrays[f"embedding{frames}"] = model(feats).numpy()
        np.savez(sys.argv[4], **arrays)


if __name__ == "__main__":
    main()

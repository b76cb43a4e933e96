"""Check the CAM++ ONNX file against the PyTorch checkpoint's own outputs.

    python campplus_check.py MODEL.onnx CHECK.npz

CHECK.npz comes from ``campplus_to_onnx.py --check``: random feature inputs of
several lengths (shorter than, equal to and longer than the masks' 100-frame
segments) and the checkpoint's embeddings for them, computed with torch.
"""

from __future__ import annotations

import sys

import numpy as np
import onnxruntime as ort

TOLERANCE = 1e-4  # float32 round-off through ~100 layers stays near 1e-5


def main() -> None:
    model, check = sys.argv[1], np.load(sys.argv[2])
    session = ort.InferenceSession(model, providers=["CPUExecutionProvider"])
    worst = 0.0
    for name in sorted(k for k in check.files if k.startswith("feats")):
        got = session.run(None, {"feats": check[name]})[0]
        want = check[name.replace("feats", "embedding")]
        worst = max(worst, float(np.abs(got - want).max()))
        print(f"{name}: max |onnx - torch| = {np.abs(got - want).max():.2e}")
    if worst > TOLERANCE:
        sys.exit(f"the ONNX embedding differs from the checkpoint's by {worst:.2e}")


if __name__ == "__main__":
    main()

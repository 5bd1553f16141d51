#!/usr/bin/python3
"""Times the analysis (g_a) and synthesis (g_s) transforms of CompressAI's architectures in
PyTorch on the CPU, the reference of `lico bench transforms`: random weights (PyTorch's default
initialization), a random image of the given size, the median of `--repeats` runs after one
warm-up. The modules are those of tools/make-fixture-checkpoints.py (CompressAI's, re-declared
with the same structure). Prints one JSON object. Run with Debian's python3-torch:

    /usr/bin/python3 tools/bench-transforms-pytorch.py --archs mbt2018-mean --width 768 --height 512
"""
import argparse
import importlib.util
import json
import pathlib
import statistics
import time

import torch

HERE = pathlib.Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("fixtures", HERE / "make-fixture-checkpoints.py")
fixtures = importlib.util.module_from_spec(spec)
spec.loader.exec_module(fixtures)

# CompressAI's sizes for the lower qualities; Lico's default model has bmshj2018's transforms.
MODELS = {
    "bmshj2018-factorized": lambda n, m: fixtures.FactorizedPrior(n, m),
    "bmshj2018-hyperprior": lambda n, m: fixtures.ScaleHyperprior(n, m),
    "mbt2018-mean": lambda n, m: fixtures.MeanScaleHyperprior(n, m),
    "cheng2020-anchor": lambda n, m: fixtures.Cheng2020Anchor(n),
    "cheng2020-attn": lambda n, m: fixtures.Cheng2020Attention(n),
    "lico-checkerboard-gmm": lambda n, m: fixtures.FactorizedPrior(n, m),
}


def median_seconds(repeats, work):
    work()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--archs", default=",".join(MODELS))
    parser.add_argument("--sizes", default="", help="arch=N:M,… (default N=128, M=192; cheng2020 N=M=128)")
    parser.add_argument("--width", type=int, default=768)
    parser.add_argument("--height", type=int, default=512)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    sizes = dict(item.split("=") for item in args.sizes.split(",") if item)
    image = torch.rand(1, 3, args.height, args.width)
    out = {"torch": torch.__version__, "threads": torch.get_num_threads(), "archs": {}}
    for name in args.archs.split(","):
        n, m = (int(v) for v in sizes.get(name, "128:192").split(":"))
        model = MODELS[name](n, m).eval()
        with torch.no_grad():
            y = model.g_a(image)
            analysis = median_seconds(args.repeats, lambda: model.g_a(image))
            synthesis = median_seconds(args.repeats, lambda: model.g_s(y))
        out["archs"][name] = {"analysisS": analysis, "synthesisS": synthesis, "y": list(y.shape)}
    print(json.dumps(out))


if __name__ == "__main__":
    main()

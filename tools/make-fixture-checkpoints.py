#!/usr/bin/python3
"""Writes small PyTorch checkpoints with CompressAI's module structure and parameter names,
and the analysis output y that PyTorch computes for a fixed input, for the tests of Lico's
checkpoint importer (fixtures/checkpoints/).

CompressAI itself is not installable here, so its modules are re-declared below with the same
names, shapes, buffers and forward passes (CompressAI 1.2: compressai/layers, compressai/models,
compressai/entropy_models). Run with Debian's python3-torch:

    /usr/bin/python3 tools/make-fixture-checkpoints.py
"""
import math
import pathlib

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = pathlib.Path(__file__).resolve().parent.parent / "fixtures" / "checkpoints"


class LowerBound(nn.Module):
    def __init__(self, bound):
        super().__init__()
        self.register_buffer("bound", torch.Tensor([float(bound)]))

    def forward(self, x):
        return torch.max(x, self.bound)


class NonNegativeParametrizer(nn.Module):
    def __init__(self, minimum=0.0, reparam_offset=2**-18):
        super().__init__()
        pedestal = reparam_offset**2
        self.register_buffer("pedestal", torch.Tensor([pedestal]))
        self.lower_bound = LowerBound((minimum + pedestal) ** 0.5)

    def init(self, x):
        return torch.sqrt(torch.max(x + self.pedestal, self.pedestal))

    def forward(self, x):
        return self.lower_bound(x) ** 2 - self.pedestal


class GDN(nn.Module):
    def __init__(self, channels, inverse=False):
        super().__init__()
        self.inverse = inverse
        self.beta_reparam = NonNegativeParametrizer(minimum=1e-6)
        # Not CompressAI's identity-like init: perturbed, so the test sees every coefficient.
        self.beta = nn.Parameter(self.beta_reparam.init(1 + 0.5 * torch.rand(channels)))
        self.gamma_reparam = NonNegativeParametrizer()
        gamma = 0.1 * torch.eye(channels) + 0.05 * torch.rand(channels, channels)
        self.gamma = nn.Parameter(self.gamma_reparam.init(gamma))

    def forward(self, x):
        channels = x.size(1)
        beta = self.beta_reparam(self.beta)
        gamma = self.gamma_reparam(self.gamma).reshape(channels, channels, 1, 1)
        norm = F.conv2d(x**2, gamma, beta)
        return x * (torch.sqrt(norm) if self.inverse else torch.rsqrt(norm))


def conv(cin, cout, kernel_size=5, stride=2):
    return nn.Conv2d(cin, cout, kernel_size, stride=stride, padding=kernel_size // 2)


def deconv(cin, cout, kernel_size=5, stride=2):
    return nn.ConvTranspose2d(
        cin, cout, kernel_size, stride=stride, output_padding=stride - 1, padding=kernel_size // 2
    )


def conv3x3(cin, cout, stride=1):
    return nn.Conv2d(cin, cout, 3, stride=stride, padding=1)


def conv1x1(cin, cout, stride=1):
    return nn.Conv2d(cin, cout, 1, stride=stride)


def subpel_conv3x3(cin, cout, r=1):
    return nn.Sequential(nn.Conv2d(cin, cout * r**2, 3, padding=1), nn.PixelShuffle(r))


class MaskedConv2d(nn.Conv2d):
    def __init__(self, *args, mask_type="A", **kwargs):
        super().__init__(*args, **kwargs)
        self.register_buffer("mask", torch.ones_like(self.weight.data))
        _, _, h, w = self.mask.size()
        self.mask[:, :, h // 2, w // 2 + (mask_type == "B") :] = 0
        self.mask[:, :, h // 2 + 1 :] = 0

    def forward(self, x):
        self.weight.data *= self.mask
        return super().forward(x)


class ResidualBlockWithStride(nn.Module):
    def __init__(self, cin, cout, stride=2):
        super().__init__()
        self.conv1 = conv3x3(cin, cout, stride=stride)
        self.leaky_relu = nn.LeakyReLU(inplace=True)
        self.conv2 = conv3x3(cout, cout)
        self.gdn = GDN(cout)
        self.skip = conv1x1(cin, cout, stride=stride) if stride != 1 or cin != cout else None

    def forward(self, x):
        out = self.gdn(self.conv2(self.leaky_relu(self.conv1(x))))
        return out + (self.skip(x) if self.skip is not None else x)


class ResidualBlockUpsample(nn.Module):
    def __init__(self, cin, cout, upsample=2):
        super().__init__()
        self.subpel_conv = subpel_conv3x3(cin, cout, upsample)
        self.leaky_relu = nn.LeakyReLU(inplace=True)
        self.conv = conv3x3(cout, cout)
        self.igdn = GDN(cout, inverse=True)
        self.upsample = subpel_conv3x3(cin, cout, upsample)

    def forward(self, x):
        out = self.igdn(self.conv(self.leaky_relu(self.subpel_conv(x))))
        return out + self.upsample(x)


class ResidualBlock(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv1 = conv3x3(cin, cout)
        self.leaky_relu = nn.LeakyReLU(inplace=True)
        self.conv2 = conv3x3(cout, cout)
        self.skip = conv1x1(cin, cout) if cin != cout else None

    def forward(self, x):
        out = self.leaky_relu(self.conv2(self.leaky_relu(self.conv1(x))))
        return out + (self.skip(x) if self.skip is not None else x)


class ResidualUnit(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.conv = nn.Sequential(
            conv1x1(n, n // 2), nn.ReLU(inplace=True), conv3x3(n // 2, n // 2), nn.ReLU(inplace=True), conv1x1(n // 2, n)
        )
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x):
        return self.relu(self.conv(x) + x)


class AttentionBlock(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.conv_a = nn.Sequential(ResidualUnit(n), ResidualUnit(n), ResidualUnit(n))
        self.conv_b = nn.Sequential(ResidualUnit(n), ResidualUnit(n), ResidualUnit(n), conv1x1(n, n))

    def forward(self, x):
        return self.conv_a(x) * torch.sigmoid(self.conv_b(x)) + x


class EntropyModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.likelihood_lower_bound = LowerBound(1e-9)
        self.register_buffer("_offset", torch.IntTensor())
        self.register_buffer("_quantized_cdf", torch.IntTensor())
        self.register_buffer("_cdf_length", torch.IntTensor())


class EntropyBottleneck(EntropyModel):
    def __init__(self, channels, init_scale=10.0, filters=(3, 3, 3, 3), tail_mass=1e-9):
        super().__init__()
        widths = (1,) + filters + (1,)
        scale = init_scale ** (1 / (len(filters) + 1))
        for i in range(len(filters) + 1):
            init = math.log(math.expm1(1 / scale / widths[i + 1]))
            matrix = torch.full((channels, widths[i + 1], widths[i]), init) + 0.1 * torch.randn(channels, widths[i + 1], widths[i])
            self.register_parameter(f"_matrix{i:d}", nn.Parameter(matrix))
            self.register_parameter(f"_bias{i:d}", nn.Parameter(torch.rand(channels, widths[i + 1], 1) - 0.5))
            if i < len(filters):
                self.register_parameter(f"_factor{i:d}", nn.Parameter(0.1 * torch.randn(channels, widths[i + 1], 1)))
        quantiles = torch.Tensor([-init_scale, 0, init_scale]).repeat(channels, 1, 1)
        self.quantiles = nn.Parameter(quantiles + 0.2 * torch.randn(channels, 1, 3))
        target = math.log(2 / tail_mass - 1)
        self.register_buffer("target", torch.Tensor([-target, 0, target]))


class GaussianConditional(EntropyModel):
    def __init__(self):
        super().__init__()
        self.register_buffer("scale_table", torch.Tensor())
        self.register_buffer("scale_bound", torch.Tensor([0.11]))
        self.lower_bound_scale = LowerBound(0.11)


def g_a_bmshj(n, m):
    return nn.Sequential(conv(3, n), GDN(n), conv(n, n), GDN(n), conv(n, n), GDN(n), conv(n, m))


def g_s_bmshj(n, m):
    return nn.Sequential(
        deconv(m, n), GDN(n, True), deconv(n, n), GDN(n, True), deconv(n, n), GDN(n, True), deconv(n, 3)
    )


class FactorizedPrior(nn.Module):
    def __init__(self, n, m):
        super().__init__()
        self.entropy_bottleneck = EntropyBottleneck(m)
        self.g_a = g_a_bmshj(n, m)
        self.g_s = g_s_bmshj(n, m)


class ScaleHyperprior(nn.Module):
    def __init__(self, n, m):
        super().__init__()
        self.entropy_bottleneck = EntropyBottleneck(n)
        self.g_a = g_a_bmshj(n, m)
        self.g_s = g_s_bmshj(n, m)
        self.h_a = nn.Sequential(conv(m, n, 3, 1), nn.ReLU(True), conv(n, n), nn.ReLU(True), conv(n, n))
        self.h_s = nn.Sequential(
            deconv(n, n), nn.ReLU(True), deconv(n, n), nn.ReLU(True), conv(n, m, 3, 1), nn.ReLU(True)
        )
        self.gaussian_conditional = GaussianConditional()


class MeanScaleHyperprior(ScaleHyperprior):
    def __init__(self, n, m):
        super().__init__(n, m)
        self.h_a = nn.Sequential(conv(m, n, 3, 1), nn.LeakyReLU(inplace=True), conv(n, n), nn.LeakyReLU(inplace=True), conv(n, n))
        self.h_s = nn.Sequential(
            deconv(n, m), nn.LeakyReLU(inplace=True), deconv(m, m * 3 // 2), nn.LeakyReLU(inplace=True), conv(m * 3 // 2, m * 2, 3, 1)
        )


class Cheng2020Anchor(MeanScaleHyperprior):
    def __init__(self, n):
        super().__init__(n, n)
        self.entropy_parameters = nn.Sequential(
            nn.Conv2d(n * 12 // 3, n * 10 // 3, 1),
            nn.LeakyReLU(inplace=True),
            nn.Conv2d(n * 10 // 3, n * 8 // 3, 1),
            nn.LeakyReLU(inplace=True),
            nn.Conv2d(n * 8 // 3, n * 6 // 3, 1),
        )
        self.context_prediction = MaskedConv2d(n, 2 * n, kernel_size=5, padding=2, stride=1)
        self.g_a = nn.Sequential(
            ResidualBlockWithStride(3, n, 2), ResidualBlock(n, n), ResidualBlockWithStride(n, n, 2),
            ResidualBlock(n, n), ResidualBlockWithStride(n, n, 2), ResidualBlock(n, n), conv3x3(n, n, 2),
        )
        self.h_a = nn.Sequential(
            conv3x3(n, n), nn.LeakyReLU(inplace=True), conv3x3(n, n), nn.LeakyReLU(inplace=True), conv3x3(n, n, 2),
            nn.LeakyReLU(inplace=True), conv3x3(n, n), nn.LeakyReLU(inplace=True), conv3x3(n, n, 2),
        )
        self.h_s = nn.Sequential(
            conv3x3(n, n), nn.LeakyReLU(inplace=True), subpel_conv3x3(n, n, 2), nn.LeakyReLU(inplace=True),
            conv3x3(n, n * 3 // 2), nn.LeakyReLU(inplace=True), subpel_conv3x3(n * 3 // 2, n * 3 // 2, 2),
            nn.LeakyReLU(inplace=True), conv3x3(n * 3 // 2, n * 2),
        )
        self.g_s = nn.Sequential(
            ResidualBlock(n, n), ResidualBlockUpsample(n, n, 2), ResidualBlock(n, n), ResidualBlockUpsample(n, n, 2),
            ResidualBlock(n, n), ResidualBlockUpsample(n, n, 2), ResidualBlock(n, n), subpel_conv3x3(n, 3, 2),
        )


class Cheng2020Attention(Cheng2020Anchor):
    def __init__(self, n):
        super().__init__(n)
        self.g_a = nn.Sequential(
            ResidualBlockWithStride(3, n, 2), ResidualBlock(n, n), ResidualBlockWithStride(n, n, 2),
            AttentionBlock(n), ResidualBlock(n, n), ResidualBlockWithStride(n, n, 2), ResidualBlock(n, n),
            conv3x3(n, n, 2), AttentionBlock(n),
        )
        self.g_s = nn.Sequential(
            AttentionBlock(n), ResidualBlock(n, n), ResidualBlockUpsample(n, n, 2), ResidualBlock(n, n),
            ResidualBlockUpsample(n, n, 2), AttentionBlock(n), ResidualBlock(n, n), ResidualBlockUpsample(n, n, 2),
            ResidualBlock(n, n), subpel_conv3x3(n, 3, 2),
        )


# (file name, model, hyper-parameters): small N and M keep the fixtures a few hundred KB.
MODELS = [
    ("bmshj2018-factorized", lambda: FactorizedPrior(8, 12), {"N": 8, "M": 12}),
    ("bmshj2018-hyperprior", lambda: ScaleHyperprior(8, 12), {"N": 8, "M": 12}),
    ("mbt2018-mean", lambda: MeanScaleHyperprior(8, 12), {"N": 8, "M": 12}),
    ("cheng2020-anchor", lambda: Cheng2020Anchor(12), {"N": 12}),
    ("cheng2020-attn", lambda: Cheng2020Attention(12), {"N": 12}),
]


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(2026)
    rows, cols = torch.meshgrid(torch.arange(48.0), torch.arange(64.0), indexing="ij")
    x = torch.stack([
        0.5 + 0.4 * torch.sin(rows / 5 + cols / 9),
        0.5 + 0.4 * torch.cos(rows / 7 - cols / 4),
        (rows * 64 + cols) % 17 / 17,
    ])[None]
    np.save(OUT / "input.npy", x.numpy().astype(np.float32))
    for name, make, hyper in MODELS:
        model = make().eval()
        with torch.no_grad():
            y = model.g_a(x)
        np.save(OUT / f"{name}.y.npy", y.numpy().astype(np.float32))
        # CompressAI's training script saves this dictionary (compressai/examples/train.py).
        checkpoint = {"epoch": 3, "state_dict": model.state_dict(), "loss": 1.25, "hyper": hyper}
        torch.save(checkpoint, OUT / f"{name}.pth.tar")
        print(name, tuple(y.shape), sum(p.numel() for p in model.parameters()), "parameters")


if __name__ == "__main__":
    main()

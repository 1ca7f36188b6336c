#!/usr/bin/python3
"""Write a randomly initialised diffusers UNet2DModel folder (config.json +
diffusion_pytorch_model.safetensors) for benchmarking without real weights.

  /usr/bin/python3 bench/pytorch/make_random_model.py --preset ddpm-256 --out "$HOME/.cache/locus-bench/ddpm-256-random"

--preset ddpm-256 is the google/ddpm-*-256 UNet2DModel configuration
(113,673,219 parameters); --config FILE takes any UNet2DModel config.json.
Weights: diffusers' default (PyTorch) initialisation under torch.manual_seed(--seed).
"""

import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # keep __pycache__ out of the work tree

PRESETS = {
    "ddpm-256": {
        "_class_name": "UNet2DModel",
        "act_fn": "silu",
        "attention_head_dim": None,
        "block_out_channels": [128, 128, 256, 256, 512, 512],
        "center_input_sample": False,
        "down_block_types": ["DownBlock2D", "DownBlock2D", "DownBlock2D", "DownBlock2D",
                             "AttnDownBlock2D", "DownBlock2D"],
        "downsample_padding": 0,
        "flip_sin_to_cos": False,
        "freq_shift": 1,
        "in_channels": 3,
        "layers_per_block": 2,
        "mid_block_scale_factor": 1,
        "norm_eps": 1e-06,
        "norm_num_groups": 32,
        "out_channels": 3,
        "sample_size": 256,
        "time_embedding_type": "positional",
        "up_block_types": ["UpBlock2D", "AttnUpBlock2D", "UpBlock2D", "UpBlock2D", "UpBlock2D", "UpBlock2D"],
    },
}
EXPECTED_PARAMS = {"ddpm-256": 113_673_219}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--preset", choices=sorted(PRESETS))
    g.add_argument("--config", help="UNet2DModel config.json to instantiate")
    p.add_argument("--out", required=True, help="folder to write (created; must be outside the repository)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--diffusers-src", default=None, help="diffusers source tree; default $DIFFUSERS_SRC")
    args = p.parse_args()

    import torch
    import bench_support as bs

    bs.import_diffusers(args.diffusers_src)
    from diffusers import UNet2DModel

    if args.preset:
        config = dict(PRESETS[args.preset])
    else:
        with open(args.config) as f:
            config = json.load(f)
    torch.manual_seed(args.seed)
    model = UNet2DModel.from_config(config)
    params = bs.count_params(model)
    if args.preset in EXPECTED_PARAMS and params != EXPECTED_PARAMS[args.preset]:
        raise SystemExit(f"error: {args.preset}: {params} parameters, expected {EXPECTED_PARAMS[args.preset]}")
    os.makedirs(args.out, exist_ok=True)
    model.save_config(args.out)  # diffusers' own config.json writer
    bs.write_safetensors(os.path.join(args.out, "diffusion_pytorch_model.safetensors"),
                         {k: v.contiguous() for k, v in model.state_dict().items()})
    print(f"wrote {args.out}: params={params}")


if __name__ == "__main__":
    main()

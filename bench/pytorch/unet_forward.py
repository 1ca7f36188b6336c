#!/usr/bin/python3
"""PyTorch-eager reference for the Locus UNet2DModel benchmark.

Loads a diffusers model folder (config.json + diffusion_pytorch_model.safetensors)
into the real diffusers.UNet2DModel (imported from a diffusers source tree) and
either times the forward pass on CPU or, with --check, runs it on given inputs
and writes the outputs.

Timing mode prints one line per batch size on stdout (everything else goes to
stderr), in the same format as the Java bench so both can be joined:

  pytorch unet-forward model=<folder name> batch=<B> threads=<N> median_ms=<f> min_ms=<f> params=<count>

Check mode reads --input (x: F32 [B,C,H,W], timesteps: I64 [B] or scalar) and
writes --output with eps (the model output) and h_mid (mid_block output,
captured with a forward hook).  --compare REF.safetensors prints the max-abs
difference of every tensor present in both files.
"""

import argparse
import os
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # keep __pycache__ out of the work tree


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", required=True, help="diffusers model folder (config.json + safetensors weights)")
    p.add_argument("--weights", default=None,
                   help="weights file name inside --model (or absolute path); "
                        "default diffusion_pytorch_model.safetensors")
    p.add_argument("--batches", default="1,8,32", help="comma-separated batch sizes (default 1,8,32)")
    p.add_argument("--threads", type=int, default=os.cpu_count() or 1,
                   help="intra-op threads (torch.set_num_threads); inter-op threads are set to the same "
                        "(default: number of CPUs)")
    p.add_argument("--warmup", type=int, default=2, help="untimed forward passes per batch size (default 2)")
    p.add_argument("--iters", type=int, default=5, help="timed forward passes per batch size (default 5)")
    p.add_argument("--seed", type=int, default=0, help="seed for the random inputs (default 0)")
    p.add_argument("--size", type=int, default=None, help="spatial size S of the input (default: config sample_size)")
    p.add_argument("--diffusers-src", default=None,
                   help="diffusers source tree (repo root or its src/); default $DIFFUSERS_SRC")
    p.add_argument("--check", action="store_true", help="run --input through the model and write --output")
    p.add_argument("--input", help="check mode: safetensors with x (F32) and timesteps (I64)")
    p.add_argument("--output", help="check mode: safetensors to write (eps, h_mid)")
    p.add_argument("--compare", help="check mode: reference safetensors; print max-abs diff per tensor")
    p.add_argument("--tolerance", type=float, default=None,
                   help="check mode with --compare: exit 1 if eps max-abs diff exceeds this")
    args = p.parse_args(argv)
    if args.check and not (args.input and args.output):
        p.error("--check needs --input and --output")
    if args.threads < 1:
        p.error("--threads must be >= 1")
    try:
        args.batch_list = [int(b) for b in args.batches.split(",") if b.strip()]
    except ValueError:
        p.error(f"--batches: not a comma-separated list of integers: {args.batches!r}")
    if not args.batch_list or min(args.batch_list) < 1:
        p.error("--batches must list positive integers")
    if args.iters < 1 or args.warmup < 0:
        p.error("--iters must be >= 1 and --warmup >= 0")
    return args


def max_rss_mib():
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)

    try:
        import torch
    except ImportError:
        raise SystemExit("error: torch is not importable by " + sys.executable +
                         " (on Debian: apt-get install python3-torch, and run with /usr/bin/python3)")

    # Thread settings first: set_num_interop_threads must precede any inter-op work.
    torch.set_num_threads(args.threads)
    try:
        torch.set_num_interop_threads(args.threads)
    except RuntimeError as e:  # already started
        log(f"warning: set_num_interop_threads({args.threads}) failed: {e}")

    import bench_support as bs

    diffusers, src, stubbed = bs.import_diffusers(args.diffusers_src)
    if stubbed:
        log(f"note: using import stand-ins for {', '.join(stubbed)} (not installed)")
    from diffusers import UNet2DModel

    model, config, info = bs.load_unet(args.model, UNet2DModel, args.weights)
    params = bs.count_params(model)
    name = os.path.basename(os.path.normpath(os.path.abspath(args.model)))
    log(f"loaded {name}: diffusers {diffusers.__version__} from {src}, torch {torch.__version__}, "
        f"params={params}, weights={info['weights']}, legacy keys renamed={info['legacy_keys_renamed']}, "
        f"threads={torch.get_num_threads()}/{torch.get_num_interop_threads()}")

    if args.check:
        return run_check(args, torch, bs, model)
    return run_timing(args, torch, model, config, name, params)


def run_check(args, torch, bs, model):
    inputs, _ = bs.read_safetensors(args.input)
    for key in ("x", "timesteps"):
        if key not in inputs:
            raise SystemExit(f"error: {args.input} has no tensor '{key}' (has {sorted(inputs)})")
    x = inputs["x"].to(torch.float32)
    t = inputs["timesteps"].to(torch.int64)
    captured = {}

    def hook(_module, _inp, out):
        captured["h_mid"] = (out[0] if isinstance(out, tuple) else out).detach().clone()

    handle = model.mid_block.register_forward_hook(hook)
    try:
        with torch.no_grad(), torch.inference_mode():
            eps = model(x, t).sample
    finally:
        handle.remove()
    outputs = {"eps": eps.detach().clone(), "h_mid": captured["h_mid"]}
    bs.write_safetensors(args.output, outputs)
    log(f"wrote {args.output}: " + ", ".join(f"{k} {list(v.shape)}" for k, v in outputs.items()))

    if args.compare:
        ref, _ = bs.read_safetensors(args.compare)
        worst_eps = None
        for k in sorted(outputs):
            if k not in ref:
                print(f"compare {k}: missing in {args.compare}")
                continue
            if tuple(ref[k].shape) != tuple(outputs[k].shape):
                print(f"compare {k}: shape mismatch {list(outputs[k].shape)} vs {list(ref[k].shape)}")
                if k == "eps":
                    worst_eps = float("inf")
                continue
            d = (outputs[k].double() - ref[k].double()).abs().max().item()
            print(f"compare {k}: max_abs_diff={d:.6e} ref_max_abs={ref[k].abs().max().item():.6e}")
            if k == "eps":
                worst_eps = d
        if args.tolerance is not None:
            if worst_eps is None or not worst_eps <= args.tolerance:
                print(f"FAIL: eps max_abs_diff {worst_eps} > tolerance {args.tolerance}")
                return 1
            print(f"OK: eps max_abs_diff {worst_eps:.6e} <= tolerance {args.tolerance}")
    return 0


def run_timing(args, torch, model, config, name, params):
    in_ch = int(config.get("in_channels", 3))
    size = args.size or config.get("sample_size")
    if isinstance(size, (list, tuple)):
        h, w = int(size[0]), int(size[1])
    else:
        h = w = int(size)
    gen = torch.Generator().manual_seed(args.seed)
    for b in args.batch_list:
        x = torch.randn([b, in_ch, h, w], generator=gen, dtype=torch.float32)
        t = torch.randint(0, 1000, (b,), generator=gen, dtype=torch.int64)
        times = []
        utils = []
        with torch.no_grad(), torch.inference_mode():
            for i in range(args.warmup + args.iters):
                c0 = time.process_time()
                t0 = time.perf_counter()
                out = model(x, t).sample
                dt = (time.perf_counter() - t0) * 1000.0
                dc = (time.process_time() - c0) * 1000.0
                if i >= args.warmup:
                    times.append(dt)
                    # CPU time / (wall time * threads): well below 1 means the cores were busy elsewhere
                    utils.append(dc / (dt * args.threads))
                del out
        log(f"  {name} batch={b}: times_ms=" + ",".join(f"{v:.1f}" for v in times) +
            " cpu_util=" + ",".join(f"{u:.2f}" for u in utils) +
            f" loadavg={os.getloadavg()[0]:.2f} maxrss_mib={max_rss_mib():.0f}")
        print(f"pytorch unet-forward model={name} batch={b} threads={args.threads} "
              f"median_ms={statistics.median(times):.3f} min_ms={min(times):.3f} params={params}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

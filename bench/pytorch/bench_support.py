"""Support code for the PyTorch side of the Locus benchmark.

Kept deliberately small and free of third-party packages beyond torch/numpy:

* a safetensors reader/writer that follows the published format
  (8-byte little-endian u64 header length N, N bytes of JSON
  ``{name: {dtype, shape, data_offsets}}``, then the raw little-endian data);
* an import stand-in for ``huggingface_hub`` / ``safetensors`` so that the
  real diffusers source (imported from ``--diffusers-src``) can be imported on
  a machine where those packages are not installed.  The stand-in is only
  installed when the real package cannot be found; none of its functions are
  used on the code path we exercise (``UNet2DModel.from_config`` +
  ``load_state_dict``);
* loading a diffusers model folder (config.json + safetensors weights) into
  the real ``diffusers.UNet2DModel``, accepting legacy attention key names.

No diffusers code is copied here: diffusers is imported from its source tree.
"""

import importlib.machinery
import importlib.util
import json
import mmap
import os
import re
import struct
import sys
import types

import numpy as np

# --------------------------------------------------------------------------
# safetensors
# --------------------------------------------------------------------------

_NP_DTYPES = {
    "F64": "<f8",
    "F32": "<f4",
    "F16": "<f2",
    "I64": "<i8",
    "I32": "<i4",
    "I16": "<i2",
    "I8": "i1",
    "U8": "u1",
    "BOOL": "?",
    "BF16": "<u2",  # reinterpreted as torch.bfloat16 below
}


def read_safetensors(path):
    """Return (dict name -> torch.Tensor, metadata dict). Tensors are copies."""
    import torch

    with open(path, "rb") as f:
        raw = f.read(8)
        if len(raw) != 8:
            raise ValueError(f"{path}: not a safetensors file (too short)")
        (n,) = struct.unpack("<Q", raw)
        header = json.loads(f.read(n).decode("utf-8"))
        base = 8 + n
        mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    try:
        meta = header.pop("__metadata__", {}) or {}
        out = {}
        for name, info in header.items():
            dt = info["dtype"]
            if dt not in _NP_DTYPES:
                raise ValueError(f"{path}: tensor {name}: unsupported dtype {dt}")
            shape = tuple(info["shape"])
            start, end = info["data_offsets"]
            arr = np.frombuffer(mm, dtype=np.dtype(_NP_DTYPES[dt]), count=(end - start) // np.dtype(_NP_DTYPES[dt]).itemsize,
                                offset=base + start)
            arr = np.array(arr, copy=True).reshape(shape)  # own the memory, native byte order
            if dt == "BF16":
                t = torch.from_numpy(arr.view(np.int16)).view(torch.bfloat16)
            else:
                t = torch.from_numpy(arr)
            out[name] = t
        return out, meta
    finally:
        mm.close()


_TORCH_TO_ST = None


def _torch_to_st():
    global _TORCH_TO_ST
    if _TORCH_TO_ST is None:
        import torch

        _TORCH_TO_ST = {
            torch.float64: "F64",
            torch.float32: "F32",
            torch.float16: "F16",
            torch.bfloat16: "BF16",
            torch.int64: "I64",
            torch.int32: "I32",
            torch.int16: "I16",
            torch.int8: "I8",
            torch.uint8: "U8",
            torch.bool: "BOOL",
        }
    return _TORCH_TO_ST


def write_safetensors(path, tensors, metadata=None):
    """Write dict name -> torch.Tensor as a safetensors file (keys sorted)."""
    import torch

    header = {}
    blobs = []
    offset = 0
    for name in sorted(tensors):
        t = tensors[name].detach().to("cpu").contiguous()
        dt = _torch_to_st().get(t.dtype)
        if dt is None:
            raise ValueError(f"tensor {name}: unsupported dtype {t.dtype}")
        if t.dtype == torch.bfloat16:
            data = t.view(torch.int16).numpy().astype("<i2").tobytes()
        else:
            data = t.numpy().astype(np.dtype(_NP_DTYPES[dt]), copy=False).tobytes()
        header[name] = {"dtype": dt, "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    header["__metadata__"] = dict(metadata or {"format": "pt"})
    hjson = json.dumps(header, separators=(",", ":")).encode("utf-8")
    hjson += b" " * ((8 - len(hjson) % 8) % 8)  # align the data section to 8 bytes
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(hjson)))
        f.write(hjson)
        for b in blobs:
            f.write(b)
    os.replace(tmp, path)


# --------------------------------------------------------------------------
# import stand-ins for packages diffusers imports but we never call
# --------------------------------------------------------------------------

_STUB_CONSTANTS = {
    "HF_HOME": os.path.join(os.path.expanduser("~"), ".cache", "huggingface"),
    "HF_HUB_CACHE": os.path.join(os.path.expanduser("~"), ".cache", "huggingface", "hub"),
    "HUGGINGFACE_HUB_CACHE": os.path.join(os.path.expanduser("~"), ".cache", "huggingface", "hub"),
    "HF_HUB_OFFLINE": True,
    "HF_HUB_DISABLE_TELEMETRY": True,
    "REGEX_COMMIT_HASH": re.compile(r"^[0-9a-f]{40}$"),
    "ENDPOINT": "",
}


class _StubModule(types.ModuleType):
    """Module whose attributes are made up on demand (import-time only)."""

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        if name in _STUB_CONSTANTS:
            val = _STUB_CONSTANTS[name]
        elif name.endswith("Error") or name.endswith("Exception") or name.endswith("Warning"):
            val = type(name, (Exception,), {})
        elif name.startswith("validate_"):
            def val(fn):  # identity decorator
                return fn
        elif name.startswith("is_") and name.endswith("_available"):
            def val():
                return False
        else:
            mod_name = self.__name__

            def val(*args, **kwargs):
                raise RuntimeError(
                    f"{mod_name}.{name} is a stand-in from bench/pytorch/bench_support.py "
                    f"({mod_name} is not installed); the benchmark never needs it"
                )

            val.__name__ = name
        setattr(self, name, val)
        return val


class _StubFinder:
    """meta_path finder that serves _StubModule for a package and its submodules."""

    def __init__(self, roots):
        self.roots = set(roots)

    def find_spec(self, fullname, path=None, target=None):
        if fullname.split(".")[0] in self.roots:
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        return None

    def create_module(self, spec):
        mod = _StubModule(spec.name)
        mod.__path__ = []
        mod.__version__ = "0.0.0+bench-stub"
        return mod

    def exec_module(self, module):
        pass


def install_import_stubs(names=("huggingface_hub", "safetensors")):
    """Install stand-ins for the given top-level packages that are not importable."""
    missing = [n for n in names if importlib.util.find_spec(n) is None]
    if missing:
        sys.meta_path.append(_StubFinder(missing))
    return missing


def import_diffusers(diffusers_src):
    """Import diffusers from a source tree (repo root or its src/ folder)."""
    src = diffusers_src or os.environ.get("DIFFUSERS_SRC")
    if not src:
        raise SystemExit("error: diffusers source not given: pass --diffusers-src PATH or set DIFFUSERS_SRC "
                         "(a checkout of huggingface/diffusers tag v0.31.0; see bench/README.md)")
    src = os.path.abspath(src)
    for cand in (os.path.join(src, "src"), src):
        if os.path.isfile(os.path.join(cand, "diffusers", "__init__.py")):
            src = cand
            break
    else:
        raise SystemExit(f"error: no diffusers/__init__.py under {src} or {src}/src "
                         "(expected a checkout of huggingface/diffusers v0.31.0)")
    stubbed = install_import_stubs()
    sys.path.insert(0, src)
    import diffusers  # noqa: E402

    return diffusers, src, stubbed


# --------------------------------------------------------------------------
# model loading
# --------------------------------------------------------------------------

_LEGACY_ATTN = re.compile(r"^(.*\.attentions\.\d+)\.(query|key|value|proj_attn)\.(weight|bias)$")
_LEGACY_MAP = {"query": "to_q", "key": "to_k", "value": "to_v", "proj_attn": "to_out.0"}

WEIGHT_FILES = ("diffusion_pytorch_model.safetensors",)


def convert_legacy_keys(state_dict):
    """query/key/value/proj_attn -> to_q/to_k/to_v/to_out.0 (diffusers' deprecated attention blocks)."""
    out = {}
    renamed = 0
    for k, v in state_dict.items():
        m = _LEGACY_ATTN.match(k)
        if m:
            k = f"{m.group(1)}.{_LEGACY_MAP[m.group(2)]}.{m.group(3)}"
            renamed += 1
        out[k] = v
    return out, renamed


def load_unet(model_dir, UNet2DModel, weights=None):
    """Build diffusers.UNet2DModel from model_dir/config.json and load the safetensors weights."""
    import torch

    cfg_path = os.path.join(model_dir, "config.json")
    if not os.path.isfile(cfg_path):
        raise SystemExit(f"error: {cfg_path} not found (expected a diffusers model folder)")
    with open(cfg_path) as f:
        config = json.load(f)
    cls = config.get("_class_name", "UNet2DModel")
    if cls != "UNet2DModel":
        raise SystemExit(f"error: {cfg_path}: _class_name is {cls!r}, expected 'UNet2DModel'")
    wpath = weights if weights and os.path.isabs(weights) else os.path.join(model_dir, weights or WEIGHT_FILES[0])
    if not os.path.isfile(wpath):
        raise SystemExit(f"error: weights file {wpath} not found")
    sd, _meta = read_safetensors(wpath)
    sd, renamed = convert_legacy_keys(sd)
    model = UNet2DModel.from_config(config)
    expected = model.state_dict()
    # very old checkpoints store attention projections as 1x1 convs
    for k, v in list(sd.items()):
        if k in expected and v.shape != expected[k].shape and v.dim() == 4 and v.shape[2:] == (1, 1):
            sd[k] = v[:, :, 0, 0]
    missing = sorted(set(expected) - set(sd))
    unexpected = sorted(set(sd) - set(expected))
    if missing or unexpected:
        raise SystemExit(f"error: {wpath} does not match the config: missing={missing[:10]}"
                         f"{'...' if len(missing) > 10 else ''} unexpected={unexpected[:10]}"
                         f"{'...' if len(unexpected) > 10 else ''}")
    with torch.no_grad():
        model.load_state_dict(sd, strict=True)
    model.eval()
    return model, config, {"weights": wpath, "legacy_keys_renamed": renamed}


def count_params(model):
    return sum(p.numel() for p in model.parameters())

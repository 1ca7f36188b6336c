package dev.locus.engine.torch;

import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Where and in which precision a model runs. "auto" picks CUDA when libtorch sees a GPU (the
 * gpu Maven profile ships the CUDA build) and the CPU otherwise. Half precision only on CUDA:
 * libtorch's CPU kernels for it are slow and some are missing.
 */
public record ComputeDevice(Device device, ScalarType dtype) {

    public static ComputeDevice of(String device, String dtype) {
        Device resolved = resolveDevice(device);
        ScalarType type = resolveDtype(dtype);
        if (type != ScalarType.Float && !resolved.is_cuda()) {
            throw new IllegalArgumentException("dtype " + dtype + " needs a CUDA device; on the CPU use float32");
        }
        return new ComputeDevice(resolved, type);
    }

    public static ComputeDevice auto() {
        return of("auto", "float32");
    }

    public static ComputeDevice cpu() {
        return of("cpu", "float32");
    }

    public boolean isCuda() {
        return device.is_cuda();
    }

    public String describe() {
        String precision = switch (dtype) {
            case Half -> "float16";
            case BFloat16 -> "bfloat16";
            default -> "float32";
        };
        return (isCuda() ? "cuda:" + Math.max(0, device.index()) : "cpu") + " " + precision;
    }

    private static Device resolveDevice(String name) {
        String value = name == null ? "auto" : name.trim().toLowerCase();
        boolean cudaAvailable = torch.cuda_is_available();
        return switch (value) {
            case "auto" -> cudaAvailable ? new Device(torch.DeviceType.CUDA, (byte) 0) : new Device(torch.DeviceType.CPU);
            case "cpu" -> new Device(torch.DeviceType.CPU);
            default -> {
                if (!value.startsWith("cuda")) {
                    throw new IllegalArgumentException("device '" + name + "' is not one of auto, cpu, cuda, cuda:N");
                }
                if (!cudaAvailable) {
                    throw new IllegalArgumentException("device " + name
                            + " requested but libtorch sees no CUDA GPU (build with -Pgpu and run on a GPU machine)");
                }
                byte index = value.contains(":") ? Byte.parseByte(value.substring(value.indexOf(':') + 1)) : 0;
                yield new Device(torch.DeviceType.CUDA, index);
            }
        };
    }

    private static ScalarType resolveDtype(String name) {
        String value = name == null ? "float32" : name.trim().toLowerCase();
        return switch (value) {
            case "float32", "fp32" -> ScalarType.Float;
            case "float16", "fp16" -> ScalarType.Half;
            case "bfloat16", "bf16" -> ScalarType.BFloat16;
            default -> throw new IllegalArgumentException("dtype '" + name + "' is not one of float32, float16, bfloat16");
        };
    }
}

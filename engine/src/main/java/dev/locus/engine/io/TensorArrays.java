package dev.locus.engine.io;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

/** Bulk copies between tensors and Java arrays: one memcpy instead of one JNI call per element. */
public final class TensorArrays {

    private TensorArrays() {
    }

    /** The elements of any tensor (any device, any dtype) as float32, in C order. */
    public static float[] toFloats(Tensor tensor) {
        try (Tensor cpu = tensor.cpu(); Tensor floats = cpu.to(ScalarType.Float); Tensor contiguous = floats.contiguous()) {
            float[] values = new float[Math.toIntExact(contiguous.numel())];
            if (values.length > 0) {
                contiguous.data_ptr_float().get(values);
            }
            return values;
        }
    }

    /** A float32 CPU tensor owning a copy of {@code values}. */
    public static Tensor fromFloats(float[] values, long... shape) {
        return Tensor.create(values, shape);
    }
}

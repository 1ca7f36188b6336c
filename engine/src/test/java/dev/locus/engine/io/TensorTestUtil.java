package dev.locus.engine.io;

import java.nio.ByteBuffer;
import java.io.ByteArrayOutputStream;
import org.bytedeco.pytorch.Tensor;

/** Reads tensors back into Java arrays for exact comparisons. */
final class TensorTestUtil {

    private TensorTestUtil() {
    }

    /** The raw bytes of a CPU tensor, in C order. */
    static byte[] rawBytes(Tensor tensor) {
        try (Tensor contiguous = tensor.contiguous()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (ByteBuffer chunk : TensorMemory.chunks(contiguous)) {
                byte[] bytes = new byte[chunk.remaining()];
                chunk.get(bytes);
                out.writeBytes(bytes);
            }
            return out.toByteArray();
        }
    }

    static float[] floats(Tensor tensor) {
        return TensorArrays.toFloats(tensor);
    }
}

package dev.locus.engine.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.pytorch.Tensor;

/** Views of a CPU tensor's native memory as NIO buffers, so file channels can fill or drain it directly. */
final class TensorMemory {

    /** A ByteBuffer holds at most Integer.MAX_VALUE bytes; larger tensors are handled in pieces. */
    static final int CHUNK_BYTES = 1 << 30;

    private TensorMemory() {
    }

    /**
     * The tensor's bytes as consecutive little-endian buffers of at most {@link #CHUNK_BYTES}
     * each. The tensor must be contiguous and on the CPU, and must outlive the buffers: they point
     * into its memory without keeping it alive.
     */
    static List<ByteBuffer> chunks(Tensor tensor) {
        return chunks(tensor, CHUNK_BYTES);
    }

    /** As {@link #chunks(Tensor)} with a chosen chunk size, so tests can cover the splitting. */
    static List<ByteBuffer> chunks(Tensor tensor, int chunkBytes) {
        if (!tensor.is_contiguous() || tensor.is_cuda()) {
            throw new IllegalArgumentException("tensor must be contiguous and on the CPU");
        }
        long total = tensor.nbytes();
        List<ByteBuffer> chunks = new ArrayList<>();
        if (total == 0) {
            return chunks; // libtorch gives no data pointer for an empty tensor
        }
        requireLittleEndianHost();
        // Pointers from data_ptr() own nothing, so there is nothing to close here.
        BytePointer base = new BytePointer(tensor.data_ptr());
        for (long offset = 0; offset < total; offset += chunkBytes) {
            long length = Math.min(chunkBytes, total - offset);
            // getPointer gives a fresh pointer at base+offset; capacity bounds the buffer.
            chunks.add(base.getPointer(offset).capacity(length).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN));
        }
        return chunks;
    }

    /** safetensors stores little-endian bytes and we copy them verbatim into native memory. */
    private static void requireLittleEndianHost() {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new UnsupportedOperationException("safetensors I/O needs a little-endian host");
        }
    }
}

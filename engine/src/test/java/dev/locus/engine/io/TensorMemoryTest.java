package dev.locus.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

class TensorMemoryTest {

    @Test
    void chunksCoverTheTensorInOrder() {
        byte[] values = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        try (Tensor tensor = Tensor.create(values, 10)) {
            List<ByteBuffer> chunks = TensorMemory.chunks(tensor, 3);
            assertThat(chunks).extracting(ByteBuffer::remaining).containsExactly(3, 3, 3, 1);
            byte[] joined = new byte[10];
            int at = 0;
            for (ByteBuffer chunk : chunks) {
                int length = chunk.remaining();
                chunk.get(joined, at, length);
                at += length;
            }
            assertThat(joined).containsExactly(values);
        }
    }

    @Test
    void writesThroughChunksLandInTheTensor() {
        try (Tensor tensor = Tensor.create(new byte[4], 4)) {
            List<ByteBuffer> chunks = TensorMemory.chunks(tensor, 2);
            chunks.get(1).put(1, (byte) 42);
            assertThat(tensor.get(3).item_int()).isEqualTo(42);
        }
    }

    @Test
    void refusesNonContiguousTensors() {
        try (Tensor matrix = Tensor.create(new float[6], 2, 3); Tensor transposed = matrix.t()) {
            assertThatThrownBy(() -> TensorMemory.chunks(transposed)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void emptyTensorsHaveNoChunks() {
        try (Tensor empty = Tensor.create(new float[0], 0)) {
            assertThat(TensorMemory.chunks(empty)).isEmpty();
        }
    }
}

package dev.locus.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void float32KeepsEveryBit() {
        float[] values = {0f, -0f, 1.5f, -2f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NEGATIVE_INFINITY, Float.NaN};
        try (Tensor tensor = Tensor.create(values, 2, 4); Tensor back = roundTrip(tensor)) {
            assertThat(back.scalar_type().intern()).isEqualTo(ScalarType.Float);
            assertThat(back.shape()).containsExactly(2, 4);
            float[] read = new float[values.length];
            back.data_ptr_float().get(read);
            for (int i = 0; i < values.length; i++) {
                assertThat(Float.floatToRawIntBits(read[i])).as("element %d", i)
                        .isEqualTo(Float.floatToRawIntBits(values[i]));
            }
        }
    }

    @Test
    void float64KeepsEveryBit() {
        double[] values = {Math.PI, -1e-300, Double.MAX_VALUE, Double.MIN_VALUE, -0.0, 1.0 / 3};
        try (Tensor tensor = Tensor.create(values, 3, 2); Tensor back = roundTrip(tensor)) {
            assertThat(back.scalar_type().intern()).isEqualTo(ScalarType.Double);
            double[] read = new double[values.length];
            back.data_ptr_double().get(read);
            assertThat(read).containsExactly(values);
        }
    }

    @Test
    void int64KeepsExtremes() {
        long[] values = {Long.MIN_VALUE, -1, 0, 1L << 40, Long.MAX_VALUE};
        try (Tensor tensor = Tensor.create(values, 5); Tensor back = roundTrip(tensor)) {
            assertThat(back.scalar_type().intern()).isEqualTo(ScalarType.Long);
            long[] read = new long[values.length];
            back.data_ptr_long().get(read);
            assertThat(read).containsExactly(values);
        }
    }

    @Test
    void int32KeepsExtremes() {
        int[] values = {Integer.MIN_VALUE, -7, 0, 123456789, Integer.MAX_VALUE, 42};
        try (Tensor tensor = Tensor.create(values, 1, 2, 3); Tensor back = roundTrip(tensor)) {
            assertThat(back.scalar_type().intern()).isEqualTo(ScalarType.Int);
            assertThat(back.shape()).containsExactly(1, 2, 3);
            int[] read = new int[values.length];
            back.data_ptr_int().get(read);
            assertThat(read).containsExactly(values);
        }
    }

    @Test
    void uint8KeepsHighValues() {
        byte[] values = {0, 1, 127, (byte) 128, (byte) 255};
        try (Tensor tensor = Tensor.create(values, false, 5); Tensor back = roundTrip(tensor)) {
            assertThat(back.scalar_type().intern()).isEqualTo(ScalarType.Byte);
            assertThat(back.get(4).item_int()).isEqualTo(255);
            assertThat(TensorTestUtil.rawBytes(back)).containsExactly(values);
        }
    }

    @Test
    void boolKeepsValues() {
        boolean[] values = {true, false, false, true};
        try (Tensor tensor = Tensor.create(values, 2, 2); Tensor back = roundTrip(tensor)) {
            assertThat(back.scalar_type().intern()).isEqualTo(ScalarType.Bool);
            assertThat(TensorTestUtil.rawBytes(back)).containsExactly(1, 0, 0, 1);
        }
    }

    @Test
    void float16KeepsKnownValues() {
        float[] values = {1.5f, -2f, 65504f, 6.1035156e-5f, 5.9604645e-8f, 0f};
        try (Tensor floats = Tensor.create(values, 6);
                Tensor half = floats.to(ScalarType.Half);
                Tensor back = roundTrip(half)) {
            assertThat(back.scalar_type().intern()).isEqualTo(ScalarType.Half);
            assertThat(TensorTestUtil.floats(back)).containsExactly(values);
        }
    }

    @Test
    void bfloat16KeepsKnownValues() {
        float[] values = {1.5f, -2f, 0.0078125f, -256f, Float.intBitsToFloat(0x7F7F0000)};
        try (Tensor floats = Tensor.create(values, 5);
                Tensor bf16 = floats.to(ScalarType.BFloat16);
                Tensor back = roundTrip(bf16)) {
            assertThat(back.scalar_type().intern()).isEqualTo(ScalarType.BFloat16);
            assertThat(TensorTestUtil.floats(back)).containsExactly(values);
        }
    }

    @Test
    void everyDtypeRoundTripsBitExactInOneFile() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        try (Tensor small = Tensor.create(new float[] {0, 1, 2, 3, 4, 5}, 2, 3)) {
            for (SafetensorsDType dtype : SafetensorsDType.values()) {
                tensors.put(dtype.name(), small.to(dtype.scalarType()));
            }
        }
        Path file = dir.resolve("all.safetensors");
        SafetensorsWriter.write(file, tensors, Map.of());
        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            for (SafetensorsDType dtype : SafetensorsDType.values()) {
                TensorInfo info = read.info(dtype.name());
                assertThat(info.dtype()).isEqualTo(dtype);
                assertThat(info.byteSize()).isEqualTo(6L * dtype.byteSize());
                try (Tensor back = read.load(dtype.name())) {
                    assertThat(back.scalar_type().intern()).as(dtype.name()).isEqualTo(dtype.scalarType());
                    assertThat(TensorTestUtil.rawBytes(back)).as(dtype.name())
                            .containsExactly(TensorTestUtil.rawBytes(tensors.get(dtype.name())));
                }
            }
        } finally {
            tensors.values().forEach(Tensor::close);
        }
    }

    @Test
    void scalarsEmptyTensorsAndNonContiguousViewsKeepTheirShape() {
        Path file = dir.resolve("shapes.safetensors");
        try (Tensor scalar = Tensor.create(new float[] {7f});
                Tensor scalarView = scalar.reshape();
                Tensor empty = Tensor.create(new float[0], 0, 3);
                Tensor matrix = Tensor.create(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
                Tensor transposed = matrix.t()) {
            SafetensorsWriter.write(file, Map.of("scalar", scalarView, "empty", empty, "transposed", transposed), Map.of());
            try (SafetensorsFile read = SafetensorsFile.open(file);
                    Tensor scalarBack = read.load("scalar");
                    Tensor emptyBack = read.load("empty");
                    Tensor transposedBack = read.load("transposed")) {
                assertThat(scalarBack.shape()).isEmpty();
                assertThat(scalarBack.item_float()).isEqualTo(7f);
                assertThat(emptyBack.shape()).containsExactly(0, 3);
                assertThat(transposedBack.shape()).containsExactly(3, 2);
                assertThat(TensorTestUtil.floats(transposedBack)).containsExactly(1, 4, 2, 5, 3, 6);
            }
        }
    }

    @Test
    void metadataRoundTrips() {
        Map<String, String> metadata = Map.of("format", "pt", "note", "ünïcode ✓", "empty", "");
        Path file = dir.resolve("meta.safetensors");
        try (Tensor tensor = Tensor.create(new float[] {1f}, 1)) {
            SafetensorsWriter.write(file, Map.of("w", tensor), metadata);
        }
        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            assertThat(read.metadata()).isEqualTo(metadata);
            assertThat(read.names()).containsExactly("w");
        }
    }

    @Test
    void writesSortedTensorsAfterAnEightAlignedSpacePaddedHeader() throws IOException {
        Path file = dir.resolve("layout.safetensors");
        try (Tensor b = Tensor.create(new float[] {2f}, 1);
                Tensor a = Tensor.create(new long[] {1L, 2L}, 2);
                Tensor c = Tensor.create(new float[] {3f, 4f, 5f}, 3)) {
            SafetensorsWriter.write(file, Map.of("b", b, "c", c, "a", a), Map.of("k", "v"));
        }
        byte[] bytes = Files.readAllBytes(file);
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(headerLength % 8).isZero();
        assertThat(bytes.length).isEqualTo(8 + headerLength + 16 + 4 + 12);
        String header = new String(bytes, 8, (int) headerLength, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(header).startsWith("{").matches("(?s)\\{.*\\} *");
        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            assertThat(List.of(read.info("a").begin(), read.info("b").begin(), read.info("c").begin()))
                    .containsExactly(0L, 16L, 20L);
        }
    }

    @Test
    void replacesAnExistingFileAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("model.safetensors");
        Files.writeString(file, "old contents");
        try (Tensor tensor = Tensor.create(new float[] {1f, 2f}, 2)) {
            SafetensorsWriter.write(file, Map.of("x", tensor), Map.of());
        }
        try (Stream<Path> files = Files.list(dir); SafetensorsFile read = SafetensorsFile.open(file)) {
            assertThat(files).containsExactly(file);
            assertThat(read.names()).containsExactly("x");
        }
    }

    @Test
    void rejectsTheReservedMetadataNameAndLeavesNoFile() {
        Path file = dir.resolve("bad.safetensors");
        try (Tensor tensor = Tensor.create(new float[] {1f}, 1)) {
            assertThatThrownBy(() -> SafetensorsWriter.write(file, Map.of("__metadata__", tensor), Map.of()))
                    .isInstanceOf(SafetensorsException.class)
                    .hasMessageContaining("bad.safetensors")
                    .hasMessageContaining("reserved");
        }
        assertThat(file).doesNotExist();
    }

    private Tensor roundTrip(Tensor tensor) {
        Path file = dir.resolve("t.safetensors");
        SafetensorsWriter.write(file, Map.of("t", tensor), Map.of());
        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            return read.load("t");
        }
    }
}

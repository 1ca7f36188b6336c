package dev.locus.engine.io;

import static dev.locus.engine.io.SafetensorsBytes.concat;
import static dev.locus.engine.io.SafetensorsBytes.f32;
import static dev.locus.engine.io.SafetensorsBytes.i64;
import static dev.locus.engine.io.SafetensorsBytes.u16;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files assembled byte by byte, so the reader is checked against the format, not against our writer. */
class SafetensorsHandBuiltFileTest {

    @TempDir
    Path dir;

    @Test
    void readsOffsetsOutOfNameOrderWithPaddingAndGaps() throws IOException {
        // "weight" lies after "bias" in the data, with 4 unused bytes between them.
        String header = "{\"weight\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[20,36]},"
                + "\"__metadata__\":{\"format\":\"pt\"},"
                + "\"bias\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]}}";
        byte[] data = concat(i64(-5, 1L << 33), new byte[4], f32(1.5f, -2f, 0.25f, 1e6f));
        Path file = write(SafetensorsBytes.file(header, 5, data));

        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            assertThat(read.names()).containsExactly("bias", "weight");
            assertThat(read.metadata()).containsExactly(Map.entry("format", "pt"));
            assertThat(read.info("weight")).isEqualTo(
                    new TensorInfo("weight", SafetensorsDType.F32, new long[] {2, 2}, 20, 36));
            try (Tensor weight = read.load("weight"); Tensor bias = read.load("bias")) {
                assertThat(weight.shape()).containsExactly(2, 2);
                assertThat(TensorTestUtil.floats(weight)).containsExactly(1.5f, -2f, 0.25f, 1e6f);
                assertThat(bias.scalar_type().intern()).isEqualTo(ScalarType.Long);
                assertThat(bias.get(0).item_long()).isEqualTo(-5L);
                assertThat(bias.get(1).item_long()).isEqualTo(1L << 33);
            }
        }
    }

    @Test
    void loadedTensorsOutliveTheFile() throws IOException {
        String header = "{\"x\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12]}}";
        Path file = write(SafetensorsBytes.file(header, 0, f32(1f, 2f, 3f)));
        Tensor x;
        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            x = read.load("x");
        }
        Files.delete(file);
        try (x) {
            assertThat(TensorTestUtil.floats(x)).containsExactly(1f, 2f, 3f);
        }
    }

    @Test
    void convertsHalfPrecisionToTheComputeDtype() throws IOException {
        // F16 bits of 1.5, -2, 65504 (largest), 2^-24 (smallest subnormal); BF16 bits of 1.5, -2, 2^-7, largest.
        String header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[4],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[4],\"data_offsets\":[8,16]},"
                + "\"i\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[16,24]}}";
        byte[] data = concat(u16(0x3E00, 0xC000, 0x7BFF, 0x0001), u16(0x3FC0, 0xC000, 0x3C00, 0x7F7F), i64(9));
        Path file = write(SafetensorsBytes.file(header, 0, data));

        try (SafetensorsFile read = SafetensorsFile.open(file);
                Tensor rawHalf = read.load("h");
                Tensor half = read.load("h", ScalarType.Float);
                Tensor bf16 = read.load("b", ScalarType.Float);
                Tensor bf16AsDouble = read.load("b", ScalarType.Double);
                Tensor integer = read.load("i", ScalarType.Float)) {
            assertThat(rawHalf.scalar_type().intern()).isEqualTo(ScalarType.Half);
            assertThat(half.scalar_type().intern()).isEqualTo(ScalarType.Float);
            assertThat(TensorTestUtil.floats(half)).containsExactly(1.5f, -2f, 65504f, 0x1p-24f);
            assertThat(TensorTestUtil.floats(bf16)).containsExactly(1.5f, -2f, 0.0078125f, Float.intBitsToFloat(0x7F7F0000));
            assertThat(bf16AsDouble.scalar_type().intern()).isEqualTo(ScalarType.Double);
            assertThat(integer.scalar_type().intern()).isEqualTo(ScalarType.Long);
            assertThat(integer.item_long()).isEqualTo(9L);
        }
    }

    @Test
    void loadAllConvertsFloatsAndKeepsIntegers() throws IOException {
        String header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,2]},"
                + "\"i\":{\"dtype\":\"I32\",\"shape\":[],\"data_offsets\":[2,6]}}";
        byte[] data = concat(u16(0x3E00), new byte[] {7, 0, 0, 0});
        Path file = write(SafetensorsBytes.file(header, 2, data));

        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            Map<String, Tensor> all = read.loadAll(ScalarType.Float);
            try {
                assertThat(all).containsOnlyKeys("h", "i");
                assertThat(all.get("h").scalar_type().intern()).isEqualTo(ScalarType.Float);
                assertThat(all.get("h").item_float()).isEqualTo(1.5f);
                assertThat(all.get("i").scalar_type().intern()).isEqualTo(ScalarType.Int);
                assertThat(all.get("i").item_int()).isEqualTo(7);
            } finally {
                all.values().forEach(Tensor::close);
            }
            assertThatThrownBy(() -> read.loadAll(ScalarType.Long))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("floating");
        }
    }

    @Test
    void readsAnEmptyHeader() throws IOException {
        Path file = write(SafetensorsBytes.file("{}", 6, new byte[0]));
        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            assertThat(read.names()).isEmpty();
            assertThat(read.metadata()).isEmpty();
            assertThat(read.loadAll(ScalarType.Float)).isEmpty();
        }
    }

    private Path write(byte[] bytes) throws IOException {
        return Files.write(dir.resolve("hand.safetensors"), bytes);
    }
}

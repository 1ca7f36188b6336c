package dev.locus.engine.io;

import static dev.locus.engine.io.SafetensorsBytes.concat;
import static dev.locus.engine.io.SafetensorsBytes.u64;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every malformed file must be refused with a message that names the file and says what is wrong. */
class SafetensorsValidationTest {

    private static final String FILE_NAME = "broken.safetensors";

    @TempDir
    Path dir;

    @Test
    void fileShorterThanTheLengthPrefix() {
        assertRejected(new byte[] {1, 2, 3}, "3 bytes", "shorter than the 8-byte");
    }

    @Test
    void headerLongerThanTheFile() {
        assertRejected(concat(u64(100), "{}".getBytes(StandardCharsets.UTF_8)), "header length 100", "larger than");
    }

    @Test
    void absurdHeaderLength() {
        assertRejected(concat(u64(200L << 20), new byte[16]), "header length 209715200", "absurd");
        assertRejected(concat(u64(-1), new byte[16]), "18446744073709551615", "absurd");
    }

    @Test
    void headerThatIsNotJson() {
        assertRejected(SafetensorsBytes.file("{\"x\": [1, 2", 0, new byte[0]), "not valid JSON");
    }

    @Test
    void headerThatIsNotUtf8() {
        assertRejected(concat(u64(4), new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}), "not valid UTF-8");
    }

    @Test
    void headerThatIsNotAnObject() {
        assertRejected(SafetensorsBytes.file("[1, 2]", 2, new byte[0]), "not a JSON object");
        assertRejected(SafetensorsBytes.file("", 8, new byte[0]), "not a JSON object");
    }

    @Test
    void duplicateTensorNames() {
        String entry = "\"x\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]}";
        assertRejected(SafetensorsBytes.file("{" + entry + "," + entry + "}", 0, new byte[1]), "not valid JSON", "x");
    }

    @Test
    void unknownDtype() {
        assertRejected(tensor("\"F4\"", "[2]", "[0,1]", 1), "tensor 'x'", "unknown dtype 'F4'");
        assertRejected(tensor("7", "[2]", "[0,1]", 1), "tensor 'x'", "dtype");
    }

    @Test
    void negativeOrNonIntegerShape() {
        assertRejected(tensor("\"F32\"", "[2,-1]", "[0,0]", 0), "tensor 'x'", "negative dimension");
        assertRejected(tensor("\"F32\"", "[2.5]", "[0,0]", 0), "tensor 'x'", "non-integer");
        assertRejected(tensor("\"F32\"", "3", "[0,0]", 0), "tensor 'x'", "shape");
    }

    @Test
    void dataOffsetsThatAreNotTwoIntegers() {
        assertRejected(tensor("\"U8\"", "[1]", "[0,1,2]", 2), "tensor 'x'", "data_offsets must be two");
        assertRejected(tensor("\"U8\"", "[1]", "[0]", 2), "data_offsets must be two");
        assertRejected(tensor("\"U8\"", "[1]", "[\"0\",\"1\"]", 2), "data_offsets must be two");
        assertRejected(tensor("\"U8\"", "[1]", "[-1,0]", 2), "data_offsets must be two");
        assertRejected(tensor("\"U8\"", "[1]", "[0,99999999999999999999]", 2), "data_offsets must be two");
    }

    @Test
    void beginAfterEnd() {
        assertRejected(tensor("\"U8\"", "[1]", "[3,2]", 4), "tensor 'x'", "begin 3 is after end 2");
    }

    @Test
    void endBeyondTheDataSection() {
        assertRejected(tensor("\"F32\"", "[4]", "[0,16]", 12), "tensor 'x'", "end 16", "beyond the data section (12 bytes)");
    }

    @Test
    void byteSizeThatDoesNotMatchTheShape() {
        assertRejected(tensor("\"F32\"", "[2,3]", "[0,12]", 12), "tensor 'x'", "12 bytes", "needs 24 bytes");
        assertRejected(tensor("\"F64\"", "[4294967296,4294967296]", "[0,8]", 8), "tensor 'x'", "more than 2^63");
    }

    @Test
    void overlappingTensors() {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        assertRejected(SafetensorsBytes.file(header, 0, new byte[12]), "'a'", "'b'", "overlap");
    }

    @Test
    void metadataThatIsNotStringToString() {
        assertRejected(SafetensorsBytes.file("{\"__metadata__\":{\"epochs\":3}}", 0, new byte[0]),
                "__metadata__", "'epochs'");
        assertRejected(SafetensorsBytes.file("{\"__metadata__\":[]}", 0, new byte[0]), "__metadata__");
    }

    @Test
    void missingTensorNamesTensorAndFile() throws IOException {
        Path file = Files.write(dir.resolve(FILE_NAME), tensor("\"U8\"", "[1]", "[0,1]", 1));
        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            assertThatThrownBy(() -> read.load("nope"))
                    .isInstanceOf(SafetensorsException.class)
                    .hasMessageContaining(FILE_NAME)
                    .hasMessageContaining("'nope'");
            assertThatThrownBy(() -> read.info("nope")).hasMessageContaining("'nope'");
        }
    }

    @Test
    void loadingFromAClosedFile() throws IOException {
        Path file = Files.write(dir.resolve(FILE_NAME), tensor("\"U8\"", "[1]", "[0,1]", 1));
        SafetensorsFile read = SafetensorsFile.open(file);
        read.close();
        assertThatThrownBy(() -> read.load("x"))
                .isInstanceOf(SafetensorsException.class)
                .hasMessageContaining(FILE_NAME)
                .hasMessageContaining("closed");
    }

    @Test
    void missingFile() {
        assertThatThrownBy(() -> SafetensorsFile.open(dir.resolve("absent.safetensors")))
                .isInstanceOf(SafetensorsException.class)
                .hasMessageContaining("absent.safetensors");
    }

    /** A file holding one tensor "x" with the given JSON fragments and {@code dataBytes} zero bytes of data. */
    private static byte[] tensor(String dtype, String shape, String offsets, int dataBytes) {
        String header = "{\"x\":{\"dtype\":" + dtype + ",\"shape\":" + shape + ",\"data_offsets\":" + offsets + "}}";
        return SafetensorsBytes.file(header, 0, new byte[dataBytes]);
    }

    private void assertRejected(byte[] bytes, String... words) {
        Path file;
        try {
            file = Files.write(dir.resolve(FILE_NAME), bytes);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        var thrown = assertThatThrownBy(() -> SafetensorsFile.open(file).close())
                .isInstanceOf(SafetensorsException.class)
                .hasMessageContaining(FILE_NAME);
        for (String word : words) {
            thrown.hasMessageContaining(word);
        }
    }
}

package dev.locus.engine.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bytedeco.pytorch.Tensor;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Writes tensors as a safetensors file that the Python {@code safetensors} package reads back. */
public final class SafetensorsWriter {

    /** The data section starts 8-aligned, so readers may view it in place as any dtype. */
    private static final int ALIGNMENT = 8;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SafetensorsWriter() {
    }

    /**
     * Writes {@code tensors} in name order. Tensors may live on any device and have any layout;
     * each is copied to the CPU and made contiguous one at a time, so a model on the GPU does not
     * need a second full copy in host memory. The file appears atomically: a reader sees either
     * the old file or the complete new one.
     *
     * @param metadata stored as {@code __metadata__}; may be empty
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) {
        SortedMap<String, Tensor> sorted = new TreeMap<>(tensors);
        byte[] header = header(file, sorted, metadata);
        Path target = file.toAbsolutePath();
        Path temp = null;
        try {
            temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                writeFully(channel, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).flip());
                writeFully(channel, ByteBuffer.wrap(header));
                for (Tensor tensor : sorted.values()) {
                    writeData(channel, tensor);
                }
                // Data must be on disk before the rename makes it visible, or a crash could expose a hole.
                channel.force(true);
            }
            moveIntoPlace(temp, target);
        } catch (IOException e) {
            throw new SafetensorsException(file + ": cannot write: " + e, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** The JSON header, space-padded so that the data section starts on an 8-byte boundary. */
    private static byte[] header(Path file, SortedMap<String, Tensor> tensors, Map<String, String> metadata) {
        ObjectNode root = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode meta = root.putObject(SafetensorsHeader.METADATA_KEY);
            new TreeMap<>(metadata).forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
            String name = entry.getKey();
            Tensor tensor = entry.getValue();
            if (name.equals(SafetensorsHeader.METADATA_KEY)) {
                throw new SafetensorsException(file + ": '" + name + "' is reserved and cannot name a tensor");
            }
            SafetensorsDType dtype = SafetensorsDType.of(tensor.scalar_type()).orElseThrow(() ->
                    new SafetensorsException(file + ": tensor '" + name + "' has dtype " + tensor.scalar_type()
                            + ", which safetensors cannot store"));
            long bytes = tensor.numel() * dtype.byteSize();
            ObjectNode node = root.putObject(name);
            node.put("dtype", dtype.name());
            ArrayNode shape = node.putArray("shape");
            Arrays.stream(tensor.shape()).forEach(shape::add);
            node.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = JSON.writeValueAsBytes(root);
        int padded = (json.length + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        byte[] header = Arrays.copyOf(json, padded);
        Arrays.fill(header, json.length, padded, (byte) ' ');
        return header;
    }

    private static void writeData(FileChannel channel, Tensor tensor) throws IOException {
        // cpu() and contiguous() return the same storage when there is nothing to do.
        try (Tensor cpu = tensor.cpu(); Tensor contiguous = cpu.contiguous()) {
            for (ByteBuffer chunk : TensorMemory.chunks(contiguous)) {
                writeFully(channel, chunk);
            }
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Same directory, so this only happens on exotic file systems; a plain replace is the best left.
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // A leftover hidden .tmp file is untidy but harmless; the real error is already on its way.
        }
    }
}

package dev.locus.engine.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * A safetensors file opened for reading: the header is parsed and checked up front, tensors are
 * read on demand.
 *
 * <p>Each tensor is read with positional reads straight into memory that libtorch allocated,
 * so a load costs one copy, works for tensors and files beyond 2 GB, and the returned tensor
 * owns its data outright. (A memory mapping would also cost one copy, but its pages stay mapped
 * until the garbage collector unmaps them, which on Windows blocks replacing the file.)
 *
 * <p>Safe to load from several threads at once; close it once done.
 */
public final class SafetensorsFile implements AutoCloseable {

    /** Real headers are kilobytes to a few megabytes; anything bigger is corruption, not a model. */
    static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    private static final int LENGTH_PREFIX_BYTES = 8;

    private final Path path;
    private final FileChannel channel;
    private final long dataStart;
    private final SafetensorsHeader header;

    private SafetensorsFile(Path path, FileChannel channel, long dataStart, SafetensorsHeader header) {
        this.path = path;
        this.channel = channel;
        this.dataStart = dataStart;
        this.header = header;
    }

    /** Opens and validates the file; throws {@link SafetensorsException} if it is not valid safetensors. */
    public static SafetensorsFile open(Path path) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
            long fileSize = channel.size();
            if (fileSize < LENGTH_PREFIX_BYTES) {
                throw fail(path, "file is " + fileSize + " bytes, shorter than the 8-byte header length");
            }
            long headerLength = readFully(channel, 0, LENGTH_PREFIX_BYTES)
                    .order(ByteOrder.LITTLE_ENDIAN).getLong();
            // A u64 above 2^63 reads as negative: just as absurd as a huge positive one.
            if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
                throw fail(path, "header length " + Long.toUnsignedString(headerLength)
                        + " is absurd (limit " + MAX_HEADER_BYTES + " bytes)");
            }
            if (headerLength > fileSize - LENGTH_PREFIX_BYTES) {
                throw fail(path, "header length " + headerLength + " is larger than the rest of the file ("
                        + (fileSize - LENGTH_PREFIX_BYTES) + " bytes)");
            }
            byte[] json = new byte[(int) headerLength];
            readFully(channel, LENGTH_PREFIX_BYTES, (int) headerLength).get(json);
            long dataStart = LENGTH_PREFIX_BYTES + headerLength;
            SafetensorsHeader header = SafetensorsHeader.parse(path.toString(), json, fileSize - dataStart);
            return new SafetensorsFile(path, channel, dataStart, header);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new SafetensorsException(path + ": cannot read: " + e, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    /** The free-form {@code __metadata__} map; empty if the file has none. */
    public Map<String, String> metadata() {
        return header.metadata();
    }

    /** Tensor names in sorted order. */
    public Set<String> names() {
        return header.tensors().keySet();
    }

    public TensorInfo info(String name) {
        TensorInfo info = header.tensors().get(name);
        if (info == null) {
            throw fail(path, "no tensor named '" + name + "'");
        }
        return info;
    }

    /** The tensor with the file's dtype, on the CPU, independent of this file once returned. */
    public Tensor load(String name) {
        TensorInfo info = info(name);
        Tensor tensor = allocate(info);
        try {
            readInto(tensor, info);
            return tensor;
        } catch (IOException e) {
            tensor.close();
            throw new SafetensorsException(path + ": cannot read tensor '" + name + "': " + e, e);
        } catch (RuntimeException e) {
            tensor.close();
            throw e;
        }
    }

    /**
     * The tensor with floating-point data converted to {@code floatDtype} (e.g. Float for compute,
     * Half for memory); integer and bool tensors keep their type, since converting indices or
     * masks to floats would be a silent bug.
     */
    public Tensor load(String name, ScalarType floatDtype) {
        requireFloating(floatDtype);
        SafetensorsDType stored = info(name).dtype();
        Tensor tensor = load(name);
        if (!stored.isFloatingPoint() || stored.scalarType() == floatDtype.intern()) {
            return tensor;
        }
        try (tensor) {
            return tensor.to(floatDtype);
        }
    }

    /** Every tensor with the file's dtypes, by sorted name. The caller owns the tensors. */
    public Map<String, Tensor> loadAll() {
        return loadEach(null);
    }

    /** Every tensor as by {@link #load(String, ScalarType)}, by sorted name. The caller owns the tensors. */
    public Map<String, Tensor> loadAll(ScalarType floatDtype) {
        requireFloating(floatDtype);
        return loadEach(floatDtype);
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private Map<String, Tensor> loadEach(ScalarType floatDtype) {
        Map<String, Tensor> tensors = new TreeMap<>();
        try {
            for (String name : names()) {
                tensors.put(name, floatDtype == null ? load(name) : load(name, floatDtype));
            }
            return tensors;
        } catch (RuntimeException e) {
            // Half a model is of no use to anyone; give back its native memory now.
            tensors.values().forEach(Tensor::close);
            throw e;
        }
    }

    private static Tensor allocate(TensorInfo info) {
        try (TensorOptions options = new TensorOptions(info.dtype().scalarType())) {
            return torch.empty(info.shape(), options, null);
        }
    }

    private void readInto(Tensor tensor, TensorInfo info) throws IOException {
        if (!channel.isOpen()) {
            throw fail(path, "cannot load tensor '" + info.name() + "': the file has been closed");
        }
        long position = dataStart + info.begin();
        for (ByteBuffer chunk : TensorMemory.chunks(tensor)) {
            while (chunk.hasRemaining()) {
                int read = channel.read(chunk, position);
                if (read < 0) {
                    throw fail(path, "tensor '" + info.name() + "': file ended early (changed since it was opened?)");
                }
                position += read;
            }
        }
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        return buffer.flip();
    }

    private static void requireFloating(ScalarType floatDtype) {
        if (!torch.isFloatingType(floatDtype)) {
            throw new IllegalArgumentException("not a floating-point dtype: " + floatDtype);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // Read-only: nothing was written that a failed close could lose.
        }
    }

    private static SafetensorsException fail(Path path, String problem) {
        return new SafetensorsException(path + ": " + problem);
    }
}

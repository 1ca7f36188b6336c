package dev.locus.engine.io;

import java.util.Arrays;

/**
 * One tensor's entry in a safetensors header.
 *
 * @param begin first byte of the data, counted from the start of the data section (after the header)
 * @param end   one past the last byte, same origin
 */
public record TensorInfo(String name, SafetensorsDType dtype, long[] shape, long begin, long end) {

    public TensorInfo {
        // Records expose their arrays; a private copy keeps the header immutable.
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements; 1 for a scalar (empty shape). */
    public long numel() {
        long count = 1;
        for (long dim : shape) {
            count = Math.multiplyExact(count, dim);
        }
        return count;
    }

    public long byteSize() {
        return end - begin;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TensorInfo that
                && name.equals(that.name)
                && dtype == that.dtype
                && Arrays.equals(shape, that.shape)
                && begin == that.begin
                && end == that.end;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + dtype.hashCode()) + Arrays.hashCode(shape) + Long.hashCode(begin);
    }

    @Override
    public String toString() {
        return name + " " + dtype + " " + Arrays.toString(shape) + " [" + begin + ", " + end + ")";
    }
}

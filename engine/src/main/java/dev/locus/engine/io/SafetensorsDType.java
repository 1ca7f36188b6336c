package dev.locus.engine.io;

import java.util.Optional;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * The element types a safetensors header may name, with their width on disk and the libtorch
 * type that holds them.
 *
 * <p>Every safetensors type has an exact libtorch counterpart in libtorch 2.10, so loading never
 * widens. Beware that libtorch implements only a few operations (copy, conversion, indexing) for
 * the unsigned types wider than a byte (U16, U32, U64); convert them with {@code to(Long)} before
 * doing arithmetic.
 */
public enum SafetensorsDType {
    BOOL(1, ScalarType.Bool),
    U8(1, ScalarType.Byte),
    I8(1, ScalarType.Char),
    I16(2, ScalarType.Short),
    U16(2, ScalarType.UInt16),
    F16(2, ScalarType.Half),
    BF16(2, ScalarType.BFloat16),
    I32(4, ScalarType.Int),
    U32(4, ScalarType.UInt32),
    F32(4, ScalarType.Float),
    F64(8, ScalarType.Double),
    I64(8, ScalarType.Long),
    U64(8, ScalarType.UInt64),
    F8_E4M3(1, ScalarType.Float8_e4m3fn),
    F8_E5M2(1, ScalarType.Float8_e5m2);

    private final int byteSize;
    private final ScalarType scalarType;

    SafetensorsDType(int byteSize, ScalarType scalarType) {
        this.byteSize = byteSize;
        this.scalarType = scalarType;
    }

    /** Bytes per element in the file (and in libtorch memory). */
    public int byteSize() {
        return byteSize;
    }

    /** The libtorch type a loaded tensor has. */
    public ScalarType scalarType() {
        return scalarType;
    }

    public boolean isFloatingPoint() {
        return switch (this) {
            case F16, BF16, F32, F64, F8_E4M3, F8_E5M2 -> true;
            default -> false;
        };
    }

    /** The type as the header spells it, or empty if the header names something else. */
    public static Optional<SafetensorsDType> fromHeaderName(String name) {
        for (SafetensorsDType dtype : values()) {
            if (dtype.name().equals(name)) {
                return Optional.of(dtype);
            }
        }
        return Optional.empty();
    }

    /** The safetensors type for a libtorch type, or empty for types the format cannot store. */
    public static Optional<SafetensorsDType> of(ScalarType scalarType) {
        // Enum constants coming back from native calls are not always the interned instances.
        ScalarType interned = scalarType.intern();
        for (SafetensorsDType dtype : values()) {
            if (dtype.scalarType == interned) {
                return Optional.of(dtype);
            }
        }
        return Optional.empty();
    }
}

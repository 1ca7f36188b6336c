package dev.locus.synthfaces;

/** How a factor's value is encoded: what loss a probe should use for it. */
public enum FactorKind {
    /** 0 or 1. */
    BINARY,
    /** One of a fixed list of classes, encoded as the class index. */
    CATEGORICAL,
    /** A real number in a closed range. */
    CONTINUOUS
}

package dev.locus.common.messages;

/** How directions are found: LOCO in x_t space at one timestep, or JIVE in h-space. */
public enum Method {
    LOCO,
    JIVE
}

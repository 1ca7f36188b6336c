package dev.locus.gateway.outbox;

/** Raised when a message joins the outbox; once its transaction commits, the relay runs at once. */
public record OutboxAppended(String topic, String key) {}

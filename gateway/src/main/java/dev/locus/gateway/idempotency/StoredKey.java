package dev.locus.gateway.idempotency;

/** A row of {@code idempotency_keys}: the first request's fingerprint and what it created. */
public record StoredKey(String scope, String key, String requestHash, String resourceId) {}

package dev.locus.gateway.webhooks;

import java.time.Duration;
import java.util.Optional;

/**
 * When to retry a failed webhook delivery: {@code initial}, doubled after each failure, at most
 * {@code max}; no retry once {@code maxAttempts} attempts have failed.
 */
public record Backoff(Duration initial, Duration max, int maxAttempts) {

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max and maxAttempts >= 1");
        }
    }

    /**
     * @param failedAttempts attempts made so far, all failed (1 after the first failure)
     * @return the wait before the next attempt, or empty to give up
     */
    public Optional<Duration> next(int failedAttempts) {
        if (failedAttempts >= maxAttempts) {
            return Optional.empty();
        }
        int doublings = Math.max(0, failedAttempts - 1);
        if (doublings >= 62) {
            return Optional.of(max);
        }
        Duration wait = initial.multipliedBy(1L << doublings);
        return Optional.of(wait.compareTo(max) > 0 || wait.isNegative() ? max : wait);
    }
}

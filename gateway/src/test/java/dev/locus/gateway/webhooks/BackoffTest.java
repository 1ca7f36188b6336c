package dev.locus.gateway.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromOneSecondAndGivesUpAfterEightAttempts() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 8);
        List<Long> waits = new ArrayList<>();
        for (int failed = 1; failed < 8; failed++) {
            waits.add(backoff.next(failed).orElseThrow().toSeconds());
        }
        assertThat(waits).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 64L);
        assertThat(backoff.next(8)).isEmpty();
        assertThat(backoff.next(9)).isEmpty();
    }

    @Test
    void waitsNoLongerThanTheCeiling() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 100);
        assertThat(backoff.next(9)).contains(Duration.ofSeconds(256));
        assertThat(backoff.next(10)).contains(Duration.ofMinutes(5));
        assertThat(backoff.next(99)).contains(Duration.ofMinutes(5));
    }

    @Test
    void oneAttemptMeansNoRetry() {
        assertThat(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1).next(1)).isEqualTo(Optional.empty());
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

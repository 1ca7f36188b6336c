package dev.locus.worker.runtime;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PollIntervalCheckTest {

    static WorkerProperties limit(Duration jobTimeLimit) {
        return new WorkerProperties(jobTimeLimit, Duration.ofMillis(250), 4, Duration.ofSeconds(1),
                Duration.ofSeconds(30), "w", Duration.ofSeconds(5));
    }

    @Test
    void theShippedSettingsPass() {
        // locus-worker.yml: 35 minutes against the default 30-minute limit
        assertThatCode(() -> PollIntervalCheck.check(Map.of("max.poll.interval.ms", "2100000"),
                limit(Duration.ofMinutes(30)))).doesNotThrowAnyException();
    }

    @Test
    void aTimeLimitRaisedPastThePollIntervalStopsTheWorker() {
        assertThatThrownBy(() -> PollIntervalCheck.check(Map.of("max.poll.interval.ms", 2_100_000),
                limit(Duration.ofMinutes(40))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("max.poll.interval.ms (2100000 ms)")
                .hasMessageContaining("locus.worker.job-time-limit (PT40M)")
                .hasMessageContaining("above 2490000");
    }

    @Test
    void withoutTheSettingKafkasFiveMinutesCount() {
        assertThatThrownBy(() -> PollIntervalCheck.check(Map.of(), limit(Duration.ofMinutes(30))))
                .hasMessageContaining("(300000 ms)");
        assertThatCode(() -> PollIntervalCheck.check(Map.of(), limit(Duration.ofMinutes(3))))
                .doesNotThrowAnyException();
    }

    @Test
    void aMalformedIntervalIsNamed() {
        assertThatThrownBy(() -> PollIntervalCheck.check(Map.of("max.poll.interval.ms", "35m"),
                limit(Duration.ofMinutes(30)))).hasMessageContaining("got '35m'");
    }
}

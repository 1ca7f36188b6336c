package dev.locus.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScheduleTest {

    @Test
    void describesItselfAsTheTextStoredBeforeSchedulesWereData() {
        assertThat(Schedule.ddim(Schedule.Spacing.LEADING, 50, 0.0).describe()).isEqualTo("ddim/leading/50/eta=0.0");
        assertThat(Schedule.locoGrid(100, false).describe()).isEqualTo("loco/100");
        assertThat(Schedule.locoGrid(100, true).describe()).isEqualTo("loco/100/quality-boost");
    }

    @Test
    void readsThoseTextsBack() {
        for (Schedule schedule : new Schedule[] {Schedule.ddim(Schedule.Spacing.TRAILING, 20, 0.5),
                Schedule.ddim(Schedule.Spacing.LEADING, 1000, 0.0), Schedule.locoGrid(100, true), Schedule.locoGrid(7, false)}) {
            assertThat(Schedule.fromDescription(schedule.describe())).isEqualTo(schedule);
        }
    }

    @Test
    void refusesWhatIsNoSchedule() {
        for (String text : new String[] {null, "", "ddim", "ddim/leading/x/eta=0.0", "ddim/sideways/50/eta=0.0",
                "loco/100/fast", "test", "ddim/leading/50"}) {
            assertThatThrownBy(() -> Schedule.fromDescription(text)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new Schedule(Schedule.Kind.DDIM, 50, null, 0, false)).hasMessageContaining("spacing");
        assertThatThrownBy(() -> Schedule.ddim(Schedule.Spacing.LEADING, 0, 0)).hasMessageContaining("at least 1 step");
    }
}

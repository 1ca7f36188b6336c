package dev.locus.synthfaces.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeedListTest {
    @Test
    void parsesRangesAndLists() {
        assertThat(SeedList.parse("0..3")).containsExactly(0L, 1L, 2L, 3L);
        assertThat(SeedList.parse("7")).containsExactly(7L);
        assertThat(SeedList.parse("1, 5,10..12")).containsExactly(1L, 5L, 10L, 11L, 12L);
        assertThat(SeedList.parse("-2..-1")).containsExactly(-2L, -1L);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> SeedList.parse("3..1")).hasMessageContaining("backwards");
        assertThatThrownBy(() -> SeedList.parse("x")).hasMessageContaining("not a seed list");
        assertThatThrownBy(() -> SeedList.parse("0..100000")).hasMessageContaining("more than");
    }
}

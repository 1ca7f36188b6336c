package dev.locus.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MedianTest {

    @Test
    void anOddCountGivesItsMiddleValueWhateverTheOrder() {
        double[] ratios = {0.43, 0.38, 0.41};
        assertThat(Median.of(ratios)).isEqualTo(0.41);
        assertThat(ratios).containsExactly(0.43, 0.38, 0.41);
    }

    @Test
    void anEvenCountGivesTheMeanOfItsTwoMiddleValues() {
        assertThat(Median.of(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    }

    @Test
    void oneDisturbedRoundDoesNotMoveIt() {
        assertThat(Median.of(new double[] {0.39, 0.40, 1.9})).isEqualTo(0.40);
    }

    @Test
    void noValuesAreRefused() {
        assertThatThrownBy(() -> Median.of(new double[0])).hasMessageContaining("no values");
    }
}

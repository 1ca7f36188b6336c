package dev.locus.common.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class DirectionRefTest {

    @Test
    void readsEveryForm() {
        UUID id = UUID.randomUUID();
        assertThat(DirectionRef.parse(id.toString())).isEqualTo(new DirectionRef.ById(id));
        assertThat(DirectionRef.parse("eyes-open@3")).isEqualTo(new DirectionRef.ByVersion("eyes-open", 3));
        assertThat(DirectionRef.parse("eyes-open@stable")).isEqualTo(new DirectionRef.ByAlias("eyes-open", "stable"));
        assertThat(DirectionRef.parse("eyes.open_v2")).isEqualTo(new DirectionRef.Latest("eyes.open_v2"));
        assertThat(DirectionRef.parse(id.toString().toUpperCase())).isEqualTo(new DirectionRef.ById(id));
    }

    @Test
    void onlyTheCanonicalIdFormIsAnId() {
        assertThat(DirectionRef.parse("a-b-c-d-e")).isEqualTo(new DirectionRef.Latest("a-b-c-d-e"));
        assertThat(DirectionRef.parse("1-2-3-4-5@2")).isEqualTo(new DirectionRef.ByVersion("1-2-3-4-5", 2));
        String id = UUID.randomUUID().toString();
        assertThatThrownBy(() -> DirectionRef.checkReferableName(id, "direction name")).hasMessageContaining("version id");
    }

    @Test
    void namesWhatIsWrong() {
        assertThatThrownBy(() -> DirectionRef.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> DirectionRef.parse("eyes@0")).hasMessageContaining("versions start at 1");
        assertThatThrownBy(() -> DirectionRef.parse("-eyes@1")).hasMessageContaining("direction name '-eyes'");
        assertThatThrownBy(() -> DirectionRef.parse("eyes@st able")).hasMessageContaining("alias 'st able'");
        assertThatThrownBy(() -> DirectionRef.parse("a".repeat(101))).hasMessageContaining("1 to 100");
    }
}

package dev.locus.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MethodTest {

    @Test
    void everyMethodIsFoundByItsShortNameAndEverySpaceByItsStoredName() {
        for (Method method : Method.values()) {
            assertThat(Method.fromId(method.id())).isSameAs(method);
        }
        for (DirectionSpace space : DirectionSpace.values()) {
            assertThat(DirectionSpace.fromId(space.id())).isSameAs(space);
        }
        assertThat(DirectionSpace.X_T.id()).isEqualTo("x_t");
        assertThat(DirectionSpace.H.id()).isEqualTo("h");
    }

    @Test
    void unknownNamesAreRefusedWithTheNamesThatExist() {
        assertThatThrownBy(() -> Method.fromId("LOCO")).hasMessageContaining("'LOCO'").hasMessageContaining("loco-no-null");
        assertThatThrownBy(() -> DirectionSpace.fromId("X_T")).hasMessageContaining("x_t, h");
    }

    @Test
    void theVariantsOfARequestMapToOneMethodEach() {
        assertThat(Method.loco(false, true)).isEqualTo(Method.LOCO);
        assertThat(Method.loco(false, false)).isEqualTo(Method.LOCO_NO_NULL_SPACE);
        assertThat(Method.loco(true, true)).isEqualTo(Method.LOCO_EPS);
        assertThat(Method.loco(true, false)).isEqualTo(Method.LOCO_EPS_NO_NULL_SPACE);
        assertThat(Method.hSpace(true)).isEqualTo(Method.JIVE);
        assertThat(Method.hSpace(false)).isEqualTo(Method.HAAS);
        for (Method method : Method.values()) {
            assertThat(method.space()).isEqualTo(method.family() == Method.Family.LOCO ? DirectionSpace.X_T : DirectionSpace.H);
        }
    }

    @Test
    void onlyProjectedLocoDropsItsProjection() {
        assertThat(Method.LOCO.withoutNullSpace()).isEqualTo(Method.LOCO_NO_NULL_SPACE);
        assertThat(Method.LOCO_EPS.withoutNullSpace()).isEqualTo(Method.LOCO_EPS_NO_NULL_SPACE);
        assertThat(Method.LOCO.nullSpaceProjected()).isTrue();
        assertThat(Method.LOCO_NO_NULL_SPACE.nullSpaceProjected()).isFalse();
        assertThatThrownBy(Method.JIVE::withoutNullSpace).hasMessageContaining("JIVE");
    }
}

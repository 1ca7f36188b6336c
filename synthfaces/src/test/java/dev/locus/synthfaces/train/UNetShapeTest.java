package dev.locus.synthfaces.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.locus.engine.models.unet2d.UNet2DConfig;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UNetShapeTest {

    @Test
    void attentionGoesToTheNamedLevelOnBothPaths() {
        UNet2DConfig config = new UNetShape(32, List.of(32, 64, 64), 1, Set.of(2), true, 16, null).toConfig();
        assertThat(config.downBlockTypes()).containsExactly("DownBlock2D", "DownBlock2D", "AttnDownBlock2D");
        assertThat(config.upBlockTypes()).containsExactly("AttnUpBlock2D", "UpBlock2D", "UpBlock2D");
        assertThat(config.attentionHeadDim()).isNull();
        assertThat(config.addAttention()).isTrue();
        assertThat(UNet2DConfig.fromJson(config.toJson())).isEqualTo(config);
    }

    @Test
    void impossibleShapesAreRefusedWithTheOptionToFix() {
        assertThatThrownBy(() -> new UNetShape(32, List.of(32, 64, 64), 1, Set.of(3), true, 16, null))
                .hasMessageContaining("--attention-levels");
        assertThatThrownBy(() -> new UNetShape(32, List.of(24, 64), 1, Set.of(), true, 16, null))
                .hasMessageContaining("--norm-groups 16 does not divide 24");
        assertThatThrownBy(() -> new UNetShape(32, List.of(32, 48), 1, Set.of(1), false, 16, 32))
                .hasMessageContaining("--head-dim 32 does not divide 48");
    }
}

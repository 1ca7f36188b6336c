package dev.locus.engine.models.unet2d;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.locus.engine.models.RandomParameters;
import org.junit.jupiter.api.Test;

class UNet2DArchitectureTest {

    @Test
    void googleDdpm256HasThePublishedParameterCount() {
        UNet2DModel model = new UNet2DModel(KnownConfigs.get(KnownConfigs.GOOGLE_DDPM_256), new RandomParameters(0));
        assertThat(model.parameterCount()).isEqualTo(113_673_219L);
        assertThat(model.parameters()).hasSize(450);
    }

    @Test
    void googleDdpmCifar10HasThePublishedParameterCount() {
        UNet2DModel model = new UNet2DModel(KnownConfigs.get(KnownConfigs.GOOGLE_DDPM_CIFAR10_32), new RandomParameters(0));
        assertThat(model.parameterCount()).isEqualTo(35_746_307L);
    }

    @Test
    void missingKeysTakeDiffusersDefaults() {
        UNet2DConfig config = UNet2DConfig.fromJson("{\"_class_name\": \"UNet2DModel\", \"unknown_key\": 5}");
        assertThat(config.blockOutChannels()).containsExactly(224, 448, 672, 896);
        assertThat(config.attentionHeadDim()).isEqualTo(8);
        assertThat(config.normEps()).isEqualTo(1e-5);
        assertThat(config.flipSinToCos()).isTrue();
        assertThat(config.downsamplePadding()).isEqualTo(1);
    }

    @Test
    void explicitNullHeadDimMeansOneHeadOverAllChannels() {
        UNet2DConfig config = UNet2DConfig.fromJson("{\"attention_head_dim\": null}");
        assertThat(config.headDim(512)).isEqualTo(512);
    }

    @Test
    void unsupportedSettingsNameTheKey() {
        assertThatThrownBy(() -> UNet2DConfig.fromJson("{\"time_embedding_type\": \"fourier\"}"))
                .hasMessageContaining("time_embedding_type").hasMessageContaining("fourier");
        assertThatThrownBy(() -> UNet2DConfig.fromJson("{\"down_block_types\": [\"CrossAttnDownBlock2D\"], "
                + "\"up_block_types\": [\"UpBlock2D\"], \"block_out_channels\": [32]}"))
                .hasMessageContaining("CrossAttnDownBlock2D");
        assertThatThrownBy(() -> UNet2DConfig.fromJson("{\"_class_name\": \"UNet2DConditionModel\"}"))
                .hasMessageContaining("UNet2DConditionModel");
    }

    @Test
    void configSurvivesAJsonRoundTrip() {
        UNet2DConfig config = KnownConfigs.get(KnownConfigs.GOOGLE_DDPM_256);
        assertThat(UNet2DConfig.fromJson(config.toJson())).isEqualTo(config);
    }
}

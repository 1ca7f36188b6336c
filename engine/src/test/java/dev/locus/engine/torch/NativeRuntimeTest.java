package dev.locus.engine.torch;

import static org.assertj.core.api.Assertions.assertThat;

import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

class NativeRuntimeTest {

    @Test
    void nnpackIsOffSoThatItNeverTriesToInitialiseOnHardwareItRejects() {
        NativeRuntime.configure();
        assertThat(torch.globalContext().userEnabledNNPACK()).isFalse();
    }
}

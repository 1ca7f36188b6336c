package dev.locus.engine.models.layers;

import dev.locus.engine.models.ParameterSource;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** The two-layer MLP that lifts the sinusoidal embedding: linear_1, SiLU, linear_2. */
public final class TimestepEmbedding {

    private final Linear linear1;
    private final Linear linear2;

    public TimestepEmbedding(ParameterSource params, String prefix, long in, long out) {
        this.linear1 = new Linear(params, prefix + ".linear_1", in, out);
        this.linear2 = new Linear(params, prefix + ".linear_2", out, out);
    }

    public Tensor forward(Tensor embedding) {
        return linear2.forward(torch.silu(linear1.forward(embedding)));
    }
}

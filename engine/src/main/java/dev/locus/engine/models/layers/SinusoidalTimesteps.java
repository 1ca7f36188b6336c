package dev.locus.engine.models.layers;

import static org.bytedeco.pytorch.global.torch.ScalarType.Float;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * diffusers' Timesteps: the transformer sinusoidal embedding of (possibly fractional) t.
 * Computed with float32 tensor ops in diffusers' order, since the reference rounds that way.
 */
public final class SinusoidalTimesteps {

    private static final double MAX_PERIOD = 10000.0;
    private final long dim;
    private final boolean flipSinToCos;
    private final double freqShift;

    public SinusoidalTimesteps(long dim, boolean flipSinToCos, double freqShift) {
        if (dim % 2 != 0) {
            throw new IllegalArgumentException("timestep embedding dimension must be even, got " + dim);
        }
        this.dim = dim;
        this.flipSinToCos = flipSinToCos;
        this.freqShift = freqShift;
    }

    /** @param timesteps [B], any numeric dtype; returns float32 [B, dim]. */
    public Tensor forward(Tensor timesteps) {
        long half = dim / 2;
        TensorOptions floats = new TensorOptions(Float).device(new org.bytedeco.pytorch.DeviceOptional(timesteps.device()));
        Tensor exponent = torch.arange(new Scalar(0), new Scalar(half), floats)
                .mul(new Scalar(-Math.log(MAX_PERIOD)))
                .div(new Scalar(half - freqShift));
        Tensor args = timesteps.unsqueeze(1).to(Float).mul(torch.exp(exponent).unsqueeze(0));
        Tensor sin = torch.sin(args);
        Tensor cos = torch.cos(args);
        TensorVector parts = flipSinToCos ? new TensorVector(cos, sin) : new TensorVector(sin, cos);
        return torch.cat(parts, -1);
    }
}

package dev.locus.engine.schedulers;

import static org.bytedeco.pytorch.global.torch.ScalarType.Float;
import static org.bytedeco.pytorch.global.torch.ScalarType.Long;

import org.bytedeco.pytorch.Tensor;

/**
 * The forward process q(x_t | x_0) = N(sqrt(abar_t) x_0, (1 - abar_t) I), given by its table of
 * cumulative products abar_t = prod_{s<=t} (1 - beta_s) over the training timesteps.
 *
 * @param alphasCumprod float32 [T]
 */
public record NoiseSchedule(Tensor alphasCumprod) {

    public int trainTimesteps() {
        return (int) alphasCumprod.size(0);
    }

    /** abar_t as a double (timestep clamped into the table). */
    public double alphaBar(long t) {
        long index = Math.max(0, Math.min(trainTimesteps() - 1, t));
        return alphasCumprod.get(index).item_double();
    }

    /**
     * abar_t for a batch of timesteps, shaped [B, 1, 1, 1] to broadcast over images. Float
     * timesteps look up floor(t), as the LOCO reference code does.
     */
    public Tensor alphaBarBroadcast(Tensor timesteps, long sampleDims) {
        Tensor index = timesteps.to(Float).floor().to(Long).clamp_(
                new org.bytedeco.pytorch.ScalarOptional(new org.bytedeco.pytorch.Scalar(0)),
                new org.bytedeco.pytorch.ScalarOptional(new org.bytedeco.pytorch.Scalar(trainTimesteps() - 1)));
        Tensor table = alphasCumprod.to(timesteps.device(), Float);
        long[] shape = new long[(int) sampleDims];
        java.util.Arrays.fill(shape, 1);
        shape[0] = -1;
        return table.index_select(0, index.to(timesteps.device(), Long)).view(shape);
    }
}

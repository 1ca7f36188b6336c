package dev.locus.engine.models.unet2d;

import org.bytedeco.pytorch.Tensor;

/**
 * Sees each module's output during a forward pass, named as diffusers names the module
 * ("down_blocks.1", "mid_block", ...), for locating a mismatch against a reference. The tensor
 * is freed when the pass ends: read it inside the callback.
 */
@FunctionalInterface
public interface ActivationObserver {

    ActivationObserver NONE = (module, output) -> {};

    void observe(String module, Tensor output);
}

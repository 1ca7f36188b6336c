package dev.locus.synthfaces.probe;

import org.bytedeco.pytorch.global.torch;

/**
 * One libtorch thread for tests: the probe's tensors are small, and on a busy machine extra intra-op
 * threads mostly wait for each other.
 */
final class TestThreads {

    private TestThreads() {}

    static void single() {
        torch.set_num_threads(1);
    }
}

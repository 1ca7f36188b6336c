package dev.locus.engine.torch;

import java.util.Locale;
import java.util.function.Supplier;
import org.bytedeco.pytorch.global.torch;

/**
 * The CPU kernels that reverse-mode passes (u^T J, a trainer's gradients) run with.
 *
 * <p>libtorch's CPU convolution picks its backward kernel when the backward runs: oneDNN's (fast) while oneDNN is
 * enabled, else its own im2col and matrix-product kernel (portable, and on this project's 2-core machines 1.0x to
 * 3.5x slower for 1 to 32 batch rows). oneDNN's input-gradient kernel was measured wrong on one host for some of
 * the shipped model's shapes (conv 96 -> 3 at 32x32 gave {@code <grad_x, v> = -4.87} for {@code <u, conv v> = 24.94}),
 * while the same libtorch build is right on others: it depends on the processor the kernels are generated for. So
 * the fast kernels are used until an adjoint check on the real map fails ({@code AdjointCheck}); then this process
 * runs every reverse pass with the portable ones.
 *
 * <p>The choice is the system property {@code locus.reverse-kernels} or the environment variable
 * {@code LOCUS_REVERSE_KERNELS}: {@code auto} (the default, as above), {@code portable} (always), {@code fast}
 * (never switch: a failed check is an error).
 *
 * <p>oneDNN's switch is process-wide, so it is off while any reverse pass runs (counted across threads) and back
 * on when the last one ends; a forward pass running meanwhile on another thread is only slower, never wrong.
 */
public final class ReverseKernels {

    /** How the kernels are chosen. */
    public enum Policy {
        /** oneDNN until an adjoint check fails, then portable kernels for the rest of the process */
        AUTO,
        /** portable kernels for every reverse pass */
        PORTABLE,
        /** oneDNN always; a failed adjoint check is an error */
        FAST;

        static Policy parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("reverse kernels '" + text + "' is not one of auto, portable, fast");
            }
        }
    }

    private static final System.Logger LOG = System.getLogger(ReverseKernels.class.getName());

    private static volatile Policy policy = configuredPolicy();
    private static volatile boolean portable = policy == Policy.PORTABLE;
    private static int running;
    private static boolean oneDnnBefore;

    private ReverseKernels() {}

    private static Policy configuredPolicy() {
        String text = System.getProperty("locus.reverse-kernels", System.getenv("LOCUS_REVERSE_KERNELS"));
        return text == null || text.isBlank() ? Policy.AUTO : Policy.parse(text);
    }

    /** Runs a reverse pass with this process's kernels. */
    public static <T> T run(Supplier<T> reversePass) {
        if (!portable) {
            return reversePass.get();
        }
        enter();
        try {
            return reversePass.get();
        } finally {
            exit();
        }
    }

    /** Whether reverse passes run with the portable kernels. */
    public static boolean portable() {
        return portable;
    }

    public static Policy policy() {
        return policy;
    }

    /**
     * An adjoint check failed with the fast kernels: under {@link Policy#AUTO}, switches this process to the
     * portable ones and says so once in the log.
     *
     * @return whether the kernels changed, so that a retry can tell a kernel fault from a fault of the map
     */
    public static synchronized boolean fallBack(String finding) {
        if (portable || policy != Policy.AUTO) {
            return false;
        }
        portable = true;
        LOG.log(System.Logger.Level.WARNING, "reverse passes switch to libtorch's portable CPU kernels for the rest of"
                + " this process: with oneDNN's, " + finding);
        return true;
    }

    /** Sets the policy for this process (tests, and a CLI option); {@link Policy#PORTABLE} takes effect at once. */
    public static synchronized void use(Policy newPolicy) {
        policy = newPolicy;
        portable = newPolicy == Policy.PORTABLE;
    }

    private static synchronized void enter() {
        if (running++ == 0) {
            oneDnnBefore = torch.globalContext().userEnabledMkldnn();
            torch.globalContext().setUserEnabledMkldnn(false);
        }
    }

    private static synchronized void exit() {
        if (--running == 0) {
            torch.globalContext().setUserEnabledMkldnn(oneDnnBefore);
        }
    }
}

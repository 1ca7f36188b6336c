package dev.locus.engine.torch;

import java.util.function.Supplier;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;

/**
 * Off-heap bookkeeping for libtorch tensors. Every tensor handle made while a
 * {@link PointerScope} is open belongs to the innermost scope and is freed when it closes, so a
 * computation run in its own scope frees its temporaries at once instead of waiting for the GC.
 *
 * <p>Measured with javacpp 1.5.13: {@code scope.detach(t)} drops the scope's reference and frees
 * {@code t} on the spot, so it cannot be used to hand a result out; {@code retainReference()}
 * before the close does keep it alive. Tensors taken from a returned tuple ({@code get0()}) do
 * not own themselves and die with the tuple, hence the owning copies below.
 */
public final class Scopes {

    private Scopes() {}

    /**
     * Runs {@code body} in a fresh scope and returns its result as a new handle made after the
     * scope closed: it belongs to the caller's scope if there is one, else to the GC. The new
     * handle shares the tensor (and its autograd history) with the inner one.
     */
    public static Tensor compute(Supplier<Tensor> body) {
        return computeAll(() -> new Tensor[] {body.get()})[0];
    }

    /** As {@link #compute}, for a computation with several results. */
    public static Tensor[] computeAll(Supplier<Tensor[]> body) {
        Tensor[] inner;
        try (PointerScope scope = new PointerScope()) {
            Tensor[] results = body.get();
            inner = new Tensor[results.length];
            for (int i = 0; i < results.length; i++) {
                // An owning copy of the handle: a result may be a mere reference into an object
                // the scope frees (e.g. get0() of a linalg_qr tuple).
                inner[i] = new Tensor(results[i]);
                inner[i].retainReference(); // outlive the close below
            }
        }
        Tensor[] handedOut = new Tensor[inner.length];
        for (int i = 0; i < inner.length; i++) {
            handedOut[i] = new Tensor(inner[i]);
            inner[i].releaseReference(); // frees only the inner handle; the storage is shared
        }
        return handedOut;
    }

    /**
     * Marks a native object a long-lived object keeps in a field (a tensor, or the optional
     * wrapping one that libtorch's functions take): a scope the caller happens to have open will
     * not free it; the GC does once the owner is unreachable. Workers load a model inside a job's
     * scope and keep it for later jobs, so every native field of a model goes through here.
     */
    public static <P extends Pointer> P owned(P pointer) {
        pointer.retainReference();
        return pointer;
    }

    /**
     * As {@link #owned}, and taken out of the innermost open scope (where {@link #compute} hands results out), so
     * that its owner's {@code releaseReference()} frees it at once instead of when that scope ends: for native
     * memory an owner releases before its caller's scope closes, such as a kept autograd graph. The handle must
     * belong to the innermost scope or to none (as {@link #compute}'s results do): from an outer scope it is not
     * taken, and would be freed only when that scope closes.
     */
    public static <P extends Pointer> P ownedAlone(P pointer) {
        owned(pointer);
        PointerScope scope = PointerScope.getInnerScope();
        if (scope != null) {
            scope.detach(pointer); // drops the scope's reference only: ours keeps it alive
        }
        return pointer;
    }
}

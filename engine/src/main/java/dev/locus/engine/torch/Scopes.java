package dev.locus.engine.torch;

import java.util.Iterator;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;

/**
 * Native-memory scoping for libtorch tensors, which live outside the Java heap.
 *
 * <p>Every op returns a fresh native tensor handle. Code that runs many ops opens a {@link
 * PointerScope} so that closing it frees all temporaries at once, and lets only its result
 * {@link #escape} to the caller's scope. Without this a long-running worker leaks native memory
 * at the pace of the garbage collector, which does not see native allocations.
 */
public final class Scopes {

    private Scopes() {}

    /**
     * Detaches {@code result} from {@code scope} and attaches it to the scope enclosing it, if
     * any. Call it just before returning from inside a try-with-resources on {@code scope}.
     */
    public static <P extends Pointer> P escape(PointerScope scope, P result) {
        if (result == null) {
            return null;
        }
        result.retainReference();
        scope.detach(result);
        PointerScope outer = enclosing(scope);
        if (outer != null) {
            outer.attach(result);
            result.releaseReference();
        }
        return result;
    }

    private static PointerScope enclosing(PointerScope scope) {
        Iterator<PointerScope> scopes = PointerScope.getScopeIterator();
        if (scopes == null) {
            return null;
        }
        while (scopes.hasNext()) {
            if (scopes.next() == scope) {
                return scopes.hasNext() ? scopes.next() : null;
            }
        }
        return null;
    }
}

package org.pmpo4j.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A temporary NDManager for the intermediates of one loss computation.
 *
 * <p>On creation it temporarily attaches the inputs to a sub-manager of the first input's manager,
 * so every array computed from them lands in that sub-manager. {@link #keep(NDArray)} moves the
 * result to the first input's manager, and {@link #close()} returns the inputs to their own
 * managers and frees every other intermediate. Freeing intermediates does not break backward,
 * because the autograd graph keeps its own references to the tensors it needs.
 */
final class LossScope implements AutoCloseable {

    private final NDManager owner;
    private final NDManager scope;

    LossScope(NDArray... inputs) {
        owner = inputs[0].getManager();
        scope = owner.newSubManager();

        // Attach each array once: a second temporary attachment of the same array would record the
        // scope as its home, and closing the scope would then free the caller's array.
        Set<NDArray> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        try {
            for (NDArray input : inputs) {
                if (input != null && distinct.add(input)) {
                    scope.tempAttachAll(input);
                }
            }
        } catch (RuntimeException e) {
            scope.close();
            throw e;
        }
    }

    /** Returns the temporary manager, for constants that the computation needs. */
    NDManager manager() {
        return scope;
    }

    /** Moves {@code result} out of the scope to the first input's manager and returns it. */
    NDArray keep(NDArray result) {
        result.attach(owner);
        return result;
    }

    @Override
    public void close() {
        scope.close();
    }
}

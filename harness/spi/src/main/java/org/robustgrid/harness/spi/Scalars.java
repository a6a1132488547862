package org.robustgrid.harness.spi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Constants for arithmetic that gradients flow through. Use {@code x.mul(Scalars.of(x, 0.5))}, not
 * {@code x.mul(0.5f)}, wherever the result is differentiated (activations, losses, anything inside a
 * {@code GradientCollector}).
 *
 * <p>Why: DJL 0.36's PyTorch engine runs {@code mul(Number)}, {@code div(Number)}, {@code pow(Number)},
 * {@code maximum(Number)} and {@code minimum(Number)} on a temporary scalar tensor that borrows the memory of
 * a Java direct buffer, and closes the temporary right after the operation. libtorch's autograd keeps the
 * tensor for the backward pass, but the borrowed memory is freed once the Java garbage collector runs,
 * and is soon reused. A garbage collection between the forward and the backward pass then makes the
 * gradient silently wrong: halved, 1e-27, NaN, infinite (docs/performance.md, "The NaN of bench",
 * with the smallest reproduction). The tensor made here owns its memory, so the backward pass reads the
 * value it was given. ({@code add(Number)} and {@code sub(Number)} do not keep the scalar for the
 * backward pass, and operations on values no gradient flows through are not affected.)
 */
public final class Scalars {

    private Scalars() {}

    /** {@code value} as a 0-dimensional array of {@code like}'s type, on its device and manager, owning its memory. */
    public static NDArray of(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType(), like.getDevice());
    }
}

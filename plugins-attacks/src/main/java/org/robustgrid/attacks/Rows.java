package org.robustgrid.attacks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Subsets of a batch by image: AutoAttack's attacks run each restart, target and stage only on the
 * images still robust, and write the results back in place. Copies go through Java memory, which costs
 * little next to one forward and backward pass of the model.
 */
final class Rows {

    private Rows() {}

    /** The indices where {@code mask} (boolean, N) is true. */
    static int[] where(NDArray mask) {
        boolean[] m = mask.toBooleanArray();
        int k = 0;
        for (boolean b : m) {
            k += b ? 1 : 0;
        }
        int[] idx = new int[k];
        for (int i = 0, j = 0; i < m.length; i++) {
            if (m[i]) {
                idx[j++] = i;
            }
        }
        return idx;
    }

    /** Rows {@code idx} of {@code a} (float32 or int64), attached to {@code m}. */
    static NDArray take(NDArray a, int[] idx, NDManager m) {
        Shape shape = a.getShape();
        int row = (int) (shape.size() / shape.get(0));
        long[] dims = shape.getShape().clone();
        dims[0] = idx.length;
        if (a.getDataType() == DataType.INT64) {
            long[] src = a.toLongArray();
            long[] dst = new long[idx.length * row];
            for (int i = 0; i < idx.length; i++) {
                System.arraycopy(src, idx[i] * row, dst, i * row, row);
            }
            return m.create(dst, new Shape(dims)).toDevice(a.getDevice(), false);
        }
        float[] src = a.toFloatArray();
        float[] dst = new float[idx.length * row];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(src, idx[i] * row, dst, i * row, row);
        }
        return m.create(dst, new Shape(dims)).toDevice(a.getDevice(), false);
    }

    /** {@code a} (float32) with rows {@code idx} replaced by the rows of {@code part} where {@code which} is true; attached to {@code a}'s manager. */
    static NDArray put(NDArray a, int[] idx, NDArray part, boolean[] which) {
        Shape shape = a.getShape();
        int row = (int) (shape.size() / shape.get(0));
        float[] dst = a.toFloatArray();
        float[] src = part.toFloatArray();
        for (int i = 0; i < idx.length; i++) {
            if (which[i]) {
                System.arraycopy(src, i * row, dst, idx[i] * row, row);
            }
        }
        return a.getManager().create(dst, shape).toDevice(a.getDevice(), false);
    }
}

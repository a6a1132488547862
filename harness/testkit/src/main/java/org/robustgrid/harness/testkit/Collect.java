package org.robustgrid.harness.testkit;

import java.nio.ByteBuffer;

/** What the kits' garbage-collection checks do between a forward pass and its backward pass. */
final class Collect {

    private Collect() {}

    /**
     * Runs the garbage collector, then makes small native allocations that take memory it freed, as the
     * next operations of a real step would: memory a tensor still reads then holds other values.
     */
    static void garbage() {
        System.gc();
        for (int i = 0; i < 64; i++) {
            ByteBuffer.allocateDirect(4).putFloat(0, 1f);
        }
    }
}

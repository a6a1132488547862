package org.robustgrid.harness.partition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ClientHistogramTest {

    private static final int[] LABELS = {0, 0, 1, 2, 2};

    @Test
    void countsEveryClientsClasses() {
        ClientHistogram h = ClientHistogram.of(List.of(new int[] {0, 1, 2}, new int[] {3, 4}), LABELS, 3);
        assertEquals(2, h.clients());
        assertEquals(3, h.numClasses());
        assertArrayEquals(new long[] {2, 1, 0}, h.classCounts(0));
        assertArrayEquals(new long[] {0, 0, 2}, h.classCounts(1));
        assertEquals(3, h.size(0));
        assertEquals(2, h.size(1));
    }

    @Test
    void aSharedIndexListedTwiceCountsTwice() {
        ClientHistogram h = ClientHistogram.of(List.of(new int[] {0, 1, 0}), LABELS, 3);
        assertArrayEquals(new long[] {3, 0, 0}, h.classCounts(0));
    }

    @Test
    void tableIsRightAlignedToTheWidestCell() {
        ClientHistogram h = ClientHistogram.of(List.of(new int[] {0, 1, 2}, new int[] {3, 4}), LABELS, 3);
        String expected = ""
                + "client  size  0  1  2\n"
                + "     0     3  2  1  0\n"
                + "     1     2  0  0  2\n"
                + " total     5  2  1  2\n";
        assertEquals(expected, h.table());
    }

    @Test
    void tableWithNamesAndWideNumbers() {
        int[] labels = new int[12_345];
        labels[0] = 1;
        int[] all = new int[labels.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        ClientHistogram h = ClientHistogram.of(List.of(all, new int[] {0}), labels, 2);
        String expected = ""
                + "client   size    cat  dog\n"
                + "     0  12345  12344    1\n"
                + "     1      1      0    1\n"
                + " total  12346  12344    2\n";
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY); // no grouping separators in any locale
            assertEquals(expected, h.table(List.of("cat", "dog")));
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void wrongNumberOfClassNamesIsRejected() {
        ClientHistogram h = ClientHistogram.of(List.of(new int[] {0}), LABELS, 3);
        assertThrows(IllegalArgumentException.class, () -> h.table(List.of("a", "b")));
    }
}

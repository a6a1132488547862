package org.robustgrid.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The architectures at the sizes the literature reports, against the published counts and the hand counts. */
class ReferenceCountsTest {

    @Test
    void resnet18HasTheStandardCifarParameterCount() {
        // PyTorch's CIFAR ResNet-18 (3x3 stem, BasicBlocks [2,2,2,2], bias-free convs): 11,173,962
        assertEquals(11_173_962L, ParameterCounts.resnet18(64, 3, 10));
        assertEquals(11_173_962L, ParameterCounts.built(new ResNet18(64), 3, 32, 10));
    }

    @Test
    void resnet18TakesOneChannelAndOtherWidths() {
        assertEquals(176_258L, ParameterCounts.built(new ResNet18(8), 1, 28, 10));
        assertEquals(ParameterCounts.resnet18(8, 1, 10), ParameterCounts.built(new ResNet18(8), 1, 28, 10));
    }

    @Test
    void smallCnnOnFashionMnistShapes() {
        assertEquals(ParameterCounts.smallCnn(16, 1, 28, 10), ParameterCounts.built(new SmallCnn(16), 1, 28, 10));
    }
}

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
    void preActResNet18HasTheReferenceCount() {
        // the PyTorch reference PreActResNet18 (PreActBlock, [2,2,2,2]) on CIFAR-10 counts 11,172,170 (torch 1.13, sum of numel)
        assertEquals(11_172_170L, ParameterCounts.preActResNet18(64, 3, 10));
        assertEquals(11_172_170L, ParameterCounts.built(new PreActResNet18(64), 3, 32, 10));
    }

    @Test
    void wideResNet28x10HasTheReferenceCount() {
        // RobustBench's WideResNet(depth=28, widen_factor=10) on CIFAR-10 counts 36,479,194 (torch 1.13, sum of numel)
        assertEquals(36_479_194L, ParameterCounts.wideResNet(28, 10, 3, 10));
        assertEquals(36_479_194L, ParameterCounts.built(new WideResNet(28, 10, 0), 3, 32, 10));
        assertEquals(ParameterCounts.wideResNet(34, 2, 1, 10), ParameterCounts.built(new WideResNet(34, 2, 0.3), 1, 28, 10));
    }

    @Test
    void smallCnnOnFashionMnistShapes() {
        assertEquals(ParameterCounts.smallCnn(16, 1, 28, 10), ParameterCounts.built(new SmallCnn(16), 1, 28, 10));
    }
}

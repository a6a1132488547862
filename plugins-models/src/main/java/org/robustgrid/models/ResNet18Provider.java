package org.robustgrid.models;

import java.util.List;
import org.robustgrid.harness.spi.Architecture;
import org.robustgrid.harness.spi.ModelProvider;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;

/** {@code resnet18(width=64)}: {@link ResNet18}. */
public final class ResNet18Provider implements ModelProvider {

    @Override
    public String id() {
        return "resnet18";
    }

    @Override
    public String description() {
        return "CIFAR ResNet-18: 3x3 stem, no max-pool, BasicBlocks [2,2,2,2], widths w,2w,4w,8w";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(ParamSpec.integer("width", 64, 4, 512, "channels of the first stage (64 in the study)"));
    }

    @Override
    public Architecture create(Params params) {
        return new ResNet18(params.integer("width"));
    }
}

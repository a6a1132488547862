package org.robustgrid.models;

import java.util.List;
import org.robustgrid.harness.spi.Architecture;
import org.robustgrid.harness.spi.ModelProvider;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;

/** {@code preact-resnet18(width=64)}: {@link PreActResNet18}. */
public final class PreActResNet18Provider implements ModelProvider {

    @Override
    public String id() {
        return "preact-resnet18";
    }

    @Override
    public String description() {
        return "PreAct ResNet-18: 3x3 stem, pre-activation blocks [2,2,2,2], widths w,2w,4w,8w, final BN-act";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(ParamSpec.integer("width", 64, 4, 512, "channels of the first stage (64 in the reference)"));
    }

    @Override
    public Architecture create(Params params) {
        return new PreActResNet18(params.integer("width"));
    }
}

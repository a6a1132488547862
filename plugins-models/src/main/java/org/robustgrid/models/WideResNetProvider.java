package org.robustgrid.models;

import java.util.List;
import org.robustgrid.harness.spi.Architecture;
import org.robustgrid.harness.spi.ModelProvider;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.SpecException;

/** {@code wide-resnet(depth=28,widen=10,dropout=0)}: {@link WideResNet}. */
public final class WideResNetProvider implements ModelProvider {

    @Override
    public String id() {
        return "wide-resnet";
    }

    @Override
    public String description() {
        return "Wide ResNet WRN-depth-widen as in RobustBench: 3 groups of pre-activation blocks, 16k,32k,64k channels";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(ParamSpec.integer("depth", 28, 10, 202, "layers, 6n + 4 (28 or 34 in most RobustBench rows)"),
                ParamSpec.integer("widen", 10, 1, 32, "the widening factor k"),
                ParamSpec.real("dropout", 0, 0, 0.9, "dropout rate between each block's convolutions, training only (RobustBench: 0)"));
    }

    @Override
    public Architecture create(Params params) {
        int depth = params.integer("depth");
        if ((depth - 4) % 6 != 0) {
            throw new SpecException("parameter 'depth' of 'wide-resnet' is " + depth + "; expected 6n + 4 (10, 16, 22, 28, 34, ...)");
        }
        return new WideResNet(depth, params.integer("widen"), params.real("dropout"));
    }
}

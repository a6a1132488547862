package org.robustgrid.models;

import java.util.List;
import org.robustgrid.harness.spi.Architecture;
import org.robustgrid.harness.spi.ModelProvider;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;

/** {@code small-cnn(width=32)}: {@link SmallCnn}. */
public final class SmallCnnProvider implements ModelProvider {

    @Override
    public String id() {
        return "small-cnn";
    }

    @Override
    public String description() {
        return "two conv-BN-act blocks with max-pool and a hidden linear layer, for quick runs";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(ParamSpec.integer("width", 32, 4, 512, "channels of the first convolution"));
    }

    @Override
    public Architecture create(Params params) {
        return new SmallCnn(params.integer("width"));
    }
}

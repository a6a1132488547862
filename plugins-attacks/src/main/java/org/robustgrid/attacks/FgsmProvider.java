package org.robustgrid.attacks;

import java.util.List;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.AttackProvider;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;

/** {@code fgsm(eps=8/255)}: {@link Fgsm}. */
public final class FgsmProvider implements AttackProvider {

    /** The study's L∞ budget, 8/255. */
    public static final double EPS = 8.0 / 255;

    @Override
    public String id() {
        return "fgsm";
    }

    @Override
    public String description() {
        return "Fast Gradient Sign Method: one step x + eps*sign(grad CE), L-inf";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(ParamSpec.real("eps", EPS, 0, 1, "L-inf radius in [0,1] pixel units"));
    }

    @Override
    public Attack create(Params params) {
        return new Fgsm(params.real("eps"));
    }
}

package org.robustgrid.attacks;

import java.util.List;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.AttackProvider;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;

/** {@code mi-fgsm(eps=8/255,steps=10,alpha=0,decay=1)}: {@link MiFgsm}. */
public final class MiFgsmProvider implements AttackProvider {

    /** The study's L∞ budget, 8/255. */
    public static final double EPS = 8.0 / 255;

    @Override
    public String id() {
        return "mi-fgsm";
    }

    @Override
    public String description() {
        return "Momentum Iterative FGSM: signed steps along an accumulated L1-normalized gradient, L-inf";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(
                ParamSpec.real("eps", EPS, 0, 1, "L-inf radius in [0,1] pixel units"),
                ParamSpec.integer("steps", 10, 1, 1_000_000, "iterations"),
                ParamSpec.real("alpha", 0, 0, 1, "step per pixel; 0 means eps/steps"),
                ParamSpec.real("decay", 1.0, 0, 100, "momentum decay factor mu"));
    }

    @Override
    public Attack create(Params params) {
        return new MiFgsm(params.real("eps"), params.integer("steps"), params.real("alpha"), params.real("decay"));
    }
}

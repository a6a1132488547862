package org.robustgrid.attacks;

import java.util.List;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.AttackProvider;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;

/** {@code apgd-ce(eps=8/255,norm=linf,steps=100,restarts=1,rho=0.75,momentum=0.75,eot=1)}: {@link Apgd} on the cross-entropy. */
public final class ApgdCeProvider implements AttackProvider {

    /** The study's L∞ budget, 8/255. */
    public static final double EPS = ApgdProviders.EPS;

    @Override
    public String id() {
        return "apgd-ce";
    }

    @Override
    public String description() {
        return "AutoAttack's APGD on cross-entropy, L-inf or L2: momentum and self-halving step size, no step to tune";
    }

    @Override
    public List<ParamSpec> parameters() {
        return ApgdProviders.parameters();
    }

    @Override
    public Attack create(Params params) {
        return ApgdProviders.create(id(), params, Apgd.Loss.CE, 0);
    }
}

package org.robustgrid.attacks;

import java.util.List;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.AttackProvider;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;

/** {@code apgd-dlr(eps=8/255,norm=linf,steps=100,restarts=1,rho=0.75,momentum=0.75,eot=1)}: {@link Apgd} on the DLR loss, untargeted. */
public final class ApgdDlrProvider implements AttackProvider {


    @Override
    public String id() {
        return "apgd-dlr";
    }

    @Override
    public String description() {
        return "AutoAttack's APGD on the DLR loss (shift- and scale-invariant margin ratio), L-inf or L2";
    }

    @Override
    public List<ParamSpec> parameters() {
        return ApgdProviders.parameters();
    }

    @Override
    public Attack create(Params params) {
        return ApgdProviders.create(id(), params, Apgd.Loss.DLR, 0);
    }
}

package org.robustgrid.attacks;

import java.util.List;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.AttackProvider;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;

/**
 * {@code apgd-t(eps=8/255,norm=linf,steps=100,restarts=1,rho=0.75,momentum=0.75,eot=1,targets=9)}: {@link Apgd} on the
 * targeted DLR loss, one run per target class (AutoAttack's standard version: 9 targets, one restart each).
 */
public final class ApgdTProvider implements AttackProvider {

    @Override
    public String id() {
        return "apgd-t";
    }

    @Override
    public String description() {
        return "AutoAttack's APGD on the targeted DLR loss over the top 'targets' classes, L-inf or L2";
    }

    @Override
    public List<ParamSpec> parameters() {
        return ApgdProviders.parameters(ApgdProviders.targets());
    }

    @Override
    public Attack create(Params params) {
        return ApgdProviders.create(id(), params, Apgd.Loss.TARGETED_DLR, params.integer("targets"));
    }
}

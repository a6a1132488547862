package org.robustgrid.attacks;

import java.util.List;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.AttackProvider;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;

/**
 * {@code fab-t(steps=100,restarts=1,alpha-max=0.1,eta=1.05,beta=0.9,targets=9,eps=8/255,norm=linf)}: {@link Fab} targeted
 * at the 2nd to 10th most likely classes, one run each, as AutoAttack's standard version runs it.
 */
public final class FabTProvider implements AttackProvider {

    @Override
    public String id() {
        return "fab-t";
    }

    @Override
    public String description() {
        return "FAB targeted at the top 'targets' classes, minimum-norm L-inf or L2 (AutoAttack's FAB-T)";
    }

    @Override
    public List<ParamSpec> parameters() {
        return FabProvider.parameters(List.of(ApgdProviders.targets()));
    }

    @Override
    public Attack create(Params params) {
        return FabProvider.create(id(), params, params.integer("targets"));
    }
}

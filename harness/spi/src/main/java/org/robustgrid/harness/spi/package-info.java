/**
 * The service-provider interface of robustgrid: the five plugin kinds and the types they speak.
 *
 * <p>A plugin is a class with a public no-argument constructor, listed in its jar's
 * {@code META-INF/services/<kind interface>} file, where the kind interface is one of
 * {@link org.robustgrid.harness.spi.ActivationProvider}, {@link org.robustgrid.harness.spi.AttackProvider},
 * {@link org.robustgrid.harness.spi.PartitionerProvider}, {@link org.robustgrid.harness.spi.StrategyProvider} or
 * {@link org.robustgrid.harness.spi.ModelProvider}.
 * Every provider has a stable lower-kebab {@link org.robustgrid.harness.spi.PluginProvider#id() id},
 * a one-line description, declared {@link org.robustgrid.harness.spi.ParamSpec parameters}, and a
 * {@code create(Params)} that receives parameters already checked against the declaration.
 *
 * <p>The rules and helpers a plugin shares with the harness: {@link org.robustgrid.harness.spi.Names}
 * (ids and parameter names are lower-kebab), {@link org.robustgrid.harness.spi.Perturbations} (array
 * ownership across an attack's scopes, per-image norms, projections onto L∞ and L2 balls, margins),
 * {@link org.robustgrid.harness.spi.Losses}, {@link org.robustgrid.harness.spi.Layers} (the BatchNorms and residual
 * sums an architecture makes so the harness can fold them), and {@link org.robustgrid.harness.spi.Seeding} (the
 * engine's random generator, for a plugin's tests).
 *
 * <p>An attack that is a cascade of others (AutoAttack) implements {@link org.robustgrid.harness.spi.CompositeAttack}
 * to report, beside its one robust accuracy, which stage broke each image and each stage's time.
 *
 * <p>This package is its own artifact, {@code org.robustgrid:robustgrid-spi}, which depends on DJL's
 * api alone; a plugin compiles against it (scope provided) and may use nothing else of robustgrid.
 *
 * <p>NDArray ownership: arrays passed into a plugin belong to the caller; arrays a plugin returns are
 * attached to the manager of its main input (the images for an attack, the first client state for an
 * aggregation), so that they close with the caller's step scope.
 */
package org.robustgrid.harness.spi;

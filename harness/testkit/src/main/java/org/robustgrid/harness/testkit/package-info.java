/**
 * The plugin authors' test kit (artifact {@code org.robustgrid:robustgrid-testkit}): one abstract
 * contract test per plugin kind ({@link org.robustgrid.harness.testkit.ActivationContractTest},
 * {@link org.robustgrid.harness.testkit.AttackContractTest},
 * {@link org.robustgrid.harness.testkit.PartitionerContractTest},
 * {@link org.robustgrid.harness.testkit.StrategyContractTest}), of which a plugin's test is a one-line
 * subclass; the declaration check they share ({@link org.robustgrid.harness.testkit.Declarations});
 * discovery and specs as a grid does them ({@link org.robustgrid.harness.testkit.Plugins}); and the small
 * models attacks are tested on ({@link org.robustgrid.harness.testkit.AttackTestModels}). A plugin's
 * tests need nothing of robustgrid beyond this package and the SPI.
 */
package org.robustgrid.harness.testkit;

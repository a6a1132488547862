package org.robustgrid.partitioners;

import org.robustgrid.harness.testkit.PartitionerContractTest;

class LogNormalQuantitySkewContractTest extends PartitionerContractTest {
    LogNormalQuantitySkewContractTest() {
        super(new LogNormalQuantitySkewProvider());
    }
}

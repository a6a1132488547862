package org.robustgrid.partitioners;

import org.robustgrid.harness.testkit.PartitionerContractTest;

class QuantitySkewContractTest extends PartitionerContractTest {
    QuantitySkewContractTest() {
        super(new QuantitySkewProvider());
    }
}

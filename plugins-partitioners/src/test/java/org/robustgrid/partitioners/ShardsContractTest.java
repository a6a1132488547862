package org.robustgrid.partitioners;

import org.robustgrid.harness.testkit.PartitionerContractTest;

class ShardsContractTest extends PartitionerContractTest {
    ShardsContractTest() {
        super(new ShardsProvider());
    }
}

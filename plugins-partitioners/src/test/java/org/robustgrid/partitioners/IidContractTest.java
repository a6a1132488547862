package org.robustgrid.partitioners;

import org.robustgrid.harness.testkit.PartitionerContractTest;

class IidContractTest extends PartitionerContractTest {
    IidContractTest() {
        super(new IidProvider());
    }
}

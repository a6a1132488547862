package org.robustgrid.partitioners;

import org.robustgrid.harness.testkit.PartitionerContractTest;

class DirichletContractTest extends PartitionerContractTest {
    DirichletContractTest() {
        super(new DirichletProvider());
    }
}

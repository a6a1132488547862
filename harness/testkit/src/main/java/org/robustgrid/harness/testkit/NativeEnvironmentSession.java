package org.robustgrid.harness.testkit;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Decides oneDNN's instruction set before any test runs, in every test JVM that has the kit: a test
 * that makes arrays with {@code NDManager.newBaseManager()} would otherwise load libtorch before the
 * harness has checked which level computes correct convolution gradients on this machine (and oneDNN
 * then keeps its own default). Registered in META-INF/services; a cache read once the machine has
 * been checked.
 */
public final class NativeEnvironmentSession implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        org.robustgrid.harness.engine.NativeEnvironment.prepare();
    }
}

package org.robustgrid.harness.engine;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Decides oneDNN's instruction set before any test of the harness runs (a plugin's tests get the same
 * from the test kit, {@code testkit.NativeEnvironmentSession}): tests that make arrays with {@code NDManager.newBaseManager()} would otherwise
 * load libtorch before {@link NativeEnvironment} has chosen (and oneDNN then keeps its own default).
 * Registered in META-INF/services; costs a cache read once this machine has been checked.
 */
public final class NativeEnvironmentSession implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        NativeEnvironment.prepare();
    }
}

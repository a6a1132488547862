package org.robustgrid.harness.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;
import org.robustgrid.harness.spi.SpecException;

/** Resolves {@code cpu}, {@code gpu}, {@code gpu:N} and {@code auto} to a DJL device. */
public final class Devices {

    /** The accepted device words, for messages. */
    public static final String ACCEPTED = "cpu, gpu, gpu:N or auto";

    private Devices() {}

    /**
     * @throws SpecException for an unknown word, or a GPU that this machine (or the engine's native
     *     library) does not have: never a silent fall back to CPU
     */
    public static Device resolve(String text) {
        return resolve(text, Engines.get().getGpuCount());
    }

    static Device resolve(String text, int gpus) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("cpu")) {
            return Device.cpu();
        }
        if (t.equals("auto")) {
            return gpus > 0 ? Device.gpu(0) : Device.cpu();
        }
        if (t.equals("gpu") || t.startsWith("gpu:")) {
            int id;
            try {
                id = t.equals("gpu") ? 0 : Integer.parseInt(t.substring(4));
            } catch (NumberFormatException e) {
                throw new SpecException("unknown device '" + text + "'; expected " + ACCEPTED);
            }
            if (gpus == 0) {
                throw new SpecException("device '" + text + "' asked for, but the PyTorch engine sees no GPU "
                        + "(CPU-only native library or no CUDA device); use --device cpu, or see docs/gpu.md");
            }
            if (id < 0 || id >= gpus) {
                throw new SpecException("device '" + text + "' asked for, but only gpu:0..gpu:" + (gpus - 1) + " exist");
            }
            return Device.gpu(id);
        }
        throw new SpecException("unknown device '" + text + "'; expected " + ACCEPTED);
    }

    /** {@code cpu} or {@code gpu:0}, for results rows. */
    public static String label(Device device) {
        return device.isGpu() ? "gpu:" + device.getDeviceId() : "cpu";
    }
}

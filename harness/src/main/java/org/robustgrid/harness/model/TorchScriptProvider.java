package org.robustgrid.harness.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.robustgrid.harness.spi.Architecture;
import org.robustgrid.harness.spi.ModelProvider;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.SpecException;

/**
 * {@code torchscript(file=PATH)}: a PyTorch model as it is ({@link TorchScript}). The harness's own model
 * provider, because loading TorchScript is the engine's work; found on the class path like a plugin.
 * The file's SHA-256 joins the spec ({@code torchscript(file=PATH,sha256=HEX)}, what keys and rows record);
 * a spec that gives one refuses a file with another.
 */
public final class TorchScriptProvider implements ModelProvider {

    /** The {@code sha256} value that means: take the file's. */
    public static final String FROM_FILE = "file";

    @Override
    public String id() {
        return TorchScript.ID;
    }

    @Override
    public String description() {
        return "a PyTorch model saved as TorchScript: [0,1] NCHW images in, logits out, evaluated as it is (nothing trained)";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(ParamSpec.text("file", "model.pt", "the TorchScript file (torch.jit.save of a traced or scripted module)"),
                ParamSpec.text("sha256", FROM_FILE, "the file's SHA-256; 'file' takes it from the file, another value refuses a file"
                        + " whose digest differs"));
    }

    @Override
    public Architecture create(Params params) {
        Path file = Path.of(params.values().get("file"));
        if (!Files.isRegularFile(file)) {
            throw new SpecException("torchscript: file '" + file + "' does not exist; expected a TorchScript file written by torch.jit.save");
        }
        String digest = sha256(file);
        String pinned = params.values().get("sha256");
        if (!pinned.equals(FROM_FILE) && !pinned.equalsIgnoreCase(digest)) {
            throw new SpecException("torchscript: file '" + file + "' has SHA-256 " + digest + ", the spec says " + pinned
                    + "; a changed file is a new model: give its digest or sha256=" + FROM_FILE);
        }
        return new TorchScript(file, digest);
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

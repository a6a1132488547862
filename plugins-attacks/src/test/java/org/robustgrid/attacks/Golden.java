package org.robustgrid.attacks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.robustgrid.harness.spi.Classifier;

/**
 * Arrays that scripts/autoattack_oracle.py printed from AutoAttack's reference implementation: one per
 * line, {@code name dims: values}. Also the small MLP both sides build from its weights.
 */
final class Golden {

    /** One array: its shape and its values. */
    record Values(long[] shape, double[] values) {
        NDArray floats(NDManager m) {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            return m.create(f, new Shape(shape));
        }

        NDArray longs(NDManager m) {
            return m.create(Arrays.stream(values).mapToLong(v -> (long) v).toArray(), new Shape(shape));
        }
    }

    private final Map<String, Values> arrays = new HashMap<>();

    Golden(String resource) {
        try (InputStream raw = Golden.class.getResourceAsStream("/autoattack/" + resource);
                InputStream in = resource.endsWith(".gz") ? new java.util.zip.GZIPInputStream(raw) : raw) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                int colon = line.indexOf(':');
                String[] head = line.substring(0, colon).split(" ");
                long[] shape = head[1].equals("-") ? new long[0] : Arrays.stream(head[1].split("x")).mapToLong(Long::parseLong).toArray();
                String body = line.substring(colon + 1).trim();
                double[] v = body.isEmpty() ? new double[0] : Arrays.stream(body.split(" ")).mapToDouble(Double::parseDouble).toArray();
                arrays.put(head[0], new Values(shape, v));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Values get(String name) {
        Values v = arrays.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no golden array '" + name + "'");
        }
        return v;
    }

    /** The oracle's MLP {@code prefix}: flatten, linear, ReLU, linear, as PyTorch's Linear computes it. */
    Classifier mlp(NDManager m, String prefix) {
        NDArray w1 = get(prefix + ".w1").floats(m);
        NDArray b1 = get(prefix + ".b1").floats(m);
        NDArray w2 = get(prefix + ".w2").floats(m);
        NDArray b2 = get(prefix + ".b2").floats(m);
        int classes = (int) w2.getShape().get(0);
        return new Classifier() {
            @Override
            public int numClasses() {
                return classes;
            }

            private NDArray forward(NDArray x) {
                NDArray flat = x.reshape(x.getShape().get(0), -1);
                return flat.matMul(w1.transpose()).add(b1).maximum(0f).matMul(w2.transpose()).add(b2);
            }

            @Override
            public NDArray logits(NDArray x) {
                return forward(x);
            }

            @Override
            public InputGradient gradient(NDArray x, java.util.function.BiFunction<NDArray, NDArray, NDArray> objective) {
                return Classifier.inputGradient(x, this::forward, objective);
            }
        };
    }

    /** Asserts that {@code actual} holds the golden {@code name} to within {@code tolerance} (absolute). */
    void assertClose(String name, NDArray actual, double tolerance) {
        Values v = get(name);
        assertEquals(new Shape(v.shape()), actual.getShape(), name + ": shape");
        float[] a = actual.toType(DataType.FLOAT32, false).toFloatArray();
        double worst = 0;
        int at = -1;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs(a[i] - v.values()[i]);
            if (!(d <= worst)) {
                worst = d;
                at = i;
            }
        }
        if (worst > tolerance) {
            throw new AssertionError(name + ": element " + at + " is " + a[at] + ", the reference's " + v.values()[at]
                    + " (tolerance " + tolerance + ")");
        }
    }
}

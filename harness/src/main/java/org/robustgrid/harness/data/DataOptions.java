package org.robustgrid.harness.data;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import org.robustgrid.harness.spi.SpecException;

/**
 * What to load and from where.
 *
 * @param id the data set spec: {@code fashion-mnist}, {@code cifar10}, or {@code synthetic(key=value,...)}
 * @param dataDir where the files are (or are downloaded to); null for the data set's default location
 * @param download whether CIFAR-10 may be downloaded when no local copy exists
 * @param downloadUrl where to download CIFAR-10 from; null for the official address
 * @param trainLimit training images to keep, 0 for all (a class-balanced first-N subset, see {@link Datasets})
 * @param testLimit test images to keep, 0 for all
 * @param seed the seed of the synthetic data set; real data sets ignore it
 */
public record DataOptions(
        String id, Path dataDir, boolean download, URI downloadUrl, int trainLimit, int testLimit, long seed) {

    public DataOptions {
        Objects.requireNonNull(id, "id");
        if (trainLimit < 0 || testLimit < 0) {
            throw new SpecException("data limits are " + trainLimit + " (train) and " + testLimit
                    + " (test); expected 0 (all) or a positive number of images");
        }
    }

    /** Default options for one data set: default location, no download, every image, seed 0. */
    public static DataOptions of(String id) {
        return new DataOptions(id, null, false, null, 0, 0, 0L);
    }
}

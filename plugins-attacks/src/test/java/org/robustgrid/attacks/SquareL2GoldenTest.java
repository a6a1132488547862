package org.robustgrid.attacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.robustgrid.harness.spi.Perturbations;

/**
 * Square Attack's L2 branch against its reference (scripts/autoattack_oracle.py, resource autoattack/golden.txt):
 * the window pattern, the window side at each of AutoAttack's 5,000 queries, and, from draws the oracle scripted
 * (window corners, signs, transpositions), the starting point and the first proposal.
 */
class SquareL2GoldenTest {

    private final Golden golden = new Golden("golden.txt");

    @ParameterizedTest
    @ValueSource(ints = {3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29})
    void windowPatternIsTheReferences(int side) {
        Golden.Values expected = golden.get("square.l2.eta." + side);
        float[] eta = SquareL2.eta(side);
        assertEquals(expected.values().length, eta.length);
        for (int i = 0; i < eta.length; i++) {
            assertEquals(expected.values()[i], eta[i], 1e-6, "eta(" + side + ") at " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1x28x28", "3x32x32"})
    void windowSideFollowsTheReferenceOverAutoAttacksQueries(String image) {
        int[] d = Arrays.stream(image.split("x")).mapToInt(Integer::parseInt).toArray();
        double[] expected = golden.get("square.l2.side." + image).values();
        // the reference counts its queries from the first after the start, as robustgrid's loop does
        SquareL2 composite = new SquareL2(0.5, 5000, 0.8, false);
        for (int i = 0; i < expected.length; i++) {
            assertEquals((int) expected[i], composite.windowSide(i, d[0], d[1], d[2]), "side at query " + i + " on " + image);
        }
    }

    @Test
    void startAndFirstProposalFromTheSameDrawsAreTheReferences() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = golden.get("sql2.x").floats(m);
            double[] signs = golden.get("sql2.signs").values(); // 26 x (2, 3): 25 start windows, then the proposal's
            double[] coins = golden.get("sql2.coins").values();
            double[] ints = golden.get("sql2.ints").values();
            int perDraw = 2 * 3;
            int tiles = SquareL2.startTiles(16, 16);
            assertEquals(25, tiles);
            float[] startSigns = new float[tiles * perDraw];
            boolean[] transposes = new boolean[tiles];
            for (int i = 0; i < startSigns.length; i++) {
                startSigns[i] = (float) signs[i];
            }
            for (int t = 0; t < tiles; t++) {
                transposes[t] = coins[t] > 0.5;
            }
            SquareL2 attack = new SquareL2(0.5, 1, 0.1, true);
            NDArray start = attack.start(x, startSigns, transposes);
            golden.assertClose("sql2.start", start, 1e-6);

            float[] last = new float[perDraw];
            for (int i = 0; i < perDraw; i++) {
                last[i] = (float) signs[tiles * perDraw + i];
            }
            int side = attack.windowSide(0, 3, 16, 16);
            assertEquals(5, side);
            int[] corners = Arrays.stream(ints).mapToInt(v -> (int) v).toArray();
            NDArray proposal = attack.propose(x, start, side, corners, coins[tiles] > 0.5, m.create(last, new Shape(2, 3, 1, 1)));
            golden.assertClose("sql2.proposal", proposal, 1e-6);
            // the proposal stays on the sphere of radius eps (up to clipping, which only shrinks it)
            for (float n : Perturbations.l2(proposal.sub(x)).toFloatArray()) {
                assertTrue(n <= 0.5 + 1e-5 && n > 0.4, "L2 norm " + n);
            }
        }
    }
}

package org.robustgrid.harness.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.robustgrid.harness.spi.SpecException;
import org.robustgrid.harness.train.LrSchedule;
import org.robustgrid.harness.train.Recipe;

class GridSpecTest {

    @Test
    void theRecipeKeysAreTheRecipesOwnDeclarations() {
        for (var p : Recipe.PARAMETERS) {
            assertEquals(p, GridSpec.key(p.name()).spec());
        }
        // one range for momentum: the grid refuses what the recipe refuses, with the same words
        SpecException grid = assertThrows(SpecException.class,
                () -> GridSpec.defaults().with(Map.of("momentum", "0.9995")).recipeParams());
        assertTrue(grid.getMessage().contains("expected a real in [0, 0.999]"), grid.getMessage());
        SpecException recipe = assertThrows(SpecException.class, () -> new Recipe(0, 0, true, 0, 0.1, LrSchedule.FIXED, 0.9995, 0, 1, 1));
        assertTrue(recipe.getMessage().contains("expected a real in [0, 0.999]"), recipe.getMessage());
    }

    @Test
    void axesAreCheckedElementByElement() {
        GridSpec g = GridSpec.defaults().with(Map.of("shares", "0, 2/5, 0.4", "seeds", "3,1,3", "lr-schedules", "cosine,fixed"));
        assertEquals(List.of(0.0, 0.4), g.reals("shares"));
        assertEquals(List.of(3L, 1L), g.longs("seeds"));
        SpecException e = assertThrows(SpecException.class, () -> GridSpec.defaults().with(Map.of("shares", "0,1.5")).reals("shares"));
        assertTrue(e.getMessage().startsWith("grid key 'shares' has an element that is '1.5'; expected a real in [0, 1]"), e.getMessage());
        SpecException s = assertThrows(SpecException.class,
                () -> GridSpec.defaults().with(Map.of("lr-schedules", "cosine,linear")).list("lr-schedules"));
        assertTrue(s.getMessage().contains("expected one of fixed, cosine, step"), s.getMessage());
    }

    @Test
    void pluginAxesDefaultToTheDefaultsPreset() throws Exception {
        String text;
        try (var in = GridSpec.class.getResourceAsStream("/presets/" + GridSpec.DEFAULTS_PRESET + ".grid")) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Map<String, String> preset = GridSpec.parse(text, "defaults");
        assertEquals(java.util.Set.of("activations", "train-attacks", "eval-attacks", "partitioners", "strategies"), preset.keySet());
        preset.forEach((axis, value) -> assertEquals(value, GridSpec.defaults().get(axis), axis));
    }

    @Test
    void theSingleModelKeyOfOlderGridFilesIsTheModelsAxis() {
        assertEquals("small-cnn(width=8)", GridSpec.defaults().with(GridSpec.parse("model = small-cnn(width=8)\n", "grid.txt")).get("models"));
        assertEquals(List.of("small-cnn", "resnet18"), GridSpec.defaults().with(java.util.Map.of("model", "small-cnn,resnet18")).list("models"));
        SpecException e = assertThrows(SpecException.class, () -> GridSpec.parse("model = a\nmodels = b\n", "grid.txt"));
        assertTrue(e.getMessage().contains("'model' and 'models' both set"), e.getMessage());
    }

    @Test
    void anUnknownKeyInAFileNamesItsLine() {
        SpecException e = assertThrows(SpecException.class, () -> GridSpec.parse("epochs = 2\n\nepoch = 3\n", "grid.txt"));
        assertTrue(e.getMessage().startsWith("grid.txt line 3: unknown key 'epoch'; keys: dataset, models, activations,"), e.getMessage());
    }
}

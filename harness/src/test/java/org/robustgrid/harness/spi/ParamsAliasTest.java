package org.robustgrid.harness.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamsAliasTest {

    private static final List<ParamSpec> DECLARED = List.of(
            ParamSpec.real("beta", 0.5, 1e-3, 10, "concentration").withAlias("alpha"),
            ParamSpec.integer("min-size", 10, 1, 100, "smallest client"));

    @Test
    void aValueGivenUnderAnAliasGivesTheSameCanonicalSpecAsUnderTheName() {
        Params byAlias = Params.resolve("dirichlet", DECLARED, Map.of("alpha", "0.1"));
        Params byName = Params.resolve("dirichlet", DECLARED, Map.of("beta", "0.1"));
        assertEquals("dirichlet(beta=0.1,min-size=10)", byAlias.canonical());
        assertEquals(byName.canonical(), byAlias.canonical());
        assertEquals(0.1, byAlias.real("beta"));
    }

    @Test
    void nameAndAliasTogetherAreRefusedNamingBoth() {
        SpecException e = assertThrows(SpecException.class,
                () -> Params.resolve("dirichlet", DECLARED, new java.util.TreeMap<>(Map.of("alpha", "0.1", "beta", "0.2"))));
        assertTrue(e.getMessage().contains("'alpha'") && e.getMessage().contains("'beta'"), e.getMessage());
    }

    @Test
    void unknownKeyListsAliasesAmongTheAcceptedKeys() {
        SpecException e = assertThrows(SpecException.class, () -> Params.resolve("dirichlet", DECLARED, Map.of("gamma", "1")));
        assertTrue(e.getMessage().contains("beta, min-size, alpha"), e.getMessage());
    }

    @Test
    void anAliasThatNamesAnotherParameterIsAPluginBug() {
        List<ParamSpec> clash = List.of(ParamSpec.real("a", 1, 0, 2, "a").withAlias("b"), ParamSpec.real("b", 1, 0, 2, "b"));
        assertThrows(IllegalStateException.class, () -> Params.resolve("p", clash, Map.of()));
    }

    @Test
    void describeMentionsTheAlias() {
        assertTrue(DECLARED.get(0).describe().endsWith("(also accepted as: alpha)"), DECLARED.get(0).describe());
    }
}

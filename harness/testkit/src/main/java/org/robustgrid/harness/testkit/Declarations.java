package org.robustgrid.harness.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.robustgrid.harness.plugin.PluginRegistry;
import org.robustgrid.harness.spi.Names;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.PluginKind;
import org.robustgrid.harness.spi.PluginProvider;
import org.robustgrid.harness.spi.SpecException;

/**
 * What every provider declares, checked the same way for all five kinds and as the harness checks it
 * when it discovers a jar: a lower-kebab id ({@link Names}), a one-line description, lower-kebab,
 * documented parameters declared once, whose defaults resolve and whose canonical spec reads back as
 * itself.
 */
public final class Declarations {

    private Declarations() {}

    /** Fails unless {@code create} with a key the provider does not declare is refused with a message naming the key. */
    public static void assertUnknownKeyRefused(PluginProvider<?> provider) {
        SpecException e = assertThrows(SpecException.class,
                () -> provider.create(Params.resolve(provider.id(), provider.parameters(), Map.of("no-such-key", "1"))));
        assertTrue(e.getMessage().contains("no-such-key"), () -> "message does not name the key: " + e.getMessage());
    }

    /** Fails naming the first declaration of {@code provider} that breaks the rules. */
    public static void assertWellFormed(PluginProvider<?> provider) {
        assertTrue(Names.isLowerKebab(provider.id()), () -> "id '" + provider.id() + "' is not " + Names.RULE);
        String description = provider.description();
        assertNotNull(description, "description");
        assertFalse(description.isBlank(), "description is blank");
        assertFalse(description.contains("\n"), () -> "description has more than one line: " + description);
        List<ParamSpec> parameters = provider.parameters();
        for (ParamSpec p : parameters) {
            assertTrue(Names.isLowerKebab(p.name()), () -> "parameter '" + p.name() + "' is not " + Names.RULE);
            assertFalse(p.doc() == null || p.doc().isBlank(), () -> "parameter '" + p.name() + "' has no doc");
        }
        // the harness's start-up checks (duplicate names, defaults in range), then the canonical spec read back
        PluginRegistry registry = PluginRegistry.of(List.of(provider));
        Params defaults = Params.defaults(provider);
        assertEquals(parameters.size(), defaults.values().size(), "every parameter has a value");
        PluginKind kind = registry.all().get(0).kind();
        assertEquals(defaults.canonical(), registry.create(kind, defaults.canonical()).canonical(),
                "the canonical spec of the defaults, parsed again, gives the same settings");
    }
}

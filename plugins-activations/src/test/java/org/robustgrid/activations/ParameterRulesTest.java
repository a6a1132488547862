package org.robustgrid.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.SpecException;

/** Defaults are PyTorch's; values and combinations out of range are refused naming the keys. */
class ParameterRulesTest {

    @Test
    void defaultsArePyTorchs() {
        assertEquals(Map.of("lower", "0.125", "upper", "0.3333333333333333"), Params.defaults(new RreluProvider()).values());
        assertEquals(Map.of("beta", "1", "threshold", "20"), Params.defaults(new SoftplusProvider()).values());
        assertEquals(Map.of("approximate", "none"), Params.defaults(new GeluProvider()).values());
        assertEquals(Map.of("alpha", "1"), Params.defaults(new CeluProvider()).values());
        assertEquals(Map.of("alpha", "1"), Params.defaults(new EluProvider()).values());
        assertEquals(Map.of("negative-slope", "0.01"), Params.defaults(new LeakyReluProvider()).values());
        assertEquals(Map.of("min", "-1", "max", "1"), Params.defaults(new HardTanhProvider()).values());
        assertEquals(Map.of("init", "0.25"), Params.defaults(new PreluProvider()).values());
    }

    @Test
    void fractionsAreAccepted() {
        Params p = Params.resolve("rrelu", new RreluProvider().parameters(), Map.of("lower", "1/8", "upper", "1/3"));
        assertEquals(Params.defaults(new RreluProvider()).canonical(), p.canonical());
    }

    @Test
    void hardTanhNeedsMinBelowMax() {
        for (String spec : new String[] {"hard-tanh(min=1,max=-1)", "hard-tanh(min=0.5,max=0.5)"}) {
            SpecException e = assertThrows(SpecException.class, () -> Closed.create(new HardTanhProvider(), spec));
            assertTrue(e.getMessage().contains("'min'") && e.getMessage().contains("'max'"), e.getMessage());
        }
    }

    @Test
    void unknownApproximationNamesTheChoices() {
        SpecException e = assertThrows(SpecException.class, () -> Closed.create(new GeluProvider(), "gelu(approximate=sigmoid)"));
        assertTrue(e.getMessage().contains("approximate") && e.getMessage().contains("none, tanh"), e.getMessage());
    }

    @Test
    void outOfRangeValuesNameTheKey() {
        SpecException e = assertThrows(SpecException.class, () -> Closed.create(new RreluProvider(), "rrelu(upper=1.5)"));
        assertTrue(e.getMessage().contains("'upper'"), e.getMessage());
    }
}

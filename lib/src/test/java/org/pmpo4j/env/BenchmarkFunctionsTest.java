package org.pmpo4j.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkFunctionsTest {

    @Test
    void namesListsSixFunctions() {
        assertEquals(List.of("sphere", "rosenbrock", "schwefel", "rastrigin", "ackley", "styblinski-tang"),
                BenchmarkFunctions.names());
    }

    @Test
    void byNameReturnsMatchingFunction() {
        for (String name : BenchmarkFunctions.names()) {
            assertEquals(name, BenchmarkFunctions.byName(name).name());
        }
        assertEquals(new Schwefel(), BenchmarkFunctions.byName("schwefel"));
    }

    @Test
    void optimaLieInDomainAndAttainMinimum() {
        for (String name : BenchmarkFunctions.names()) {
            BenchmarkFunction function = BenchmarkFunctions.byName(name);
            double[] optimum = function.optimum(5);

            for (double coordinate : optimum) {
                assertTrue(coordinate >= function.lowerBound(), name + " coordinate " + coordinate);
                assertTrue(coordinate <= function.upperBound(), name + " coordinate " + coordinate);
            }
            // Ackley's value at the origin is 0 only up to rounding, so allow 1e-15.
            assertEquals(function.optimalValue(5), function.value(optimum), 1e-15, name);
        }
    }

    @Test
    void byNameRejectsUnknownName() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> BenchmarkFunctions.byName("griewank"));

        assertEquals("unknown benchmark function 'griewank'; valid names: sphere, rosenbrock, schwefel, rastrigin,"
                + " ackley, styblinski-tang", error.getMessage());
    }

    @Test
    void byNameRejectsNull() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> BenchmarkFunctions.byName(null));

        assertEquals("unknown benchmark function 'null'; valid names: sphere, rosenbrock, schwefel, rastrigin,"
                + " ackley, styblinski-tang", error.getMessage());
    }
}

package org.pmpo4j.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectiveResultTest {

    @Test
    void statisticsKeepInsertionOrder() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, Double> statistics = new LinkedHashMap<>();
            statistics.put("loss/z", 1.0);
            statistics.put("loss/a", 2.0);
            statistics.put("count/m", 3.0);

            ObjectiveResult result = new ObjectiveResult(manager.create(0.5), statistics);
            statistics.put("late", 4.0);

            assertArrayEquals(
                    new String[] {"loss/z", "loss/a", "count/m"}, result.statistics().keySet().toArray(new String[0]));
            assertEquals(2.0, result.statistic("loss/a"), 0.0);
            assertEquals(0.5, result.lossValue(), 0.0);
        }
    }

    @Test
    void statisticsAreUnmodifiable() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ObjectiveResult result = new ObjectiveResult(manager.create(0.5), Map.of("loss/x", 1.0));

            assertThrows(UnsupportedOperationException.class, () -> result.statistics().put("loss/y", 2.0));
        }
    }

    @Test
    void unknownStatisticIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ObjectiveResult result = new ObjectiveResult(manager.create(0.5), Map.of("loss/x", 1.0));

            IllegalArgumentException error =
                    assertThrows(IllegalArgumentException.class, () -> result.statistic("loss/y"));

            assertEquals("no statistic named 'loss/y'; available: [loss/x]", error.getMessage());
        }
    }

    @Test
    void vectorLossIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            IllegalArgumentException error =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> new ObjectiveResult(manager.create(new double[] {1, 2}), Map.of()));

            assertEquals("loss must be a scalar, got shape (2); reduce it with mean or sum", error.getMessage());
        }
    }
}

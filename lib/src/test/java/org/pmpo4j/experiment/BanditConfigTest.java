package org.pmpo4j.experiment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BanditConfigTest {

    static BanditConfig valid() {
        return new BanditConfig("sphere", 3, Method.parse("pmpo-ar"), 10, 2, 2, 5, 3, 0.05, 0.3, 7);
    }

    static Stream<Arguments> invalidConfigs() {
        Method ar = Method.parse("pmpo-ar");
        return Stream.of(
                Arguments.of((Supplier<BanditConfig>) () ->
                        new BanditConfig("spherical", 3, ar, 10, 2, 2, 5, 3, 0.05, 0.3, 0), "spherical"),
                Arguments.of((Supplier<BanditConfig>) () ->
                        new BanditConfig("rosenbrock", 1, ar, 10, 2, 2, 5, 3, 0.05, 0.3, 0), "dimension must be at least 2"),
                Arguments.of((Supplier<BanditConfig>) () ->
                        new BanditConfig("sphere", 3, null, 10, 2, 2, 5, 3, 0.05, 0.3, 0), "method is missing"),
                Arguments.of((Supplier<BanditConfig>) () ->
                        new BanditConfig("sphere", 3, ar, 0, 2, 2, 5, 3, 0.05, 0.3, 0), "samples N must be at least 2, got 0"),
                Arguments.of((Supplier<BanditConfig>) () ->
                        new BanditConfig("sphere", 3, ar, -4, 2, 2, 5, 3, 0.05, 0.3, 0), "got -4"),
                Arguments.of((Supplier<BanditConfig>) () ->
                        new BanditConfig("sphere", 3, ar, 10, 6, 6, 5, 3, 0.05, 0.3, 0), "at most samples N = 10, got 6 + 6"),
                Arguments.of((Supplier<BanditConfig>) () ->
                        new BanditConfig("sphere", 3, ar, 10, -1, 2, 5, 3, 0.05, 0.3, 0), "acceptCount k_a must be at least 0"),
                Arguments.of((Supplier<BanditConfig>) () ->
                        new BanditConfig("sphere", 3, ar, 10, 0, 2, 5, 3, 0.05, 0.3, 0), "acceptCount is 0"),
                Arguments.of((Supplier<BanditConfig>) () ->
                        new BanditConfig("sphere", 3, Method.parse("pmpo-r"), 10, 2, 0, 5, 3, 0.05, 0.3, 0), "rejectCount is 0"),
                Arguments.of((Supplier<BanditConfig>) () ->
                        new BanditConfig("sphere", 3, Method.parse("dpo"), 10, 0, 3, 5, 3, 0.05, 0.3, 0), "acceptCount is 0"),
                Arguments.of((Supplier<BanditConfig>) () ->
                        new BanditConfig("sphere", 3, Method.parse("kto"), 10, 0, 0, 5, 3, 0.05, 0.3, 0), "KTO needs at least one"),
                Arguments.of((Supplier<BanditConfig>) () ->
                        new BanditConfig("sphere", 3, ar, 10, 2, 2, 0, 3, 0.05, 0.3, 0), "iterations must be at least 1"),
                Arguments.of((Supplier<BanditConfig>) () ->
                        new BanditConfig("sphere", 3, ar, 10, 2, 2, 5, 0, 0.05, 0.3, 0), "gradientSteps must be at least 1"),
                Arguments.of((Supplier<BanditConfig>) () ->
                        new BanditConfig("sphere", 3, ar, 10, 2, 2, 5, 3, Double.NaN, 0.3, 0), "learningRate must be in (0, 1], got NaN"),
                Arguments.of((Supplier<BanditConfig>) () ->
                        new BanditConfig("sphere", 3, ar, 10, 2, 2, 5, 3, 0.0, 0.3, 0), "learningRate must be in (0, 1], got 0.0"),
                Arguments.of((Supplier<BanditConfig>) () ->
                        new BanditConfig("sphere", 3, ar, 10, 2, 2, 5, 3, 0.05, -0.3, 0), "initialStd must be in (0, 10]"));
    }

    @ParameterizedTest
    @MethodSource("invalidConfigs")
    void invalidSettingIsRejectedWithItsValue(Supplier<BanditConfig> config, String expectedMessage) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, config::get);
        assertTrue(error.getMessage().contains(expectedMessage),
                () -> "message '" + error.getMessage() + "' should contain '" + expectedMessage + "'");
    }

    @Test
    void acceptOnlyNeedsNoRejectedSamples() {
        BanditConfig config = new BanditConfig("sphere", 3, Method.parse("pmpo-a"), 10, 3, 0, 5, 3, 0.05, 0.3, 0);
        assertEquals(0, config.rejectCount());
    }

    @Test
    void withersReplaceOneField() {
        BanditConfig config = valid().withSeed(99).withFunction("ackley").withFeedbackCounts(1, 4);
        assertEquals(99, config.seed());
        assertEquals("ackley", config.function());
        assertEquals(1, config.acceptCount());
        assertEquals(4, config.rejectCount());
        assertEquals(valid().samples(), config.samples());
    }
}

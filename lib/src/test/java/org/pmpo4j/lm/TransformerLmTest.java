package org.pmpo4j.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmpo4j.training.GradientScope;

class TransformerLmTest {

    private static final TransformerConfig SMALL = new TransformerConfig(11, 6, 8, 2, 2, 12);

    @Test
    void forwardReturnsBatchTimeVocabularyLogits() {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm model = TransformerLm.create(manager, TransformerConfig.tiny(), 1)) {
            NDArray ids = manager.create(new int[] {1, 2, 3, 4, 5, 6, 7, 8}, new Shape(2, 4)); // (B, T)
            NDArray logits = model.forward(ids);
            assertEquals(new Shape(2, 4, 256), logits.getShape());
            assertEquals(DataType.FLOAT32, logits.getDataType());
        }
    }

    @Test
    void parameterCountMatchesConfig() {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm model = TransformerLm.create(manager, TransformerConfig.tiny(), 1)) {
            assertEquals(TransformerConfig.tiny().parameterCount(), model.parameterCount());
        }
    }

    @Test
    void futureTokenLeavesEarlierLogitsUnchanged() {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm model = TransformerLm.create(manager, SMALL, 3)) {
            float[] original = model.forward(manager.create(new int[][] {{1, 2, 3, 4, 5}})).toFloatArray();
            float[] changed = model.forward(manager.create(new int[][] {{1, 2, 3, 9, 5}})).toFloatArray();
            int vocabulary = SMALL.vocabularySize();
            // Positions 0-2 see only tokens 0-2, which are equal, so their logits agree exactly.
            for (int i = 0; i < 3 * vocabulary; i++) {
                assertEquals(original[i], changed[i], 0.0, "logit " + i);
            }
            // Position 3 sees the changed token, so some logit there must differ.
            boolean differs = false;
            for (int i = 3 * vocabulary; i < 4 * vocabulary; i++) {
                differs |= original[i] != changed[i];
            }
            assertTrue(differs);
        }
    }

    @Test
    void sameSeedGivesSameParameters() {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm first = TransformerLm.create(manager, SMALL, 7);
                TransformerLm second = TransformerLm.create(manager, SMALL, 7);
                TransformerLm other = TransformerLm.create(manager, SMALL, 8)) {
            // Index 4 is layer0.qkv.weight, a randomly initialised matrix.
            float[] a = first.parameters().get(4).toFloatArray();
            assertArrayEquals(a, second.parameters().get(4).toFloatArray());
            assertFalse(java.util.Arrays.equals(a, other.parameters().get(4).toFloatArray()));
        }
    }

    @Test
    void snapshotIsFrozenCopy() {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm model = TransformerLm.create(manager, SMALL, 7);
                TransformerLm reference = model.snapshot()) {
            float before = reference.parameters().get(0).getFloat(0, 0);
            try (GradientScope paused = GradientScope.paused()) {
                model.parameters().get(0).addi(1f);
            }
            assertEquals(before, reference.parameters().get(0).getFloat(0, 0), 0.0);
            assertNotEquals(before, model.parameters().get(0).getFloat(0, 0));
            assertFalse(reference.isTrainable());
            assertFalse(reference.parameters().get(0).hasGradient());
        }
    }

    @Test
    void loadParametersRestoresSavedValues() {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm source = TransformerLm.create(manager, SMALL, 1);
                TransformerLm target = TransformerLm.create(manager, SMALL, 2)) {
            target.loadParameters(source.parameters());
            for (int i = 0; i < source.parameters().size(); i++) {
                assertArrayEquals(source.parameters().get(i).toFloatArray(), target.parameters().get(i).toFloatArray());
            }
            assertTrue(target.parameters().get(0).hasGradient());
        }
    }

    @Test
    void saveAndLoadRoundTripsEveryBit(@TempDir Path directory) {
        Path file = directory.resolve("model.ndlist");
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm model = TransformerLm.create(manager, SMALL, 5)) {
            model.save(file);
            try (TransformerLm loaded = TransformerLm.load(manager, file)) {
                assertEquals(SMALL, loaded.config());
                assertTrue(loaded.isTrainable());
                for (int i = 0; i < model.parameters().size(); i++) {
                    assertArrayEquals(model.parameters().get(i).toFloatArray(),
                            loaded.parameters().get(i).toFloatArray(), model.parameterNames().get(i));
                }
            }
        }
    }

    @Test
    void loadedModelSurvivesGarbageCollection(@TempDir Path directory) throws InterruptedException {
        Path file = directory.resolve("model.ndlist");
        int[][] ids = {{2, 5, 1, 7, 3}};
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm model = TransformerLm.create(manager, SMALL, 5)) {
            float[] expected = model.forward(manager.create(ids)).toFloatArray();
            model.save(file);
            try (TransformerLm loaded = TransformerLm.load(manager, file)) {
                // The decoded arrays live in Java buffers that are freed once decoding ends. The loaded parameters
                // must be copies, because refilling that memory would otherwise change the logits.
                churnDirectMemory();
                assertArrayEquals(expected, loaded.forward(manager.create(ids)).toFloatArray());
            }
        }
    }

    @Test
    void float64ParametersSurviveGarbageCollection() throws InterruptedException {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm model = TransformerLm.create(manager, SMALL, 5, DataType.FLOAT64)) {
            double[] before = model.parameter("layer0.qkv.weight").toDoubleArray();
            churnDirectMemory();
            assertArrayEquals(before, model.parameter("layer0.qkv.weight").toDoubleArray(), 0.0);
        }
    }

    @Test
    void loadOfMissingFileIsRejected(@TempDir Path directory) {
        try (NDManager manager = NDManager.newBaseManager()) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> TransformerLm.load(manager, directory.resolve("absent.ndlist")));
            assertTrue(error.getMessage().contains("model file not found"), error.getMessage());
        }
    }

    @Test
    void trainableCopyIsIndependent() {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm model = TransformerLm.create(manager, SMALL, 7);
                TransformerLm copy = model.trainableCopy(manager)) {
            float before = model.parameters().get(0).getFloat(0, 0);
            try (GradientScope paused = GradientScope.paused()) {
                copy.parameters().get(0).addi(1f);
            }
            assertEquals(before, model.parameters().get(0).getFloat(0, 0), 0.0);
            assertTrue(copy.isTrainable());
            assertTrue(copy.parameters().get(0).hasGradient());
        }
    }

    @Test
    void loadParametersRejectsMissingName() {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm model = TransformerLm.create(manager, SMALL, 1)) {
            NDList partial = new NDList(model.parameters().get(0));
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> model.loadParameters(partial));
            assertTrue(error.getMessage().contains("parameter positionEmbedding is missing"), error.getMessage());
        }
    }

    @Test
    void tooLongSequenceIsRejected() {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm model = TransformerLm.create(manager, SMALL, 1)) {
            NDArray ids = manager.create(new int[][] {{1, 2, 3, 4, 5, 6, 7}});
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> model.forward(ids));
            assertTrue(error.getMessage().contains("sequence length 7 exceeds the context length 6"),
                    error.getMessage());
        }
    }

    @Test
    void floatIdsAreRejected() {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm model = TransformerLm.create(manager, SMALL, 1)) {
            NDArray ids = manager.create(new float[][] {{1, 2}});
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> model.forward(ids));
            assertTrue(error.getMessage().contains("ids must have an integer data type, got float32"),
                    error.getMessage());
        }
    }

    @Test
    void gradientMatchesFiniteDifferencesInFloat64() {
        TransformerConfig config = new TransformerConfig(7, 5, 4, 1, 2, 6);
        int[][] ids = {{1, 4, 2, 6, 3}, {0, 5, 5, 1, 2}};
        int[][] mask = {{0, 1, 1, 1, 0}, {0, 0, 1, 1, 1}};
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm model = TransformerLm.create(manager, config, 11, DataType.FLOAT64)) {
            List<String> names = model.parameterNames();
            // Larger weights than the 0.02 initialisation make every path of the network matter.
            try (GradientScope paused = GradientScope.paused()) {
                for (NDArray parameter : model.parameters()) {
                    parameter.muli(20.0);
                    parameter.addi(0.1);
                }
            }
            try (NDManager step = manager.newSubManager(); GradientScope scope = new GradientScope()) {
                NDArray loss = model.sequenceLogProbs(step.create(ids), step.create(mask)).sum();
                scope.backward(loss);
            }

            double h = 1e-6;
            for (String name : List.of("tokenEmbedding", "positionEmbedding", "layer0.attentionNorm.gain",
                    "layer0.qkv.weight", "layer0.attentionOutput.weight", "layer0.mlpInput.bias",
                    "layer0.mlpOutput.weight", "finalNorm.bias")) {
                NDArray parameter = model.parameter(name);
                double[] analytic = parameter.getGradient().toDoubleArray();
                for (int index : new int[] {0, 3}) {
                    double plus = perturbedLoss(manager, model, parameter, index, h, ids, mask);
                    double minus = perturbedLoss(manager, model, parameter, index, -h, ids, mask);
                    double numeric = (plus - minus) / (2 * h);
                    // Central differences in float64 with h = 1e-6 are accurate to about 1e-8 here.
                    assertEquals(numeric, analytic[index], 1e-6 * Math.max(1.0, Math.abs(numeric)),
                            name + "[" + index + "]");
                }
            }
        }
    }

    @Test
    void gradientSurvivesGarbageCollectionBeforeBackward() throws InterruptedException {
        int[][] ids = {{2, 5, 1, 7, 3, 9}, {4, 4, 8, 0, 6, 10}};
        int[][] mask = {{0, 1, 1, 1, 1, 0}, {0, 0, 1, 1, 1, 1}};
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm model = TransformerLm.create(manager, SMALL, 3)) {
            float[] expected = sequenceLogProbGradient(manager, model, ids, mask, false);
            for (int round = 0; round < 5; round++) {
                // Constants that autograd keeps for backward must not live in Java buffers that a collection
                // frees: refilling direct memory between forward and backward would then change the gradient.
                assertArrayEquals(expected, sequenceLogProbGradient(manager, model, ids, mask, true),
                        "round " + round);
            }
        }
    }

    /** Returns d(Σ log π)/d(layer0.qkv.weight) and zeroes the gradients; optionally churns memory before backward. */
    private static float[] sequenceLogProbGradient(NDManager manager, TransformerLm model, int[][] ids, int[][] mask,
            boolean churn) throws InterruptedException {
        try (NDManager step = manager.newSubManager(); GradientScope scope = new GradientScope()) {
            NDArray loss = model.sequenceLogProbs(step.create(ids), step.create(mask)).sum(); // ()
            if (churn) {
                churnDirectMemory();
            }
            scope.backward(loss);
        }
        float[] gradient = model.parameter("layer0.qkv.weight").getGradient().toFloatArray();
        for (NDArray parameter : model.parameters()) {
            GradientScope.zero(parameter);
        }
        return gradient;
    }

    /** Runs a collection and refills small direct buffers with NaN, as a busy JVM might between forward and backward. */
    private static void churnDirectMemory() throws InterruptedException {
        System.gc();
        Thread.sleep(10);
        List<java.nio.ByteBuffer> junk = new java.util.ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int size = i % 5 == 4 ? 4 * (64 + i * 8) : 4 + 4 * (i % 4);
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocateDirect(size);
            for (int offset = 0; offset + 4 <= buffer.capacity(); offset += 4) {
                buffer.putFloat(offset, Float.NaN);
            }
            junk.add(buffer);
        }
    }

    private static double perturbedLoss(NDManager manager, TransformerLm model, NDArray parameter, int index,
            double delta, int[][] ids, int[][] mask) {
        try (NDManager step = manager.newSubManager(); GradientScope paused = GradientScope.paused()) {
            Shape shape = parameter.getShape();
            double[] offset = new double[Math.toIntExact(shape.size())];
            offset[index] = delta;
            NDArray shift = step.create(offset, shape);
            parameter.addi(shift);
            double loss = model.sequenceLogProbs(step.create(ids), step.create(mask)).sum().getDouble();
            parameter.subi(shift);
            return loss;
        }
    }
}

package org.pmpo4j.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class NativeArraysTest {

    /** Runs a collection and refills direct memory, as a busy JVM would between forward and backward. */
    private static void churnDirectMemory() throws InterruptedException {
        System.gc();
        Thread.sleep(10);
        List<ByteBuffer> junk = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(8);
            buffer.putDouble(0, 1234.5);
            junk.add(buffer);
        }
    }

    @Test
    void scaleGradientSurvivesGarbageCollection() throws InterruptedException {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new double[] {1, 2, 3});
            x.setRequiresGradient(true);
            for (int round = 0; round < 10; round++) {
                try (GradientScope scope = new GradientScope()) {
                    NDArray loss = NativeArrays.scale(x, 2.0).sum();
                    churnDirectMemory();
                    scope.backward(loss);
                }
                // d/dx Σ 2x = 2 for every element.
                assertArrayEquals(new double[] {2, 2, 2}, x.getGradient().toDoubleArray(), 0.0, "round " + round);
                GradientScope.zero(x);
            }
        }
    }

    @Test
    void divideGradientSurvivesGarbageCollection() throws InterruptedException {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new double[] {1, 2});
            x.setRequiresGradient(true);
            try (GradientScope scope = new GradientScope()) {
                NDArray loss = NativeArrays.divide(x, 4.0).sum();
                churnDirectMemory();
                scope.backward(loss);
            }
            // d/dx Σ x/4 = 0.25.
            assertArrayEquals(new double[] {0.25, 0.25}, x.getGradient().toDoubleArray(), 0.0);
        }
    }

    @Test
    void ownedCopyKeepsValuesAfterOriginalCloses() throws InterruptedException {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray copy = NativeArrays.owned(manager.create(new double[] {0.5, -1.5}));
            churnDirectMemory();
            assertArrayEquals(new double[] {0.5, -1.5}, copy.toDoubleArray(), 0.0);
        }
    }

    @Test
    void scalarTakesDataTypeOfReference() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray single = manager.create(new float[] {1f});
            assertEquals(DataType.FLOAT32, NativeArrays.scalar(single, 0.1).getDataType());
            assertEquals(DataType.FLOAT32, NativeArrays.scale(single, 3.0).getDataType());
            assertEquals(3.0f, NativeArrays.scale(single, 3.0).getFloat(0));
        }
    }
}

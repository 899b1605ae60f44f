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
    void copyAsIsIndependentOfSource() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray source = NativeArrays.owned(manager.create(new double[] {1, 2}));
            NDArray sameType = NativeArrays.copyAs(source, DataType.FLOAT64);
            NDArray otherType = NativeArrays.copyAs(source, DataType.FLOAT32);
            source.addi(10.0);
            assertArrayEquals(new double[] {1, 2}, sameType.toDoubleArray(), 0.0);
            assertArrayEquals(new float[] {1, 2}, otherType.toFloatArray(), 0f);
        }
    }

    @Test
    void djlToTypeWithCopyAliasesSameType() {
        // Documents the DJL 0.36 behaviour that copyAs works around: toType(sameType, true) shares memory with its
        // source. If a DJL upgrade makes it a real copy, this test fails and copyAs can be simplified.
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray source = NativeArrays.owned(manager.create(new double[] {1, 2}));
            NDArray converted = source.toType(DataType.FLOAT64, true);
            source.addi(10.0);
            assertArrayEquals(new double[] {11, 12}, converted.toDoubleArray(), 0.0);
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

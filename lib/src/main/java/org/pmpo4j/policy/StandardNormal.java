package org.pmpo4j.policy;

import java.util.random.RandomGenerator;

/**
 * Standard normal draws that depend only on the generator's state: Marsaglia's polar method with {@link StrictMath}.
 *
 * <p>{@code RandomGenerator.nextGaussian()} calls {@code Math.log} and {@code Math.exp}, whose last bit may differ
 * between interpreted and JIT-compiled code, so the same seed could give different samples in the first and a later
 * run of one JVM. This sampler gives the same numbers on every run and every JDK.
 */
public final class StandardNormal {

    private StandardNormal() {
    }

    /** Returns one draw from N(0, 1), consuming two or more uniform doubles from {@code random}. */
    public static double next(RandomGenerator random) {
        while (true) {
            double u = 2.0 * random.nextDouble() - 1.0;
            double v = 2.0 * random.nextDouble() - 1.0;
            double radiusSquared = u * u + v * v;
            if (radiusSquared > 0.0 && radiusSquared < 1.0) {
                // The pair yields two independent normals. The second, v·factor, is dropped so that the method keeps
                // no state and each call is independent of the previous ones.
                return u * StrictMath.sqrt(-2.0 * StrictMath.log(radiusSquared) / radiusSquared);
            }
        }
    }
}

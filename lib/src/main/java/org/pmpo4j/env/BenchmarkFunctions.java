package org.pmpo4j.env;

import java.util.List;

/** Looks up the bandit {@link BenchmarkFunction}s by name. */
public final class BenchmarkFunctions {

    private static final List<BenchmarkFunction> FUNCTIONS = List.of(
            new Sphere(), new Rosenbrock(), new Schwefel(), new Rastrigin(), new Ackley(), new StyblinskiTang());

    private BenchmarkFunctions() {}

    /**
     * Returns the function with the given name.
     *
     * @throws IllegalArgumentException if the name is unknown; the message lists the valid names
     */
    public static BenchmarkFunction byName(String name) {
        for (BenchmarkFunction function : FUNCTIONS) {
            if (function.name().equals(name)) {
                return function;
            }
        }
        throw new IllegalArgumentException("unknown benchmark function '" + name + "'; valid names: "
                + String.join(", ", names()));
    }

    /** Returns the names of all benchmark functions: sphere, rosenbrock, schwefel, rastrigin, ackley, styblinski-tang. */
    public static List<String> names() {
        return FUNCTIONS.stream().map(BenchmarkFunction::name).toList();
    }
}

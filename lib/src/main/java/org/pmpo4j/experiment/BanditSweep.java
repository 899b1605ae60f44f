package org.pmpo4j.experiment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Runs every combination of functions × methods × seeds on top of a base configuration, in parallel threads, and
 * concatenates the results in that fixed order, whatever order the runs finish in.
 *
 * @param name short name used in logs and the CSV header
 * @param base settings shared by every run; its function, method and seed are replaced per run
 * @param functions benchmark function names
 * @param methods methods with their settings, each with a distinct label
 * @param seeds seeds, one run each per function and method
 */
public record BanditSweep(String name, BanditConfig base, List<String> functions, List<Method> methods,
        List<Long> seeds) {

    private static final Logger LOG = LoggerFactory.getLogger(BanditSweep.class);

    public BanditSweep {
        if (base == null) {
            throw new IllegalArgumentException("base configuration is missing");
        }
        requireNonEmpty("functions", functions);
        requireNonEmpty("methods", methods);
        requireNonEmpty("seeds", seeds);
        functions = List.copyOf(functions);
        methods = List.copyOf(methods);
        seeds = List.copyOf(seeds);
        long distinctLabels = methods.stream().map(Method::label).distinct().count();
        if (distinctLabels != methods.size()) {
            throw new IllegalArgumentException("method labels must be distinct, got "
                    + methods.stream().map(Method::label).toList() + "; give each setting its own label");
        }
        if (seeds.stream().distinct().count() != seeds.size()) {
            throw new IllegalArgumentException("seeds must be distinct, got " + seeds);
        }
        // Build every configuration once so that an invalid combination fails before any run starts.
        configurations(base, functions, methods, seeds);
    }

    /** Returns the seeds 0, 1, …, count − 1. */
    public static List<Long> seeds(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("seed count must be at least 1, got " + count);
        }
        List<Long> seeds = new ArrayList<>();
        for (long seed = 0; seed < count; seed++) {
            seeds.add(seed);
        }
        return seeds;
    }

    /** Every run's configuration, in result order: function, then method, then seed. */
    public List<BanditConfig> configurations() {
        return configurations(base, functions, methods, seeds);
    }

    /** Runs the sweep on {@code threads} threads and returns all rows. */
    public Table run(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads
                    + "; use Runtime.getRuntime().availableProcessors()");
        }
        List<BanditConfig> configurations = configurations();
        Progress progress = new Progress(name, configurations.size());
        ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, name + "-worker");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Table>> futures = new ArrayList<>();
            for (BanditConfig config : configurations) {
                futures.add(executor.submit(() -> {
                    Table table = BanditExperiment.run(config);
                    progress.step();
                    return table;
                }));
            }
            Table all = null;
            for (int i = 0; i < futures.size(); i++) {
                Table table = await(futures.get(i), configurations.get(i));
                all = all == null ? table : all.append(table);
            }
            LOG.info("{}: finished {} runs in {} s", name, configurations.size(),
                    String.format(java.util.Locale.ROOT, "%.1f", progress.elapsedSeconds()));
            return all.setName(name);
        } finally {
            executor.shutdownNow();
        }
    }

    /** Writes {@code table}, a result of {@link #run}, to {@code file} with this sweep's provenance header. */
    public void writeCsv(Table table, Path file) {
        ResultFiles.writeCsv(table, file, header());
    }

    /** The provenance header: seeds, swept values, base configuration, library versions and git commit. */
    public Map<String, String> header() {
        Map<String, String> header = new LinkedHashMap<>();
        header.put("experiment", name);
        header.put("seeds", seeds.toString());
        header.put("functions", functions.toString());
        header.put("methods", methods.stream().map(Object::toString).collect(Collectors.joining("; ")));
        header.put("base", base.toString());
        Provenance.libraryVersions().forEach((library, version) -> header.put("version/" + library, version));
        header.put("git", Provenance.gitCommit());
        return header;
    }

    private static Table await(Future<Table> future, BanditConfig config) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sweep interrupted while running " + describe(config), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("run failed: " + describe(config) + ": " + cause, cause);
        }
    }

    private static String describe(BanditConfig config) {
        return config.method().label() + " on " + config.function() + " (seed " + config.seed() + ")";
    }

    private static List<BanditConfig> configurations(BanditConfig base, List<String> functions, List<Method> methods,
            List<Long> seeds) {
        List<BanditConfig> configurations = new ArrayList<>();
        for (String function : functions) {
            for (Method method : methods) {
                for (long seed : seeds) {
                    configurations.add(base.withFunction(function).withMethod(method).withSeed(seed));
                }
            }
        }
        return configurations;
    }

    private static void requireNonEmpty(String what, List<?> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty; list at least one");
        }
    }
}

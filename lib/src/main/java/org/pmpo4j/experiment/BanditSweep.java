package org.pmpo4j.experiment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * A list of bandit runs executed in parallel threads, with their rows concatenated in list order, whatever order the
 * runs finish in. {@link #grid} builds the usual functions × methods × seeds list; any other list, e.g. one that varies
 * the feedback counts per method, can be passed directly.
 *
 * @param name short name used in logs and the CSV header
 * @param configurations the runs; no two may share function, method label and seed
 */
public record BanditSweep(String name, List<BanditConfig> configurations) {

    private static final Logger LOG = LoggerFactory.getLogger(BanditSweep.class);

    public BanditSweep {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("sweep name must not be empty");
        }
        requireNonEmpty("configurations", configurations);
        configurations = List.copyOf(configurations);
        Set<String> keys = new HashSet<>();
        for (BanditConfig config : configurations) {
            String key = config.function() + "|" + config.method().label() + "|" + config.seed();
            if (!keys.add(key)) {
                throw new IllegalArgumentException("two runs share function " + config.function() + ", method label '"
                        + config.method().label() + "' and seed " + config.seed()
                        + "; method labels must be distinct, so give each setting its own label");
            }
        }
    }

    /**
     * Every combination of {@code functions} × {@code methods} × {@code seeds} on top of {@code base}, nested in that
     * order; each combination is validated before any run starts.
     */
    public static BanditSweep grid(String name, BanditConfig base, List<String> functions, List<Method> methods,
            List<Long> seeds) {
        if (base == null) {
            throw new IllegalArgumentException("base configuration is missing");
        }
        requireNonEmpty("functions", functions);
        requireNonEmpty("methods", methods);
        requireNonEmpty("seeds", seeds);
        if (seeds.stream().distinct().count() != seeds.size()) {
            throw new IllegalArgumentException("seeds must be distinct, got " + seeds);
        }
        List<BanditConfig> configurations = new ArrayList<>();
        for (String function : functions) {
            for (Method method : methods) {
                for (long seed : seeds) {
                    configurations.add(base.withFunction(function).withMethod(method).withSeed(seed));
                }
            }
        }
        return new BanditSweep(name, configurations);
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

    /**
     * Runs the sweep on {@code threads} threads and returns all rows with their provenance header, recorded when the
     * sweep starts so that it describes the code that ran.
     */
    public SweepResult run(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads
                    + "; use Runtime.getRuntime().availableProcessors()");
        }
        Map<String, String> header = header();
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
                    String.format(Locale.ROOT, "%.1f", progress.elapsedSeconds()));
            return new SweepResult(all.setName(name), header);
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * The provenance header: run count, the {@code PMPO_SCALE} setting, seeds, functions, every distinct setting (a
     * configuration without its function and seed), PyTorch threads, library versions, machine and git commit.
     */
    public Map<String, String> header() {
        Map<String, String> header = new LinkedHashMap<>();
        header.put("experiment", name);
        header.put("runs", Integer.toString(configurations.size()));
        header.put("scale", Scale.environmentSetting());
        header.put("seeds", configurations.stream().map(BanditConfig::seed).distinct().sorted().toList().toString());
        header.put("functions", configurations.stream().map(BanditConfig::function).distinct().toList().toString());
        header.put("settings", configurations.stream()
                .map(config -> config.withSeed(0).withFunction("sphere").toString()
                        .replace("function=sphere, ", "").replace(", seed=0", ""))
                .distinct()
                .collect(Collectors.joining("; ")));
        header.put("torch-threads", "1 per run");
        Provenance.addTo(header);
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

    private static void requireNonEmpty(String what, List<?> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty; list at least one");
        }
    }
}

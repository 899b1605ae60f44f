package org.pmpo4j.objective;

import org.pmpo4j.training.NativeArrays;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pmpo4j.policy.GaussianPolicy;

/**
 * Maximum a Posteriori Policy Optimisation (MPO) for a diagonal Gaussian policy over a batch of N
 * scored samples, with decoupled KL constraints on the mean and the covariance.
 *
 * <p>Sources: Abdolmaleki et al., "Maximum a Posteriori Policy Optimisation", ICLR 2018 (arXiv
 * 1806.06920), and for the decoupling, Abdolmaleki et al., "Relative Entropy Regularized Policy
 * Iteration" (arXiv 1812.02256).
 *
 * <p>Shape letters: N samples a_j drawn from the reference policy π_ref, D action dimensions.
 * sg(·) is a stop-gradient.
 *
 * <p>E-step. Each sample gets the weight w_j = softmax_j(Q_j / sg(η)), where Q_j is its score, so
 * the weights are constants of the graph. The temperature η = softplus(θ_η) + 1e-8 minimises the
 * dual of the KL(q ‖ π_ref) ≤ ε constraint on the non-parametric policy q:
 *
 * <pre>
 *   L_η = η · (ε + logsumexp_j(Q_j / η) − log N)
 * </pre>
 *
 * <p>M-step. Weighted maximum likelihood, split into a policy that moves only the mean, π_μ =
 * N(μ_θ, σ_ref), and one that moves only the standard deviation, π_Σ = N(μ_ref, σ_θ). Each has its
 * own trust region KL_μ = KL(π_ref ‖ π_μ) ≤ ε_μ and KL_Σ = KL(π_ref ‖ π_Σ) ≤ ε_Σ, with the
 * reference as the first argument and the KL summed over the D dimensions. The multipliers are
 * α_μ = softplus(θ_μ) and α_Σ = softplus(θ_Σ). The loss to minimise is
 *
 * <pre>
 *   L = −Σ_j w_j log π_μ(a_j) − Σ_j w_j log π_Σ(a_j)
 *       + sg(α_μ) · KL_μ + sg(α_Σ) · KL_Σ
 *       + α_μ · (ε_μ − sg(KL_μ)) + α_Σ · (ε_Σ − sg(KL_Σ)) + L_η
 * </pre>
 *
 * so the policy parameters get the gradient of the weighted likelihood plus the KL penalties, and
 * each dual parameter gets the gradient of its own dual. The value of L is therefore not a function
 * whose gradient the parameters follow. The statistics list every term separately.
 *
 * <p>This class owns the three dual parameters θ_η, θ_μ and θ_Σ, float64 scalars with gradients
 * attached, on a sub-manager of the manager passed in. The caller runs backward on the loss and
 * steps both {@link GaussianPolicy#parameters()} and {@link #dualParameters()}, for example with
 * Adam. Close the instance to free the dual parameters.
 *
 * <p>NOTE: Acme's MPO loss (github.com/google-deepmind/acme, acme/jax/losses/mpo.py) clips the pre-softplus dual parameters at −18
 * after each step and constrains the KL per action dimension by default. This class does neither:
 * the parameters are stepped as they are, and each KL is the sum over dimensions.
 */
public final class Mpo implements AutoCloseable {

    /** Floor added to the temperature so that Q / η stays finite. */
    static final double TEMPERATURE_FLOOR = 1e-8;

    private final Config config;
    private final NDManager manager;
    private final NDArray temperatureParameter; // (), θ_η
    private final NDArray alphaMeanParameter; // (), θ_μ
    private final NDArray alphaStdParameter; // (), θ_Σ

    /**
     * Trust regions and initial dual values of {@link Mpo}.
     *
     * @param epsilon ε &gt; 0, the bound on KL(q ‖ π_ref) for the non-parametric E-step policy
     * @param epsilonMean ε_μ &gt; 0, the bound on KL(π_ref ‖ π_μ), the change of the mean
     * @param epsilonStd ε_Σ &gt; 0, the bound on KL(π_ref ‖ π_Σ), the change of the standard deviation
     * @param initTemperature the initial temperature η &gt; 1e-8, the floor that η never goes below
     * @param initAlphaMean the initial multiplier α_μ &gt; 0
     * @param initAlphaStd the initial multiplier α_Σ &gt; 0
     */
    public record Config(
            double epsilon,
            double epsilonMean,
            double epsilonStd,
            double initTemperature,
            double initAlphaMean,
            double initAlphaStd) {

        /**
         * Validates every field.
         *
         * @throws IllegalArgumentException if a field is NaN, infinite or out of its range
         */
        public Config {
            requireAbove("epsilon", epsilon, 0, "0.1 is a common value");
            requireAbove("epsilonMean", epsilonMean, 0, "0.0025 is a common value");
            requireAbove("epsilonStd", epsilonStd, 0, "1e-6 is a common value");
            requireAbove(
                    "initTemperature",
                    initTemperature,
                    TEMPERATURE_FLOOR,
                    "the temperature floor is 1e-8, and 10 is a common start");
            requireAbove("initAlphaMean", initAlphaMean, 0, "10 is a common start");
            requireAbove("initAlphaStd", initAlphaStd, 0, "1000 is a common start");
        }

        /**
         * Returns ε = 0.1, ε_μ = 0.0025, ε_Σ = 1e-6 and initial η = 10, α_μ = 10, α_Σ = 1000.
         *
         * <p>These are the defaults of {@code GaussianPolicyLossConfig} in Acme
         * (github.com/google-deepmind/acme, acme/agents/jax/mpo/types.py). Acme passes its initial
         * values through softplus, which gives softplus(10) ≈ 10.00005 and softplus(1000) = 1000.
         * A task whose actions or scores have another scale may need other trust regions.
         */
        public static Config defaults() {
            return new Config(0.1, 0.0025, 1e-6, 10, 10, 1000);
        }

        private static void requireAbove(String name, double value, double bound, String hint) {
            if (!(value > bound) || !Double.isFinite(value)) {
                throw new IllegalArgumentException(
                        name + " must be finite and > " + bound + ", got " + value + "; " + hint);
            }
        }
    }

    /**
     * Creates the objective and its dual parameters on a sub-manager of {@code manager}.
     *
     * @param manager the parent of the sub-manager that owns the dual parameters
     * @param config trust regions and initial dual values
     */
    public Mpo(NDManager manager, Config config) {
        if (manager == null || config == null) {
            throw new NullPointerException("manager and config must not be null");
        }
        this.config = config;
        this.manager = manager.newSubManager();
        temperatureParameter =
                dualParameter(
                        "temperature",
                        StableMath.softplusInverse(config.initTemperature() - TEMPERATURE_FLOOR));
        alphaMeanParameter =
                dualParameter("alpha_mean", StableMath.softplusInverse(config.initAlphaMean()));
        alphaStdParameter =
                dualParameter("alpha_std", StableMath.softplusInverse(config.initAlphaStd()));
    }

    /** Returns the configuration. */
    public Config config() {
        return config;
    }

    /**
     * Returns the pre-softplus dual parameters [θ_η, θ_μ, θ_Σ], named "temperature", "alpha_mean"
     * and "alpha_std". These are the live arrays, which an optimiser updates in place.
     */
    public NDList dualParameters() {
        return new NDList(temperatureParameter, alphaMeanParameter, alphaStdParameter);
    }

    /** Returns the current temperature η = softplus(θ_η) + 1e-8. */
    public double temperature() {
        return StableMath.softplus(Inputs.scalarValue(temperatureParameter)) + TEMPERATURE_FLOOR;
    }

    /** Returns the current multiplier α_μ = softplus(θ_μ) of the mean constraint. */
    public double alphaMean() {
        return StableMath.softplus(Inputs.scalarValue(alphaMeanParameter));
    }

    /** Returns the current multiplier α_Σ = softplus(θ_Σ) of the standard-deviation constraint. */
    public double alphaStd() {
        return StableMath.softplus(Inputs.scalarValue(alphaStdParameter));
    }

    /**
     * Computes the E-step weights w_j = softmax_j(Q_j / η) at the current temperature.
     *
     * @param scores one finite score Q_j per sample, higher is better, length N &gt;= 1
     * @return the weights, length N, non-negative and summing to 1
     * @throws IllegalArgumentException if {@code scores} is empty or contains NaN or an infinity
     */
    public double[] weights(double[] scores) {
        requireScores(scores);
        try (NDManager scope = manager.newSubManager()) {
            NDArray scoreArray = scope.create(scores); // (N)
            return StableMath.softmax(scoreArray.div(temperature()), 0).toDoubleArray(); // (N)
        }
    }

    /**
     * Computes the MPO loss for one batch of samples drawn from the reference policy.
     *
     * <p>The statistics, in order: {@code loss/mpo}, the value of L; the seven terms of L, {@code
     * loss/policy_mean}, {@code loss/policy_std}, {@code loss/kl_mean}, {@code loss/kl_std} (the
     * penalties α · KL), {@code loss/alpha_mean}, {@code loss/alpha_std} (the duals α · (ε − KL))
     * and {@code loss/temperature} (L_η); {@code kl/mean} and {@code kl/std}, the KLs of π_μ and π_Σ;
     * {@code kl/nonparametric}, the KL(q ‖ π_ref) that the weights imply, Σ_j w_j log(N w_j);
     * {@code dual/temperature}, {@code dual/alpha_mean} and {@code dual/alpha_std}; and {@code
     * score/min}, {@code score/mean} and {@code score/max}.
     *
     * @param reference π_ref, the policy the samples came from; its parameters get no gradient
     * @param policy π_θ, the policy to improve
     * @param samples the actions a_j, shape (N, D)
     * @param scores one finite score Q_j per sample, higher is better, length N
     * @return the loss, attached to the manager of {@code samples}, and its statistics
     * @throws IllegalArgumentException if the dimensions differ, the shapes do not match, or a
     *     sample or score is not finite
     */
    public ObjectiveResult loss(
            GaussianPolicy reference, GaussianPolicy policy, NDArray samples, double[] scores) {
        if (reference == null || policy == null) {
            throw new NullPointerException("reference and policy must not be null");
        }
        requireScores(scores);
        Inputs.requireMatrix("samples", samples);
        int dimension = policy.dimension();
        if (reference.dimension() != dimension) {
            throw new IllegalArgumentException(
                    "reference has dimension "
                            + reference.dimension()
                            + " but policy has dimension "
                            + dimension
                            + "; both policies must act in the same space");
        }
        Shape expected = new Shape(scores.length, dimension);
        if (!samples.getShape().equals(expected)) {
            throw new IllegalArgumentException(
                    "samples must have shape "
                            + expected
                            + " (one row per score, one column per action dimension), got "
                            + samples.getShape());
        }

        try (LossScope scope =
                new LossScope(
                        samples,
                        policy.mean(),
                        policy.logStd(),
                        reference.mean(),
                        reference.logStd(),
                        temperatureParameter,
                        alphaMeanParameter,
                        alphaStdParameter)) {
            Inputs.requireFinite("samples", samples);
            return compute(scope, reference, policy, samples, scores);
        }
    }

    /** Frees the dual parameters. */
    @Override
    public void close() {
        manager.close();
    }

    private ObjectiveResult compute(
            LossScope scope,
            GaussianPolicy reference,
            GaussianPolicy policy,
            NDArray samples,
            double[] scores) {
        NDArray scoreArray = NativeArrays.owned(scope.manager().create(scores)); // (N), float64, no gradient
        NDArray referenceMean = reference.mean().stopGradient(); // (D)
        NDArray referenceLogStd = reference.logStd().stopGradient(); // (D)
        NDArray mean = policy.mean(); // (D)
        NDArray logStd = policy.logStd(); // (D)

        NDArray temperature = StableMath.softplus(temperatureParameter).add(TEMPERATURE_FLOOR); // ()
        NDArray alphaMean = StableMath.softplus(alphaMeanParameter); // ()
        NDArray alphaStd = StableMath.softplus(alphaStdParameter); // ()

        // E-step: the weights use a detached temperature, and the temperature dual the live one.
        NDArray weights = StableMath.softmax(scoreArray.div(temperature.stopGradient()), 0); // (N)
        NDArray logSumExp = StableMath.logSumExp(scoreArray.div(temperature), 0, false); // ()
        NDArray temperatureLoss =
                temperature.mul(logSumExp.add(config.epsilon() - Math.log(scores.length))); // ()

        // M-step: weighted maximum likelihood of the two decoupled policies.
        NDArray logProbMean = GaussianPolicy.logProb(mean, referenceLogStd, samples); // (N)
        NDArray logProbStd = GaussianPolicy.logProb(referenceMean, logStd, samples); // (N)
        NDArray policyMeanLoss = weights.mul(logProbMean).sum().neg(); // ()
        NDArray policyStdLoss = weights.mul(logProbStd).sum().neg(); // ()

        // Trust regions: the penalties move the policy, the duals move the multipliers.
        NDArray klMean =
                GaussianPolicy.kl(referenceMean, referenceLogStd, mean, referenceLogStd); // ()
        NDArray klStd = GaussianPolicy.kl(referenceMean, referenceLogStd, referenceMean, logStd); // ()
        NDArray klMeanPenalty = alphaMean.stopGradient().mul(klMean); // ()
        NDArray klStdPenalty = alphaStd.stopGradient().mul(klStd); // ()
        NDArray alphaMeanLoss = alphaMean.mul(klMean.stopGradient().neg().add(config.epsilonMean())); // ()
        NDArray alphaStdLoss = alphaStd.mul(klStd.stopGradient().neg().add(config.epsilonStd())); // ()

        NDArray loss =
                policyMeanLoss
                        .add(policyStdLoss)
                        .add(klMeanPenalty)
                        .add(klStdPenalty)
                        .add(alphaMeanLoss)
                        .add(alphaStdLoss)
                        .add(temperatureLoss); // ()

        Map<String, Double> statistics = new LinkedHashMap<>();
        statistics.put("loss/mpo", Inputs.scalarValue(loss));
        statistics.put("loss/policy_mean", Inputs.scalarValue(policyMeanLoss));
        statistics.put("loss/policy_std", Inputs.scalarValue(policyStdLoss));
        statistics.put("loss/kl_mean", Inputs.scalarValue(klMeanPenalty));
        statistics.put("loss/kl_std", Inputs.scalarValue(klStdPenalty));
        statistics.put("loss/alpha_mean", Inputs.scalarValue(alphaMeanLoss));
        statistics.put("loss/alpha_std", Inputs.scalarValue(alphaStdLoss));
        statistics.put("loss/temperature", Inputs.scalarValue(temperatureLoss));
        statistics.put("kl/mean", Inputs.scalarValue(klMean));
        statistics.put("kl/std", Inputs.scalarValue(klStd));
        statistics.put("kl/nonparametric", nonparametricKl(Inputs.values(weights)));
        statistics.put("dual/temperature", Inputs.scalarValue(temperature));
        statistics.put("dual/alpha_mean", Inputs.scalarValue(alphaMean));
        statistics.put("dual/alpha_std", Inputs.scalarValue(alphaStd));
        statistics.put("score/min", Arrays.stream(scores).min().orElseThrow());
        statistics.put("score/mean", Arrays.stream(scores).average().orElseThrow());
        statistics.put("score/max", Arrays.stream(scores).max().orElseThrow());
        return new ObjectiveResult(scope.keep(loss), statistics);
    }

    /** Returns Σ_j w_j log(N w_j), the KL from the weighted samples to the uniform ones. */
    private static double nonparametricKl(double[] weights) {
        double kl = 0;
        for (double weight : weights) {
            // A zero weight contributes w log w → 0.
            if (weight > 0) {
                kl += weight * Math.log(weights.length * weight);
            }
        }
        return kl;
    }

    private NDArray dualParameter(String name, double value) {
        NDArray parameter = manager.create(value); // (), float64
        parameter.setName(name);
        parameter.setRequiresGradient(true);
        return parameter;
    }

    private static void requireScores(double[] scores) {
        if (scores == null) {
            throw new NullPointerException("scores must not be null");
        }
        if (scores.length == 0) {
            throw new IllegalArgumentException("scores is empty; pass one score per sample");
        }
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException(
                        "scores["
                                + i
                                + "] is "
                                + scores[i]
                                + "; every score must be finite, so fix or drop that sample");
            }
        }
    }
}

package org.pmpo4j.lm;

import org.pmpo4j.experiment.Method;

/**
 * Settings of one {@link Alignment} run: a language model tuned from reward-ranked completions of its reference
 * policy.
 *
 * <p>Each step samples {@code samplesPerPrompt} (N) completions for each of {@code promptsPerStep} (C) prompts from
 * π_ref, ranks them by reward, accepts the best {@code acceptCount} and rejects the worst {@code rejectCount}, and
 * takes one Adam step on the method's loss. The language experiment of Abdolmaleki et al., "Learning from negative
 * feedback, or positive feedback or both" (ICLR 2025), samples N = 4 completions per prompt and accepts the top 2 and
 * rejects the bottom 2.
 *
 * @param method PMPO (with the divergence {@code kl-reference-policy}), DPO or KTO; see {@link Method#parse}
 * @param steps learner steps, at least 1
 * @param promptsPerStep C, prompts per step, at least 1; KTO needs at least 2, because it scores each prompt's
 *     first completion under the next prompt to estimate its reference point
 * @param samplesPerPrompt N, completions sampled per prompt, at least 2
 * @param acceptCount k_a, best completions per prompt put in D_a; at least 1 when the method uses D_a
 * @param rejectCount k_r, worst completions per prompt put in D_r; at least 1 when the method uses D_r
 * @param maxNewTokens longest completion in tokens, at least 1; the end-of-sequence id ends one earlier
 * @param temperature sampling temperature for training and evaluation samples, finite and &gt; 0
 * @param learningRate Adam learning rate, in (0, 1]
 * @param referenceRefreshInterval steps between copies of π_θ into π_ref, or 0 to keep the base model as π_ref. With
 *     a refresh after every step, every log-ratio is 0 when a step starts, so the gradients of PMPO-AR, DPO and KTO
 *     are proportional. Adam ignores their scale up to its ε, so it takes nearly the same step for all three.
 * @param evaluationInterval steps between evaluation rows, at least 1; the last step is always evaluated
 * @param seed seed of the prompt order, of every sample and of nothing else; the base model fixes the parameters
 */
public record AlignmentConfig(
        Method method,
        int steps,
        int promptsPerStep,
        int samplesPerPrompt,
        int acceptCount,
        int rejectCount,
        int maxNewTokens,
        double temperature,
        double learningRate,
        int referenceRefreshInterval,
        int evaluationInterval,
        long seed) {

    /** Validates every field. */
    public AlignmentConfig {
        if (method == null) {
            throw new IllegalArgumentException("method is missing; use Method.parse(\"pmpo-ar\"), \"dpo\" or \"kto\"");
        }
        requireSupported(method);
        requireAtLeast("steps", steps, 1, "run at least one step");
        requireAtLeast("promptsPerStep", promptsPerStep, 1, "use e.g. 8");
        if (method instanceof Method.Kto && promptsPerStep < 2) {
            throw new IllegalArgumentException("promptsPerStep must be >= 2 for KTO, got " + promptsPerStep
                    + "; KTO scores each prompt's completion under another prompt of the step for its reference"
                    + " point, so use at least 2 prompts per step");
        }
        requireAtLeast("samplesPerPrompt", samplesPerPrompt, 2, "the paper samples 4 completions per prompt");
        requireAtLeast("acceptCount", acceptCount, 0, "use 0 for no accepted completions");
        requireAtLeast("rejectCount", rejectCount, 0, "use 0 for no rejected completions");
        if (acceptCount + rejectCount > samplesPerPrompt) {
            throw new IllegalArgumentException("acceptCount + rejectCount must be at most samplesPerPrompt = "
                    + samplesPerPrompt + ", got " + acceptCount + " + " + rejectCount
                    + "; the paper accepts the top 2 and rejects the bottom 2 of 4");
        }
        requireFeedbackFor(method, acceptCount, rejectCount);
        requireAtLeast("maxNewTokens", maxNewTokens, 1, "use e.g. 24");
        if (!(temperature > 0.0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and > 0, got " + temperature
                    + "; use 1 to sample from the model");
        }
        if (!(learningRate > 0.0 && learningRate <= 1.0)) {
            throw new IllegalArgumentException("learningRate must be in (0, 1], got " + learningRate
                    + "; Adam rates of 1e-5 to 1e-3 suit a pretrained transformer");
        }
        requireAtLeast("referenceRefreshInterval", referenceRefreshInterval, 0,
                "use 0 to keep the base model as the reference policy");
        requireAtLeast("evaluationInterval", evaluationInterval, 1, "use 1 to evaluate after every step");
    }

    /**
     * Returns the settings of the language experiment for {@code method}: 8 prompts per step, 4 completions each
     * with the top 2 accepted and the bottom 2 rejected, up to 24 new tokens at temperature 1, Adam at 1e-4, the
     * base model as π_ref throughout, and an evaluation every 10 steps.
     */
    public static AlignmentConfig of(Method method, int steps, long seed) {
        return new AlignmentConfig(method, steps, 8, 4, 2, 2, 24, 1.0, 1e-4, 0, 10, seed);
    }

    /** Returns a copy with another method. */
    public AlignmentConfig withMethod(Method other) {
        return new AlignmentConfig(other, steps, promptsPerStep, samplesPerPrompt, acceptCount, rejectCount,
                maxNewTokens, temperature, learningRate, referenceRefreshInterval, evaluationInterval, seed);
    }

    /** Returns a copy with another seed. */
    public AlignmentConfig withSeed(long other) {
        return new AlignmentConfig(method, steps, promptsPerStep, samplesPerPrompt, acceptCount, rejectCount,
                maxNewTokens, temperature, learningRate, referenceRefreshInterval, evaluationInterval, other);
    }

    /** Returns a copy with other step counts. */
    public AlignmentConfig withSteps(int otherSteps, int otherEvaluationInterval) {
        return new AlignmentConfig(method, otherSteps, promptsPerStep, samplesPerPrompt, acceptCount, rejectCount,
                maxNewTokens, temperature, learningRate, referenceRefreshInterval, otherEvaluationInterval, seed);
    }

    /** Returns a copy with another batch: C prompts per step, up to {@code tokens} new tokens each. */
    public AlignmentConfig withBatch(int prompts, int tokens) {
        return new AlignmentConfig(method, steps, prompts, samplesPerPrompt, acceptCount, rejectCount, tokens,
                temperature, learningRate, referenceRefreshInterval, evaluationInterval, seed);
    }

    /** Returns a copy with another learning rate and reference refresh interval. */
    public AlignmentConfig withOptimisation(double rate, int refreshInterval) {
        return new AlignmentConfig(method, steps, promptsPerStep, samplesPerPrompt, acceptCount, rejectCount,
                maxNewTokens, temperature, rate, refreshInterval, evaluationInterval, seed);
    }

    private static void requireSupported(Method method) {
        if (method instanceof Method.Pmpo pmpo) {
            if (!pmpo.divergence().equals(Method.Defaults.DIVERGENCE)) {
                throw new IllegalArgumentException("PMPO divergence must be " + Method.Defaults.DIVERGENCE
                        + " for a language model, got " + pmpo.divergence() + "; only the exact per-token"
                        + " KL(pi_ref || pi_theta) is implemented for sequences");
            }
            return;
        }
        if (method instanceof Method.Dpo || method instanceof Method.Kto) {
            return;
        }
        throw new IllegalArgumentException("method " + method.label() + " is not supported for language-model"
                + " alignment; use PMPO (pmpo-ar, pmpo-a, pmpo-r), DPO or KTO");
    }

    private static void requireFeedbackFor(Method method, int acceptCount, int rejectCount) {
        boolean needsAccepted = method instanceof Method.Dpo
                || method instanceof Method.Pmpo pmpo && pmpo.alpha() > 0;
        boolean needsRejected = method instanceof Method.Dpo
                || method instanceof Method.Pmpo pmpo && pmpo.alpha() < 1;
        if (needsAccepted && acceptCount < 1) {
            throw new IllegalArgumentException(method.label() + " needs accepted completions, but acceptCount is "
                    + acceptCount + "; set acceptCount >= 1");
        }
        if (needsRejected && rejectCount < 1) {
            throw new IllegalArgumentException(method.label() + " needs rejected completions, but rejectCount is "
                    + rejectCount + "; set rejectCount >= 1");
        }
        if (acceptCount == 0 && rejectCount == 0) {
            throw new IllegalArgumentException("acceptCount and rejectCount are both 0, so no completion gets a"
                    + " label; set at least one of them to a positive count");
        }
    }

    private static void requireAtLeast(String name, int value, int minimum, String fix) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be >= " + minimum + ", got " + value + "; " + fix);
        }
    }
}

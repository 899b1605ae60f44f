package org.pmpo4j.experiment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.pmpo4j.divergence.Divergence;
import org.pmpo4j.divergence.Divergences;
import org.pmpo4j.objective.Dpo;
import org.pmpo4j.objective.Ipo;
import org.pmpo4j.objective.Kto;
import org.pmpo4j.objective.Mpo;
import org.pmpo4j.objective.ObjectiveResult;
import org.pmpo4j.objective.Pmpo;
import org.pmpo4j.feedback.Pairing;
import org.pmpo4j.policy.GaussianPolicy;

import java.util.SplittableRandom;

/** Computes one method's loss on a bandit batch; the bridge between a {@link Method} record and its objective. */
abstract class MethodStep {

    /** Adam learning rate of MPO's dual variables (temperature and trust-region multipliers). */
    static final double DUAL_LEARNING_RATE = 0.01;

    /** Loss on {@code batch} for the current policy, differentiable in the policy's (and dual) parameters. */
    abstract ObjectiveResult loss(GaussianPolicy reference, GaussianPolicy policy, BanditExperiment.Batch batch);

    /** Learned parameters of the method itself (MPO's duals); empty for the others. */
    NDList dualParameters() {
        return new NDList();
    }

    static MethodStep create(Method method, NDManager manager, SplittableRandom random) {
        if (method instanceof Method.Pmpo settings) {
            return new PmpoStep(new Pmpo(settings.alpha(), settings.beta()), Divergences.byName(settings.divergence()));
        } else if (method instanceof Method.Dpo settings) {
            Dpo dpo = new Dpo(settings.beta());
            return new PairedStep((policyChosen, referenceChosen, policyRejected, referenceRejected) ->
                    dpo.loss(policyChosen, referenceChosen, policyRejected, referenceRejected));
        } else if (method instanceof Method.Ipo settings) {
            Ipo ipo = new Ipo(settings.tau());
            return new PairedStep((policyChosen, referenceChosen, policyRejected, referenceRejected) ->
                    ipo.loss(policyChosen, referenceChosen, policyRejected, referenceRejected));
        } else if (method instanceof Method.Kto settings) {
            return new KtoStep(new Kto(settings.beta(), 1.0, 1.0), random);
        } else if (method instanceof Method.Mpo settings) {
            return new MpoStep(new Mpo(manager, settings.config()));
        }
        throw new IllegalArgumentException("no bandit step for method " + method);
    }

    /** PMPO on D_a and D_r with a configurable divergence to π_ref. */
    private static final class PmpoStep extends MethodStep {
        private final Pmpo pmpo;
        private final Divergence divergence;

        PmpoStep(Pmpo pmpo, Divergence divergence) {
            this.pmpo = pmpo;
            this.divergence = divergence;
        }

        @Override
        ObjectiveResult loss(GaussianPolicy reference, GaussianPolicy policy, BanditExperiment.Batch batch) {
            NDArray acceptedLogProbs = policy.logProb(batch.accepted);   // (k_a)
            NDArray rejectedLogProbs = policy.logProb(batch.rejected);   // (k_r)
            NDArray regulariser = divergence.gaussian(reference, policy);  // ()
            return pmpo.loss(acceptedLogProbs, rejectedLogProbs, regulariser);
        }
    }

    /** A loss on (chosen, rejected) pairs of log-probabilities under π_θ and π_ref. */
    @FunctionalInterface
    interface PairLoss {
        ObjectiveResult apply(NDArray policyChosen, NDArray referenceChosen, NDArray policyRejected,
                NDArray referenceRejected);
    }

    /** DPO or IPO on pairs that match the i-th best accepted sample with the i-th worst rejected one. */
    private static final class PairedStep extends MethodStep {
        private final PairLoss pairLoss;

        PairedStep(PairLoss pairLoss) {
            this.pairLoss = pairLoss;
        }

        @Override
        ObjectiveResult loss(GaussianPolicy reference, GaussianPolicy policy, BanditExperiment.Batch batch) {
            int[][] pairs = Pairing.pairs(batch.feedback, batch.scores);  // (P, 2)
            int[] chosenIndices = new int[pairs.length];
            int[] rejectedIndices = new int[pairs.length];
            for (int i = 0; i < pairs.length; i++) {
                chosenIndices[i] = pairs[i][0];
                rejectedIndices[i] = pairs[i][1];
            }
            NDArray chosen = batch.rows(chosenIndices);      // (P, D)
            NDArray rejected = batch.rows(rejectedIndices);  // (P, D)
            return pairLoss.apply(policy.logProb(chosen), reference.logProb(chosen),
                    policy.logProb(rejected), reference.logProb(rejected));
        }
    }

    /**
     * KTO with D_a desirable and D_r undesirable. A bandit has no other prompts to mismatch with, so the reference
     * point's samples are drawn afresh from the current π_θ; their mean log-ratio estimates KL(π_θ ‖ π_ref).
     */
    private static final class KtoStep extends MethodStep {
        private final Kto kto;
        private final SplittableRandom random;

        KtoStep(Kto kto, SplittableRandom random) {
            this.kto = kto;
            this.random = random;
        }

        @Override
        ObjectiveResult loss(GaussianPolicy reference, GaussianPolicy policy, BanditExperiment.Batch batch) {
            NDArray mismatched = batch.all.getManager()
                    .create(policy.sample(batch.samples.length, random));  // (N, D)
            return kto.loss(policy.logProb(batch.accepted), reference.logProb(batch.accepted),
                    policy.logProb(batch.rejected), reference.logProb(batch.rejected),
                    policy.logProb(mismatched), reference.logProb(mismatched));
        }
    }

    /** MPO: E-step weights over all N samples and the decoupled M-step, with learned duals. */
    private static final class MpoStep extends MethodStep {
        private final Mpo mpo;

        MpoStep(Mpo mpo) {
            this.mpo = mpo;
        }

        @Override
        ObjectiveResult loss(GaussianPolicy reference, GaussianPolicy policy, BanditExperiment.Batch batch) {
            return mpo.loss(reference, policy, batch.all, batch.scores);
        }

        @Override
        NDList dualParameters() {
            return mpo.dualParameters();
        }
    }
}

package org.pmpo4j.lm;

import org.pmpo4j.text.BpeTokenizer;

/**
 * Text to token ids and back, with the special ids that {@link Alignment} and {@link FeedbackTraining} need: each
 * prompt starts with the beginning-of-sequence id, and a completion ends at the end-of-sequence id.
 */
public interface TextTokenizer {

    /** Encodes {@code text} without special tokens. */
    int[] encode(String text);

    /** Decodes ids to text; special ids decode to nothing. */
    String decode(int[] ids);

    /** Returns the beginning-of-sequence id, which starts every prompt. */
    int bosId();

    /** Returns the end-of-sequence id, which ends a completion. */
    int eosId();

    /** Returns the id that pads rows of a batch on the right. */
    int paddingId();

    /** Returns a view of the GPT-2 BPE tokenizer of {@code org.pmpo4j.text}; the caller still closes it. */
    static TextTokenizer of(BpeTokenizer tokenizer) {
        return new TextTokenizer() {
            @Override
            public int[] encode(String text) {
                return tokenizer.encode(text);
            }

            @Override
            public String decode(int[] ids) {
                return tokenizer.decode(ids);
            }

            @Override
            public int bosId() {
                return BpeTokenizer.BOS_ID;
            }

            @Override
            public int eosId() {
                return BpeTokenizer.EOS_ID;
            }

            @Override
            public int paddingId() {
                return BpeTokenizer.PAD_ID;
            }
        };
    }
}

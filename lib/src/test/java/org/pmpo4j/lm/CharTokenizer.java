package org.pmpo4j.lm;

/**
 * A character tokenizer over a small alphabet for alignment tests: id 0 pads, 1 begins a sequence, 2 ends one, and
 * ids from 3 on are the alphabet's characters in order. Characters outside the alphabet are dropped.
 */
final class CharTokenizer implements TextTokenizer {

    static final String ALPHABET = "abcdefgh ";

    /** Returns the vocabulary size: 3 special ids plus the alphabet. */
    static int vocabularySize() {
        return 3 + ALPHABET.length();
    }

    @Override
    public int[] encode(String text) {
        return text.chars().filter(ch -> ALPHABET.indexOf(ch) >= 0).map(ch -> 3 + ALPHABET.indexOf(ch)).toArray();
    }

    @Override
    public String decode(int[] ids) {
        StringBuilder text = new StringBuilder();
        for (int id : ids) {
            if (id >= 3) {
                text.append(ALPHABET.charAt(id - 3));
            }
        }
        return text.toString();
    }

    @Override
    public int bosId() {
        return 1;
    }

    @Override
    public int eosId() {
        return 2;
    }

    @Override
    public int paddingId() {
        return 0;
    }
}

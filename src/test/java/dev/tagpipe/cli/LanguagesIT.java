package dev.tagpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tagpipe.TestData;
import dev.tagpipe.tagger.TagSentences;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.tagger.maxent.MaxentTagger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A JSON Lines corpus of English, French, German and Italian documents (two held-out PUD sentences
 * each, src/test/resources/lid-pud) routed with {@code --model=en:english,fr:FILE,de:FILE}, on the
 * DirectRunner and embedded Flink: every document gets its language, its tokens are CoreNLP's
 * tokenizer's for that language, its tags single-thread MaxentTagger's with that language's model,
 * every record names its language and model, and every Italian document is rejected naming it.
 */
class LanguagesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path MODELS =
      Path.of(
          System.getProperty("tagpipe.testModels", "target/test-models/edu/stanford/nlp/models"),
          "pos-tagger");
  private static final Map<String, MaxentTagger> TAGGERS = new HashMap<>();

  /**
   * The DirectRunner's per-element checks encode every element again, the side input of all the
   * models too (German's is 68.6 MB, cloned with each check): off here, as in production runs;
   * other tests keep them on for the DoFns.
   */
  private static final String[] NO_CLONING = {
    "--enforceImmutability=false", "--enforceEncodability=false"
  };

  private static CliRun.RunResult routed(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(NO_CLONING));
    return CliRun.runJob(all.toArray(String[]::new));
  }

  @TempDir Path dir;

  private static synchronized MaxentTagger tagger(String language) {
    return TAGGERS.computeIfAbsent(
        language,
        l ->
            new MaxentTagger(
                l.equals("en")
                    ? TestData.MODEL_RESOURCE
                    : MODELS
                        .resolve((l.equals("fr") ? "french" : "german") + "-ud.tagger")
                        .toString()));
  }

  /** 25 documents per language, each two consecutive sentences. */
  private static Map<String, String> writeCorpus(Path file) throws IOException {
    Map<String, String> truth = new HashMap<>();
    List<String> lines = new ArrayList<>();
    for (String language : new String[] {"en", "fr", "de", "it"}) {
      List<String> sentences =
          Files.readAllLines(Path.of("src/test/resources/lid-pud", language + ".txt"));
      for (int d = 0; d < 25; d++) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", language + "-" + d);
        o.put("text", sentences.get(100 + 2 * d) + " " + sentences.get(101 + 2 * d));
        lines.add(JSON.writeValueAsString(o));
        truth.put(language + "-" + d, language);
      }
    }
    java.util.Collections.shuffle(lines, new java.util.Random(7));
    Files.write(file, lines);
    return truth;
  }

  @ParameterizedTest
  @ValueSource(strings = {"direct", "flink"})
  void everyDocumentIsTaggedByItsLanguagesModelAndItalianIsRejected(String runner)
      throws IOException {
    Path input = dir.resolve("mixed.jsonl");
    Map<String, String> truth = writeCorpus(input);
    Path prefix = dir.resolve("out/mixed");
    List<String> args =
        new ArrayList<>(
            List.of(
                "--input=" + input,
                "--inputFormat=jsonl",
                "--outputFormat=documents",
                "--output=" + prefix,
                "--model=en:english,fr:"
                    + MODELS.resolve("french-ud.tagger")
                    + ",de:"
                    + MODELS.resolve("german-ud.tagger")));
    if (runner.equals("flink")) {
      args.add("--runner=FlinkRunner");
      args.add("--parallelism=2");
    }
    CliRun.RunResult r = routed(args.toArray(String[]::new));
    assertEquals(0, r.code, r.err);

    Map<String, String> shaByLanguage = new HashMap<>();
    int documents = 0;
    for (String line : TestData.readShards(prefix.getParent(), "mixed-0", ".jsonl")) {
      JsonNode o = JSON.readTree(line);
      String id = o.get("id").asText();
      String language = truth.get(id);
      JsonNode tagpipe = o.get("tagpipe");
      assertEquals(language, tagpipe.get("lang").asText(), id);
      String sha = tagpipe.get("model").asText();
      assertEquals(
          sha, shaByLanguage.computeIfAbsent(language, l -> sha), "one model per language");
      List<List<String>> expected =
          dev.tagpipe.EwtDocuments.referenceSentences(o.get("text").asText(), language);
      JsonNode list = tagpipe.get("sentences");
      assertEquals(expected.size(), list.size(), id);
      for (int i = 0; i < expected.size(); i++) {
        List<String> tokens = strings(list.get(i).get("tokens"));
        assertEquals(expected.get(i), tokens, id);
        List<String> reference;
        synchronized (LanguagesIT.class) {
          reference = TagSentences.tag(tagger(language), tokens);
        }
        assertEquals(reference, strings(list.get(i).get("tags")), id);
      }
      documents++;
    }
    assertEquals(75, documents, "every English, French and German document");
    assertEquals(3, Set.copyOf(shaByLanguage.values()).size(), shaByLanguage.toString());

    int italian = 0;
    for (String line : TestData.readShards(prefix.getParent(), "mixed-rejected", ".jsonl")) {
      JsonNode o = JSON.readTree(line);
      assertTrue(o.get("id").asText().startsWith("it-"), line);
      assertTrue(o.get("reason").asText().startsWith("detected it ("), line);
      assertTrue(o.get("reason").asText().contains("add it:NAME to --model"), line);
      italian++;
    }
    assertEquals(25, italian, "every Italian document rejected");
    JsonNode summary = CliRun.summary(prefix);
    assertTrue(summary.get("reconciled").asBoolean(), summary.toString());
    assertEquals(25, summary.get("languages").get("fr").get("documents").asLong());
    assertEquals(25, summary.get("languages").get("de").get("documents").asLong());
  }

  @Test
  void autoRoutesToEveryInstalledModelAndNamesTheFetchForOthers() throws IOException {
    Path models = dir.resolve("models");
    assertEquals(
        0,
        dev.tagpipe.models.ModelsCommand.run(
            new String[] {"fetch", "french", "german", "--modelsDir=" + models},
            System.out,
            System.err,
            false));
    Path input = dir.resolve("mixed.jsonl");
    Map<String, String> truth = writeCorpus(input);
    Path prefix = dir.resolve("out/auto");
    String before = System.setProperty(dev.tagpipe.models.ModelsFolder.PROPERTY, models.toString());
    CliRun.RunResult r;
    try {
      r =
          routed(
              "--input=" + input,
              "--inputFormat=jsonl",
              "--outputFormat=jsonl",
              "--output=" + prefix,
              "--model=auto");
    } finally {
      if (before == null) {
        System.clearProperty(dev.tagpipe.models.ModelsFolder.PROPERTY);
      } else {
        System.setProperty(dev.tagpipe.models.ModelsFolder.PROPERTY, before);
      }
    }
    assertEquals(0, r.code, r.err);
    int sentences = 0;
    for (String line : TestData.readShards(prefix.getParent(), "auto-0", ".jsonl")) {
      JsonNode o = JSON.readTree(line);
      String language = truth.get(o.get("doc").asText());
      assertEquals(language, o.get("lang").asText(), line);
      List<String> tokens = strings(o.get("tokens"));
      List<String> reference;
      synchronized (LanguagesIT.class) {
        reference = TagSentences.tag(tagger(language), tokens);
      }
      assertEquals(reference, strings(o.get("tags")), line);
      sentences++;
    }
    assertTrue(sentences >= 150, "sentences: " + sentences);
    int italian = 0;
    for (String line : TestData.readShards(prefix.getParent(), "auto-rejected", ".jsonl")) {
      assertTrue(line.contains("pipelines/models fetch italian"), line);
      italian++;
    }
    assertEquals(25, italian);
  }

  /**
   * CoNLL-U documents ({@code # newdoc}) of the held-out French and German treebanks and EWT,
   * interleaved, and text paragraphs of PUD: each routed as a whole, tagged by its language's
   * model.
   */
  @Test
  void conlluDocumentsAndTextParagraphsAreRoutedToo() throws IOException {
    StringBuilder conllu = new StringBuilder();
    Map<String, String> languageOfSentence = new HashMap<>();
    List<List<String>> treebanks =
        List.of(
            blocks(Path.of("src/test/resources/ud-french-gsd/fr_gsd-ud-test.conllu")),
            blocks(Path.of("src/test/resources/ud-german-gsd/de_gsd-ud-test.conllu")),
            List.of(TestData.ewtBlocks(0, 40).split("\n\n")));
    String[] languages = {"fr", "de", "en"};
    for (int d = 0; d < 10; d++) {
      for (int t = 0; t < 3; t++) {
        conllu.append("# newdoc id = ").append(languages[t]).append(d).append('\n');
        for (int k = 0; k < 4; k++) {
          String block = treebanks.get(t).get(4 * d + k).strip();
          String id = languages[t] + d + "-" + k;
          block = block.replaceAll("(?m)^# (newdoc|sent_id).*\n", "");
          conllu.append("# sent_id = ").append(id).append('\n').append(block).append("\n\n");
          languageOfSentence.put(id, languages[t]);
        }
      }
    }
    Path input = Files.writeString(dir.resolve("mixed.conllu"), conllu);
    Path prefix = dir.resolve("out/conllu");
    CliRun.RunResult r =
        routed(
            "--input=" + input,
            "--inputFormat=conllu",
            "--outputFormat=jsonl",
            "--output=" + prefix,
            "--model=en:english,fr:"
                + MODELS.resolve("french-ud.tagger")
                + ",de:"
                + MODELS.resolve("german-ud.tagger"));
    assertEquals(0, r.code, r.err);
    int n = 0;
    for (String line : TestData.readShards(prefix.getParent(), "conllu-0", ".jsonl")) {
      JsonNode o = JSON.readTree(line);
      String language = languageOfSentence.get(o.get("id").asText());
      assertEquals(language, o.get("lang").asText(), line);
      List<String> reference;
      synchronized (LanguagesIT.class) {
        reference = TagSentences.tag(tagger(language), strings(o.get("tokens")));
      }
      assertEquals(reference, strings(o.get("tags")), line);
      n++;
    }
    assertEquals(
        120,
        n,
        "every sentence of every document; rejected: "
            + TestData.readShards(prefix.getParent(), "conllu-rejected", ".jsonl"));

    StringBuilder text = new StringBuilder();
    for (String language : new String[] {"en", "fr", "de"}) {
      List<String> s = Files.readAllLines(Path.of("src/test/resources/lid-pud", language + ".txt"));
      for (int p = 0; p < 10; p++) {
        text.append(s.get(300 + 2 * p)).append(' ').append(s.get(301 + 2 * p)).append("\n\n");
      }
    }
    Path textInput = Files.writeString(dir.resolve("mixed.txt"), text);
    Path textPrefix = dir.resolve("out/text");
    r =
        routed(
            "--input=" + textInput,
            "--inputFormat=text",
            "--outputFormat=jsonl",
            "--output=" + textPrefix,
            "--model=en:english,fr:"
                + MODELS.resolve("french-ud.tagger")
                + ",de:"
                + MODELS.resolve("german-ud.tagger"));
    assertEquals(0, r.code, r.err);
    Map<String, Integer> perLanguage = new HashMap<>();
    for (String line : TestData.readShards(textPrefix.getParent(), "text-0", ".jsonl")) {
      JsonNode o = JSON.readTree(line);
      long paragraphLine = Long.parseLong(o.get("id").asText().split(":")[1]);
      String language = new String[] {"en", "fr", "de"}[(int) ((paragraphLine - 1) / 2 / 10)];
      assertEquals(language, o.get("lang").asText(), line);
      perLanguage.merge(language, 1, Integer::sum);
    }
    assertEquals(Set.of("en", "fr", "de"), perLanguage.keySet());
  }

  private static List<String> blocks(Path conllu) throws IOException {
    return List.of(Files.readString(conllu).split("\n\n"));
  }

  @Test
  void englishLemmasAreCoreNlpsLemmaAnnotators() throws IOException {
    Path input = dir.resolve("en.txt");
    List<String> sentences = Files.readAllLines(Path.of("src/test/resources/lid-pud/en.txt"));
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      text.append(sentences.get(i)).append(i % 3 == 2 ? "\n\n" : " ");
    }
    Files.writeString(input, text);
    Path prefix = dir.resolve("out/lemmas");
    CliRun.RunResult r =
        CliRun.runJob(
            "--input=" + input,
            "--inputFormat=text",
            "--outputFormat=jsonl",
            "--lemmas",
            "--output=" + prefix);
    assertEquals(0, r.code, r.err);
    Properties props = new Properties();
    props.setProperty("annotators", "tokenize,ssplit,pos,lemma");
    props.setProperty("ssplit.newlineIsSentenceBreak", "two");
    props.setProperty("pos.model", TestData.MODEL_RESOURCE);
    Annotation doc = new Annotation(text.toString());
    new StanfordCoreNLP(props).annotate(doc);
    StanfordCoreNLP.clearAnnotatorPool(); // its tagger would stay on the heap for the next tests
    Map<String, List<String>> expected = new HashMap<>();
    for (var s : doc.get(CoreAnnotations.SentencesAnnotation.class)) {
      List<String> tokens = new ArrayList<>();
      List<String> lemmas = new ArrayList<>();
      for (CoreLabel t : s.get(CoreAnnotations.TokensAnnotation.class)) {
        tokens.add(t.word());
        lemmas.add(t.lemma());
      }
      expected.put(String.join(" ", tokens), lemmas);
    }
    int checked = 0;
    for (String line : TestData.readShards(prefix.getParent(), "lemmas-0", ".jsonl")) {
      JsonNode o = JSON.readTree(line);
      String key = String.join(" ", strings(o.get("tokens")));
      assertEquals(expected.get(key), strings(o.get("lemmas")), key);
      checked++;
    }
    assertEquals(expected.size(), checked);
  }

  @Test
  void lemmasWithAModelWithoutPennTreebankTagsAreRefusedBeforeReading() throws IOException {
    Path input = Files.writeString(dir.resolve("fr.txt"), "Le chat dort.\n");
    CliRun.RunResult r =
        CliRun.runJob(
            "--input=" + input,
            "--inputFormat=text",
            "--model=" + MODELS.resolve("french-ud.tagger"),
            "--lemmas",
            "--output=" + dir.resolve("x"));
    assertEquals(2, r.code, r.err);
    assertTrue(r.err.contains("--lemmas needs Penn Treebank tags"), r.err);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}

package dev.tagpipe.tagger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tagpipe.TestData;
import dev.tagpipe.eval.Train;
import dev.tagpipe.model.TaggerModel;
import dev.tagpipe.tagger.kernel.KernelIdentityTest;
import dev.tagpipe.tagger.kernel.KernelTagger;
import dev.tagpipe.tagger.kernel.UnsupportedModelException;
import edu.stanford.nlp.tagger.maxent.MaxentTagger;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing what tags: the kernel where it can tag exactly as MaxentTagger, else MaxentTagger. */
class SentenceTaggerTest {
  @TempDir Path dir;

  @Test
  void theBundledModelIsTaggedByTheKernelCompiledOncePerLoadedModel() {
    MaxentTagger tagger = TestData.referenceTagger();
    SentenceTagger kernel = SentenceTagger.of(tagger, TaggerImplementation.kernel, "bundled");
    assertEquals(TaggerImplementation.kernel, kernel.implementation());
    byte[] bytes = TestData.modelBytes();
    TaggerModel model = new TaggerModel("bundled", ModelBytes.sha256(bytes), bytes);
    SentenceTagger cached = TaggerCache.shared().sentenceTagger(model, TaggerImplementation.kernel);
    assertSame(cached, TaggerCache.shared().sentenceTagger(model, TaggerImplementation.kernel));
    SentenceTagger corenlp = SentenceTagger.of(tagger, TaggerImplementation.corenlp, "bundled");
    assertEquals(TaggerImplementation.corenlp, corenlp.implementation());
    List<String> tokens = List.of("Time", "flies", "like", "an", "arrow", ".");
    assertEquals(corenlp.tag(tokens), kernel.tag(tokens));
    assertEquals(List.of(), kernel.tag(List.of()));
  }

  /**
   * A model whose sentence-start features read the previous tag but that has no tag context ({@code
   * words(-1,1)} without {@code order}): MaxentTagger then reads a tag its search left behind,
   * which the kernel does not imitate. It refuses the model, and MaxentTagger tags it.
   */
  @Test
  void aModelTheKernelCannotTagExactlyIsTaggedByMaxentTagger() throws Exception {
    Path train = Files.writeString(dir.resolve("train.conllu"), TestData.ewtBlocks(0, 120));
    Path model = dir.resolve("no-context.tagger");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Train.run(
            new String[] {
              "--input=" + train,
              "--model=" + model,
              "--iterations=2",
              "--arch=words(-1,1),naacl2003unknowns"
            },
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    MaxentTagger tagger = SafeModelLoader.load(model.toString(), Files.readAllBytes(model));

    UnsupportedModelException refused =
        assertThrows(UnsupportedModelException.class, () -> KernelTagger.compile(tagger));
    assertTrue(refused.getMessage().contains("without left context"), refused.getMessage());
    SentenceTagger chosen = SentenceTagger.of(tagger, TaggerImplementation.kernel, "no-context");
    assertEquals(TaggerImplementation.corenlp, chosen.implementation());
    List<List<String>> sentences =
        KernelIdentityTest.read(TestData.PROJECT.resolve("pipelines/sample/en_ewt-ud-test.conllu"))
            .subList(0, 50);
    for (List<String> s : sentences) {
      assertEquals(TagSentences.tag(tagger, s), chosen.tag(s), s.toString());
    }
  }
}

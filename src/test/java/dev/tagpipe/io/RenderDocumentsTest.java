package dev.tagpipe.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tagpipe.model.Coders;
import dev.tagpipe.model.Document;
import dev.tagpipe.model.DocumentSpan;
import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.Sentence;
import dev.tagpipe.model.TaggedDocument;
import dev.tagpipe.model.TaggedSentence;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tagged documents rendered: the record's bytes kept with {@code tagpipe} added (or replaced, if it
 * was tagged before), rejections listed, CoNLL-U with {@code # newdoc id} and {@code # text}.
 */
@ExtendWith(TestPipelineExtension.class)
class RenderDocumentsTest {
  private static final String MODEL = "0123456789ab" + "c".repeat(52);

  private static TaggedDocument document(String json) {
    Sentence first =
        Sentence.inDocument(
            List.of("Hi", "\uD83D\uDE00", "there", "."),
            new DocumentSpan("d", "f:1", 1, new int[] {0, 2, 3, 4, 5, 10, 10, 11}));
    Sentence second =
        Sentence.inDocument(
            List.of("Bye", "now", "."),
            new DocumentSpan("d", "f:1", 2, new int[] {12, 15, 16, 19, 19, 20}));
    Rejection third = new Rejection("d:3", "too long", "x").inDocument("f:1");
    return new TaggedDocument(
        new Document("f:1", "d", json, List.of(first, second), List.of(third)),
        List.of(
            new TaggedSentence(first, List.of("UH", "NFP", "RB", "."), MODEL),
            new TaggedSentence(second, List.of("UH", "RB", "."), MODEL)),
        List.of(third));
  }

  private static PCollection<String> render(
      TestPipeline pipeline, OutputFormat format, TaggedDocument... docs) {
    return pipeline
        .apply(Create.of(List.of(docs)).withCoder(Coders.TaggedDocumentCoder.of()))
        .apply(RenderDocuments.as(format));
  }

  @Test
  void aRecordKeepsItsBytesAndGetsItsSentences(TestPipeline pipeline) {
    String record =
        "{\"id\":\"d\",  \"n\": 1.50, \"text\": \"Hi \\ud83d\\ude00 there.\\nBye now.\"} ";
    String replaced = "{\"tagpipe\": {\"old\": true}, \"id\": \"d\", \"n\": 1.50, \"text\": \"x\"}";
    PCollection<String> out =
        render(pipeline, OutputFormat.documents, document(record), document(replaced));
    PAssert.that(out)
        .satisfies(
            lines -> {
              ObjectMapper json = new ObjectMapper();
              int seen = 0;
              for (String line : lines) {
                try {
                  JsonNode o = json.readTree(line);
                  JsonNode t = o.get("tagpipe");
                  assertEquals(2, t.get("sentences").size(), line);
                  assertEquals(
                      "[[0,2],[3,4],[5,10],[10,11]]",
                      t.get("sentences").get(0).get("offsets").toString());
                  assertEquals("012345678", t.get("model").asText().substring(0, 9));
                  assertEquals(1, t.get("rejected").get("count").asInt());
                  assertEquals("d:3", t.get("rejected").get("reasons").get(0).get("id").asText());
                  if (line.startsWith("{\"id\":\"d\",  \"n\": 1.50,")) {
                    assertTrue(
                        line.startsWith(
                            record.strip().substring(0, record.strip().length() - 1)
                                + ",\"tagpipe\":{"),
                        line);
                    seen++;
                  } else {
                    assertTrue(
                        line.startsWith("{\"tagpipe\":{\"sentences\""),
                        "replaced in place: " + line);
                    assertTrue(line.contains("\"n\":1.50"), "the number exactly: " + line);
                    assertTrue(!line.contains("old"), line);
                    seen++;
                  }
                } catch (java.io.IOException e) {
                  throw new AssertionError(e);
                }
              }
              assertEquals(2, seen);
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void coNLLUGivesTheDocumentItsNewdocAndEachSentenceItsText(TestPipeline pipeline) {
    String record = "{\"id\": \"d\", \"text\": \"Hi \\ud83d\\ude00 there.\\nBye now.\"}";
    PAssert.that(render(pipeline, OutputFormat.conllu, document(record)))
        .containsInAnyOrder(
            "# newdoc id = d\n"
                + "# sent_id = d:1\n# text = Hi \uD83D\uDE00 there.\n# model_sha256 = 0123456789ab\n"
                + "1\tHi\t_\t_\tUH\t_\t_\t_\t_\t_\n2\t\uD83D\uDE00\t_\t_\tNFP\t_\t_\t_\t_\t_\n"
                + "3\tthere\t_\t_\tRB\t_\t_\t_\t_\t_\n4\t.\t_\t_\t.\t_\t_\t_\t_\t_\n"
                + "\n"
                + "# sent_id = d:2\n# text = Bye now.\n# model_sha256 = 0123456789ab\n"
                + "1\tBye\t_\t_\tUH\t_\t_\t_\t_\t_\n2\tnow\t_\t_\tRB\t_\t_\t_\t_\t_\n"
                + "3\t.\t_\t_\t.\t_\t_\t_\t_\t_\n");
    pipeline.run().waitUntilFinish();
  }
}

package dev.tagpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tagpipe.TestData;
import java.beans.Introspector;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** deploy/dataflow/metadata.json describes every pipeline option, with a working regex. */
class FlexTemplateMetadataTest {
  private static JsonNode metadata() throws IOException {
    return new ObjectMapper()
        .readTree(TestData.PROJECT.resolve("deploy/dataflow/metadata.json").toFile());
  }

  @Test
  void everyOptionHasAParameterWithHelpAndAValidRegex() throws IOException {
    Map<String, JsonNode> params = new HashMap<>();
    metadata().get("parameters").forEach(p -> params.put(p.get("name").asText(), p));
    Set<String> options = new TreeSet<>();
    for (Method m : TagPipelineOptions.class.getDeclaredMethods()) {
      // A hidden option is the launcher's own (the copy of a streamed input), not a parameter.
      if (m.getName().startsWith("get")
          && !m.isAnnotationPresent(org.apache.beam.sdk.options.Hidden.class)) {
        options.add(Introspector.decapitalize(m.getName().substring(3)));
      }
    }
    assertEquals(options, params.keySet(), "one parameter per option of TagPipelineOptions");
    for (JsonNode p : params.values()) {
      assertFalse(p.path("helpText").asText().isBlank(), p.toString());
      assertFalse(p.path("label").asText().isBlank(), p.toString());
      assertNotNull(p.get("regexes"), p.toString());
      p.get("regexes").forEach(r -> Pattern.compile(r.asText()));
    }
  }

  private static boolean accepts(String name, String value) throws IOException {
    for (JsonNode p : metadata().get("parameters")) {
      if (p.get("name").asText().equals(name)) {
        return Pattern.compile(p.get("regexes").get(0).asText()).matcher(value).matches();
      }
    }
    throw new AssertionError("no parameter " + name);
  }

  @Test
  void regexesAcceptGoodValuesAndRefuseBadOnes() throws IOException {
    assertTrue(accepts("input", "gs://bucket/corpus/*.txt.gz"));
    assertFalse(accepts("input", "/local/path.txt"));
    assertTrue(accepts("inputFormat", "conllu"));
    assertFalse(accepts("inputFormat", "xml"));
    assertTrue(accepts("output", "gs://bucket/tagged/corpus"));
    assertFalse(accepts("output", "gs://bucket/tagged/"));
    assertTrue(accepts("model", "english-left3words-distsim.tagger"));
    assertTrue(accepts("model", "gs://b/models/x.tagger"));
    assertTrue(accepts("modelSha256", "a".repeat(64)));
    assertFalse(accepts("modelSha256", "abc"));
    assertFalse(accepts("maxSentenceTokens", "0"));
  }
}

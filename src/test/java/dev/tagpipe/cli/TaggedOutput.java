package dev.tagpipe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tagpipe.TestData;
import dev.tagpipe.io.OutputFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads back what the pipeline wrote, in any output format, parsed independently here. */
final class TaggedOutput {
  final Map<String, List<String>> tokens = new LinkedHashMap<>();
  final Map<String, List<String>> tags = new LinkedHashMap<>();

  /** For CoNLL-U output: the block of each sentence, as written. */
  final Map<String, List<String>> blocks = new LinkedHashMap<>();

  /** The model each sentence names (the first 12 hex digits of its SHA-256). */
  final Map<String, String> models = new LinkedHashMap<>();

  int records;

  static TaggedOutput read(Path dir, String prefix, OutputFormat format) throws IOException {
    List<String> lines = TestData.readShards(dir, prefix + "-0", format.suffix());
    TaggedOutput out = new TaggedOutput();
    ObjectMapper json = new ObjectMapper();
    switch (format) {
      case jsonl:
        for (String line : lines) {
          JsonNode o = json.readTree(line);
          List<String> tok = new ArrayList<>();
          o.get("tokens").forEach(n -> tok.add(n.asText()));
          List<String> tg = new ArrayList<>();
          o.get("tags").forEach(n -> tg.add(n.asText()));
          out.add(o.get("id").asText(), tok, tg, null, o.get("model").asText());
        }
        break;
      case text:
        for (String line : lines) {
          String[] columns = line.split("\t", -1); // id, word/TAG ..., model
          List<String> tok = new ArrayList<>();
          List<String> tg = new ArrayList<>();
          for (String wt : columns[1].split(" ")) {
            int slash = wt.lastIndexOf('/');
            tok.add(wt.substring(0, slash));
            tg.add(wt.substring(slash + 1));
          }
          out.add(columns[0], tok, tg, null, columns[2]);
        }
        break;
      case conllu:
        String id = null;
        String model = null;
        List<String> tok = new ArrayList<>();
        List<String> tg = new ArrayList<>();
        List<String> block = new ArrayList<>();
        for (String line : lines) {
          if (line.isEmpty()) {
            if (!block.isEmpty()) {
              out.add(id, tok, tg, block, model);
            }
            id = null;
            model = null;
            tok = new ArrayList<>();
            tg = new ArrayList<>();
            block = new ArrayList<>();
            continue;
          }
          if (line.startsWith("# model_sha256 = ")) {
            model = line.substring("# model_sha256 = ".length()); // ours, not the input's
            continue;
          }
          block.add(line);
          if (line.startsWith("# sent_id = ")) {
            id = line.substring("# sent_id = ".length());
          } else if (!line.startsWith("#")) {
            String[] cols = line.split("\t", -1);
            if (cols[0].matches("\\d+")) {
              tok.add(cols[1]);
              tg.add(cols[4]);
            }
          }
        }
        if (!block.isEmpty()) {
          out.add(id, tok, tg, block, model);
        }
        break;
      default:
        throw new IllegalArgumentException();
    }
    return out;
  }

  private void add(String id, List<String> tok, List<String> tg, List<String> block, String model) {
    records++;
    models.put(id, model);
    tokens.put(id, tok);
    tags.put(id, tg);
    if (block != null) {
      blocks.put(id, block);
    }
  }
}

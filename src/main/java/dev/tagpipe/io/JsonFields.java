package dev.tagpipe.io;

import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.List;

/**
 * Which fields of a JSON Lines record ({@link InputFormat#jsonl}) hold the document's text, its id
 * and, for a document given already tokenized, its tokens. Each is a dotted path from the record's
 * top ({@code body.text} is the field {@code text} of the object {@code body}); a field whose own
 * name holds a dot cannot be named.
 *
 * @param textField the text, tokenized and split as a text file's (default {@code text})
 * @param idField the id, a string or an integer (default {@code id}); without one a document is
 *     called {@code <file>:<line>}
 * @param tokensField if not null, the document's sentences, each an array of token strings, used as
 *     they are (the text field is then not read)
 */
public record JsonFields(String textField, String idField, String tokensField)
    implements Serializable {
  /** {@code text} and {@code id}, no tokens field. */
  public static final JsonFields DEFAULT = new JsonFields("text", "id", null);

  public JsonFields {
    checkPath("textField", textField);
    checkPath("idField", idField);
    if (tokensField != null) {
      checkPath("tokensField", tokensField);
    }
  }

  private static void checkPath(String what, String path) {
    checkArgument(path != null, "JsonFields: %s is null", what);
    checkArgument(
        !path.isEmpty() && !path.startsWith(".") && !path.endsWith(".") && !path.contains(".."),
        "JsonFields: %s \"%s\" is not a dotted path of field names, such as text or body.text",
        what,
        path);
  }

  /** With the text in {@code path}. */
  public JsonFields withTextField(String path) {
    return new JsonFields(path, idField, tokensField);
  }

  /** With the id in {@code path}. */
  public JsonFields withIdField(String path) {
    return new JsonFields(textField, path, tokensField);
  }

  /** With the document already tokenized in {@code path}: an array of arrays of strings. */
  public JsonFields withTokensField(String path) {
    return new JsonFields(textField, idField, path);
  }

  /** The value at a dotted path from {@code record}, or null if some step of it is missing. */
  static JsonNode at(JsonNode record, String path) {
    JsonNode node = record;
    for (String name : List.of(path.split("\\.", -1))) {
      if (node == null || !node.isObject()) {
        return null;
      }
      node = node.get(name);
    }
    return node;
  }
}

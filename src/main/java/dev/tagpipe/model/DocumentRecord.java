package dev.tagpipe.model;

import java.util.Objects;

/**
 * One input document as read (JSON Lines): its key and id, and the record's line exactly as it was,
 * so that document output can give back every input field untouched. The line is null where the run
 * does not write documents (only the document is counted).
 *
 * @param key {@code <file>:<line>}, as its sentences' {@link DocumentSpan#documentKey}
 * @param id its id field, else {@code <file>:<line>}
 * @param json the record's line (a JSON object), or null
 */
public record DocumentRecord(String key, String id, String json) {
  public DocumentRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(id, "id");
  }
}

package dev.tagpipe.stream;

import dev.tagpipe.model.Coders;
import dev.tagpipe.model.TaggerModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/**
 * What {@link WatchSource} saw: a file that appeared, a new good version of the model, or a new
 * version of the model that was refused (counted by a DoFn: not every runner reports metrics from
 * inside a source).
 */
final class WatchEvent {
  private final String file; // set for a file event only
  private final TaggerModel model; // set for a model event only
  private final String refusal; // set for a refused model only

  private WatchEvent(String file, TaggerModel model, String refusal) {
    this.file = file;
    this.model = model;
    this.refusal = refusal;
  }

  static WatchEvent file(String file) {
    return new WatchEvent(Objects.requireNonNull(file), null, null);
  }

  static WatchEvent model(TaggerModel model) {
    return new WatchEvent(null, Objects.requireNonNull(model), null);
  }

  static WatchEvent refused(String why) {
    return new WatchEvent(null, null, Objects.requireNonNull(why));
  }

  boolean isFile() {
    return file != null;
  }

  boolean isModel() {
    return model != null;
  }

  /** The file's full path or URI, for a file event. */
  String file() {
    return file;
  }

  /** The model, for a model event. */
  TaggerModel model() {
    return model;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WatchEvent e
        && Objects.equals(file, e.file)
        && Objects.equals(model, e.model)
        && Objects.equals(refusal, e.refusal);
  }

  @Override
  public int hashCode() {
    return Objects.hash(file, model, refusal);
  }

  @Override
  public String toString() {
    return isFile() ? "file " + file : isModel() ? "model " + model : "refused: " + refusal;
  }

  /** Coder: a kind byte, then the path, the model or the reason. */
  static final class Coder extends AtomicCoder<WatchEvent> {
    private static final Coder INSTANCE = new Coder();

    static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(WatchEvent e, OutputStream out) throws IOException {
      out.write(e.isFile() ? 'F' : e.isModel() ? 'M' : 'R');
      if (e.isFile()) {
        StringUtf8Coder.of().encode(e.file, out);
      } else if (e.isModel()) {
        Coders.TaggerModelCoder.of().encode(e.model, out);
      } else {
        StringUtf8Coder.of().encode(e.refusal, out);
      }
    }

    @Override
    public WatchEvent decode(InputStream in) throws IOException {
      int kind = in.read();
      if (kind == 'F') {
        return file(StringUtf8Coder.of().decode(in));
      }
      if (kind == 'M') {
        return model(Coders.TaggerModelCoder.of().decode(in));
      }
      if (kind == 'R') {
        return refused(StringUtf8Coder.of().decode(in));
      }
      throw new org.apache.beam.sdk.coders.CoderException("not a watch event: kind " + kind);
    }

    @Override
    public void verifyDeterministic() {}
  }
}

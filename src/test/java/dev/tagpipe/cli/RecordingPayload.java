package dev.tagpipe.cli;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicBoolean;

/** A stand-in for a deserialization gadget: records whether its readObject ever ran. */
public final class RecordingPayload implements Serializable {
  private static final long serialVersionUID = 1L;
  static final AtomicBoolean RAN = new AtomicBoolean();

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    RAN.set(true);
    in.defaultReadObject();
  }
}

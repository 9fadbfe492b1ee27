package dev.tagpipe.models;

/**
 * A model given by name that is not in the local models folder. Its message is one line that names
 * the one command that installs it. An {@link IllegalArgumentException}: the argument names a model
 * this machine does not have.
 */
public final class ModelNotInstalledException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  ModelNotInstalledException(NamedModel model, String given, ModelsFolder folder) {
    super(
        "model '"
            + given
            + "' is not installed in "
            + folder.root()
            + "; fetch it once with: pipelines/models fetch "
            + model.name()
            + (folder.isDefault() ? "" : " --modelsDir=" + folder.root()));
  }
}

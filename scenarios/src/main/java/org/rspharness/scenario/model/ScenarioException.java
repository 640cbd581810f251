package org.rspharness.scenario.model;

/**
 * A scenario that is well formed field by field but inconsistent as a whole (a template using a
 * capture nobody made, a step naming an unknown device, ...). {@link #path()} names the field in
 * the file's terms, e.g. {@code steps[2].download.activationCode}, so the loader can point at its
 * line.
 */
public final class ScenarioException extends IllegalArgumentException {

  private final String path;

  /** An inconsistency at {@code path}. */
  public ScenarioException(String path, String message) {
    super("field '" + path + "': " + message);
    this.path = path;
  }

  /** The field, as a dotted path with list indexes. */
  public String path() {
    return path;
  }

  /** The message without the field prefix. */
  public String detail() {
    return getMessage().substring(("field '" + path + "': ").length());
  }
}

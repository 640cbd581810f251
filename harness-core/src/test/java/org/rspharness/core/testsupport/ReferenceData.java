package org.rspharness.core.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the shared reference data (SGP.26 certificates, TS.48 profiles, published ASN.1), which the
 * project reads but never commits: the {@code rsp.reference.dir} property when set (Surefire sets
 * it), else the first {@code shared/reference} found walking up from the working directory.
 */
public final class ReferenceData {

  private ReferenceData() {}

  /** The folder, which may not exist: callers that need it use {@link #requireDir()}. */
  public static Path dir() {
    String prop = System.getProperty("rsp.reference.dir");
    if (prop != null && Files.isDirectory(Path.of(prop))) {
      return Path.of(prop);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("reference");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return Path.of("..", "shared", "reference");
  }

  /** The folder, or the calling test is skipped (not failed) when it is absent. */
  public static Path requireDir() {
    Path dir = dir();
    Assumptions.assumeTrue(Files.isDirectory(dir), "reference data absent: " + dir);
    return dir;
  }
}

package org.rspharness.smdp.bpp;

import java.nio.file.Path;

/** Where the shared reference data are: system property rsp.reference.dir, else ../shared. */
final class Reference {

  private Reference() {}

  static Path dir() {
    String p = System.getProperty("rsp.reference.dir");
    if (p != null && !p.isBlank()) {
      return Path.of(p);
    }
    // Tests run in the module directory: the repo root is one up, the reference beside it.
    return Path.of("..", "..", "shared", "reference");
  }
}

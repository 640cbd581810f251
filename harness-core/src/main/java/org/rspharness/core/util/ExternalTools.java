package org.rspharness.core.util;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Programs from outside the project (openssl, pcscd, vpcd) that interoperability tests and CLI
 * diagnostics look for. CI installs them ({@code .ci/run}); elsewhere they may be missing.
 */
public final class ExternalTools {

  private ExternalTools() {}

  /** True when an executable {@code name} is on the PATH (or in /usr/sbin, where pcscd lives). */
  public static boolean onPath(String name) {
    return find(name) != null;
  }

  /** The executable {@code name} on the PATH or in /usr/sbin, or null. */
  public static Path find(String name) {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin";
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    return null;
  }

  /** True on CI ({@code CI=true}), where a missing tool is a failure rather than a skip. */
  public static boolean requiredHere() {
    return "true".equals(System.getenv("CI"));
  }
}

package org.rspharness.core.cli;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.time.DateTimeException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.rspharness.core.transport.http.NetworkFailures;
import org.rspharness.core.transport.http.RspHttpException;
import picocli.CommandLine;

/** Maps whatever a command threw to its exit status, code and one-line message. */
public final class Failures {

  /**
   * How a failure is reported.
   *
   * @param exit one of {@link ExitCodes}
   * @param code 0, an Integer (ES10 result) or a String (SGP.22 code, symbolic name)
   * @param codeName the code's name; empty when none
   * @param message one line for people
   */
  public record Failure(int exit, Object code, String codeName, String message) {}

  private Failures() {}

  /** Classifies {@code thrown} (unwrapping execution wrappers). */
  public static Failure classify(Throwable thrown) {
    Throwable t = unwrap(thrown);
    String m = message(t);
    if (t instanceof Classified c) {
      return new Failure(c.exitCode(), c.code(), c.codeName(), m);
    }
    if (t instanceof CommandLine.ParameterException) {
      return new Failure(ExitCodes.USAGE, "usage", "", m);
    }
    if (t instanceof NoSuchFileException e) {
      return new Failure(
          ExitCodes.USAGE,
          "bad-input",
          "",
          m.equals(e.getFile()) ? "no such file: " + e.getFile() : m);
    }
    if (t instanceof AccessDeniedException e) {
      return new Failure(ExitCodes.USAGE, "bad-input", "", "permission denied: " + e.getFile());
    }
    if (t instanceof FileAlreadyExistsException || t instanceof NotDirectoryException) {
      return new Failure(ExitCodes.USAGE, "bad-input", "", m);
    }
    if (t instanceof IllegalArgumentException
        || t instanceof FileNotFoundException
        || t instanceof DateTimeException) {
      return new Failure(ExitCodes.USAGE, "bad-input", "", m);
    }
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof java.net.BindException) {
        // a busy or forbidden port: the user picks another
        return new Failure(ExitCodes.USAGE, "bad-input", "", m);
      }
    }
    if (t instanceof RspHttpException e) {
      return new Failure(ExitCodes.PEER, networkCode(e), "", m);
    }
    var net = NetworkFailures.diagnose(t, "the server", "the server");
    if (net.isPresent()) {
      return new Failure(ExitCodes.PEER, net.get().code(), "", net.get().line());
    }
    return new Failure(
        ExitCodes.INTERNAL,
        "internal",
        "",
        "internal error: "
            + t.getClass().getName()
            + (t.getMessage() == null ? "" : ": " + firstLine(t.getMessage()))
            + " (a bug: please report it with the command; RSP_HARNESS_DEBUG=1 prints the"
            + " stack trace)");
  }

  /** The symbolic code of a transport failure: dns, connect, tls, timeout or network. */
  public static String networkCode(RspHttpException e) {
    return NetworkFailures.diagnose(e.getCause(), "", "")
        .map(NetworkFailures.Diagnosis::code)
        .orElse(
            switch (e.kind()) {
              case CONNECT_FAILED -> "connect";
              case TLS_FAILED -> "tls";
              case TIMEOUT -> "timeout";
              default -> "network";
            });
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof ExecutionException
            || c instanceof CompletionException
            || c instanceof InvocationTargetException
            || c instanceof CommandLine.ExecutionException
            || (c instanceof UncheckedIOException && c.getCause() != null))
        && c.getCause() != null
        && c.getCause() != c) {
      c = c.getCause();
    }
    return c;
  }

  private static String message(Throwable t) {
    String m = t.getMessage();
    if (m == null || m.isBlank()) {
      return t.getClass().getSimpleName();
    }
    return m.strip();
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}

package org.rspharness.euicc.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.rspharness.core.codec.CodecException;

/**
 * A {@link StateStore} in one JSON file, written crash-safely: the new state goes to a temporary
 * file beside it ({@code NAME.tmp}), is forced to disk, then renamed over the old file atomically
 * (and the directory forced where the platform allows), so a power loss at any point leaves the old
 * or the new state. A stale temporary file is ignored on load.
 *
 * <p>Format: {@code {"version":1,"profiles":[...],"notifications":[...],...}} ({@link EuiccState}
 * field names; byte strings as hex).
 */
public final class FileStateStore implements StateStore {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path file;
  private final Path temporary;
  private final Runnable beforeRename;

  /** A store in {@code file}. */
  public FileStateStore(Path file) {
    this(file, () -> {});
  }

  /**
   * A store in {@code file} that runs {@code beforeRename} after the temporary file is written and
   * forced and before it replaces the old file: a fault injector throws there to model a crash.
   */
  public FileStateStore(Path file, Runnable beforeRename) {
    if (file == null || beforeRename == null) {
      throw new IllegalArgumentException("file and beforeRename must not be null");
    }
    this.file = file.toAbsolutePath();
    this.temporary = this.file.resolveSibling(this.file.getFileName() + ".tmp");
    this.beforeRename = beforeRename;
  }

  /** The state file. */
  public Path file() {
    return file;
  }

  @Override
  public Optional<EuiccState> load() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      com.fasterxml.jackson.databind.JsonNode tree = JSON.readTree(Files.readAllBytes(file));
      com.fasterxml.jackson.databind.JsonNode version = tree == null ? null : tree.get("version");
      if (version == null
          || !version.canConvertToInt()
          || version.asInt() != EuiccState.FORMAT_VERSION) {
        throw new CodecException(
            "eUICC state file version "
                + (version == null ? "missing" : version.asText())
                + " not supported (expected "
                + EuiccState.FORMAT_VERSION
                + ")",
            file.toString());
      }
      return Optional.of(JSON.treeToValue(tree, EuiccState.class));
    } catch (JsonProcessingException e) {
      throw new CodecException(
          "eUICC state file is not valid: " + e.getOriginalMessage(), file.toString(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read eUICC state " + file, e);
    } catch (IllegalArgumentException e) {
      throw new CodecException(
          "eUICC state file is not valid: " + e.getMessage(), file.toString(), e);
    }
  }

  @Override
  public void save(EuiccState state) {
    try {
      byte[] bytes = JSON.writeValueAsBytes(state);
      Path dir = file.getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      try (FileChannel ch =
          FileChannel.open(
              temporary,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      beforeRename.run();
      try {
        Files.move(
            temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
      forceDirectory(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write eUICC state " + file, e);
    }
  }

  /** Serialises {@code state} as the file would hold it. */
  public static String toJson(EuiccState state) {
    try {
      return JSON.writeValueAsString(state);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void forceDirectory(Path dir) {
    if (dir == null) {
      return;
    }
    // Making the rename durable needs the directory entry flushed; not every platform lets a
    // directory be opened for that, and then the rename is as durable as the OS makes it.
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // best effort
    }
  }
}

package org.rspharness.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rspharness.core.util.Hex;

/**
 * Reads the vector files under {@code src/test/resources/crypto}: a first line "# source: ...",
 * then records of "name = value" lines separated by blank lines; other '#' lines are comments.
 */
final class Vectors {

  private Vectors() {}

  /** One record; {@link #hex} decodes a value. */
  record Rec(Map<String, String> values) {
    byte[] hex(String name) {
      String v = values.get(name);
      if (v == null) {
        throw new IllegalArgumentException("vector has no '" + name + "': " + values.keySet());
      }
      return Hex.decode(v);
    }

    String text(String name) {
      return values.get(name);
    }

    boolean has(String name) {
      return values.containsKey(name);
    }
  }

  static List<Rec> load(String file) {
    String text;
    try (InputStream in = Vectors.class.getResourceAsStream("/crypto/" + file)) {
      assertThat(in).as("resource crypto/" + file).isNotNull();
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    String[] lines = text.split("\n", -1);
    assertThat(lines[0]).as("first line of " + file + " cites its source").startsWith("# source: ");
    List<Rec> out = new ArrayList<>();
    Map<String, String> cur = new LinkedHashMap<>();
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty()) {
        if (!cur.isEmpty()) {
          out.add(new Rec(cur));
          cur = new LinkedHashMap<>();
        }
        continue;
      }
      if (line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      cur.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
    }
    if (!cur.isEmpty()) {
      out.add(new Rec(cur));
    }
    return out;
  }

  /** The record whose "case" is {@code name}. */
  static Rec byCase(List<Rec> recs, String name) {
    return recs.stream()
        .filter(r -> name.equals(r.text("case")))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no case " + name));
  }
}

package org.rspharness.scenario.model;

import com.fasterxml.jackson.core.JsonToken;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.rspharness.core.util.Durations;
import org.rspharness.scenario.model.YamlTree.ListNode;
import org.rspharness.scenario.model.YamlTree.Loc;
import org.rspharness.scenario.model.YamlTree.MapNode;
import org.rspharness.scenario.model.YamlTree.Node;
import org.rspharness.scenario.model.YamlTree.Scalar;

/**
 * Reads the mappings of one YAML document ({@link YamlTree}) field by field: each typed accessor
 * fails with a one-line {@link ScenarioLoadException}, {@code file:line:column: field 'x.y': what
 * was expected}, and the path of every field read is remembered so that a later inconsistency
 * ({@link ScenarioException}) points at its line too.
 */
final class YamlReader {

  private final String file;
  private final Path base;
  private final Map<String, Loc> locs = new HashMap<>();

  /**
   * A reader of the document named {@code file} in messages; relative paths resolve against {@code
   * base} (null: the working directory).
   */
  YamlReader(String file, Path base) {
    this.file = file;
    this.base = base;
  }

  /** The directory relative paths of the document resolve against, or null. */
  Path base() {
    return base;
  }

  /**
   * Parses {@code bytes} and hands the root to {@code reader}; an empty document is an error saying
   * it expected {@code expected}, and a {@link ScenarioException} is placed at its field's line.
   */
  <T> T read(byte[] bytes, String expected, Function<Node, T> reader) {
    Node root;
    try {
      root = YamlTree.parse(bytes);
    } catch (YamlTree.SyntaxError e) {
      throw new ScenarioLoadException(where(e.loc) + e.getMessage());
    }
    if (root == null) {
      throw new ScenarioLoadException(file + ":1:1: field '(document)': expected " + expected);
    }
    try {
      return reader.apply(root);
    } catch (ScenarioException e) {
      throw new ScenarioLoadException(where(locate(e.path())) + e.getMessage(), e);
    }
  }

  private String where(Loc l) {
    return file + ":" + l.line() + ":" + l.column() + ": ";
  }

  /** The recorded location of {@code path}, or of its nearest recorded parent. */
  Loc locate(String path) {
    String p = path;
    while (!p.isEmpty()) {
      Loc l = locs.get(p);
      if (l != null) {
        return l;
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = cut < 0 ? "" : p.substring(0, cut);
    }
    Loc l = locs.get("");
    return l == null ? new Loc(1, 1) : l;
  }

  /** The error at {@code path} (file:line:column: field 'path': what). */
  ScenarioLoadException error(String path, Loc loc, String what) {
    return new ScenarioLoadException(
        where(loc) + "field '" + (path.isEmpty() ? "(document)" : path) + "': " + what);
  }

  /**
   * The mapping {@code n} at {@code path}, whose keys must be among {@code fields} (the object kind
   * {@code shape} names them in messages).
   */
  Obj obj(Node n, String path, String shape, Set<String> fields) {
    locs.putIfAbsent(path, n.loc());
    if (!(n instanceof MapNode m)) {
      throw error(path, n.loc(), "expected a mapping (" + shape + ")" + got(n));
    }
    for (Map.Entry<String, YamlTree.Entry> e : m.entries().entrySet()) {
      String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
      locs.put(p, e.getValue().keyLoc());
      if (!fields.contains(e.getKey())) {
        throw error(p, e.getValue().keyLoc(), "unknown field; expected one of " + fields);
      }
    }
    return new Obj(m, path);
  }

  /** The mapping {@code m} at {@code path} whose keys are names of the file's own choosing. */
  Obj anyKeys(MapNode m, String path) {
    return new Obj(m, path);
  }

  /** ", got 'x'" (or nothing, a list, a mapping) for messages. */
  static String got(Node n) {
    if (n instanceof Scalar s) {
      return s.isNull() ? ", got nothing" : ", got '" + s.text() + "'";
    }
    return n instanceof ListNode ? ", got a list" : ", got a mapping";
  }

  /** One mapping being read: typed accessors that fail with the field's path and location. */
  final class Obj {
    private final MapNode map;
    private final String path;

    Obj(MapNode map, String path) {
      this.map = map;
      this.path = path;
    }

    Loc loc() {
      return map.loc();
    }

    String path(String key) {
      return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
      YamlTree.Entry e = map.entries().get(key);
      return e != null && !(e.value() instanceof Scalar s && s.isNull());
    }

    Node node(String key) {
      return map.entries().get(key).value();
    }

    Node req(String key) {
      if (!has(key)) {
        throw error(path(key), map.loc(), "missing; this field is required");
      }
      return node(key);
    }

    ScenarioLoadException error(String p, Loc l, String what) {
      return YamlReader.this.error(p, l, what);
    }

    private Scalar scalar(String key, String expected) {
      Node n = req(key);
      if (!(n instanceof Scalar s) || s.isNull()) {
        throw error(path(key), n.loc(), "expected " + expected + got(n));
      }
      return s;
    }

    String text(String key) {
      Scalar s = scalar(key, "a text");
      if (s.token() == JsonToken.VALUE_TRUE || s.token() == JsonToken.VALUE_FALSE) {
        throw error(
            path(key), s.loc(), "expected a text, got the boolean " + s.text() + " (quote it)");
      }
      return s.text();
    }

    String optText(String key) {
      return has(key) ? text(key) : null;
    }

    long integer(String key) {
      Scalar s = scalar(key, "an integer");
      if (s.token() != JsonToken.VALUE_NUMBER_INT) {
        throw error(path(key), s.loc(), "expected an integer, got '" + s.text() + "'");
      }
      try {
        return Long.parseLong(s.text().replace("_", ""));
      } catch (NumberFormatException e) {
        throw error(
            path(key), s.loc(), "expected an integer that fits 64 bits, got '" + s.text() + "'");
      }
    }

    /** A whole number from 1 to 2^31-1; {@code dflt} when absent (-1: required). */
    int positive(String key, int dflt) {
      if (!has(key) && dflt >= 0) {
        return dflt;
      }
      long v = integer(key);
      if (v < 1 || v > Integer.MAX_VALUE) {
        throw error(path(key), node(key).loc(), "expected a whole number of at least 1, got " + v);
      }
      return (int) v;
    }

    boolean bool(String key, boolean dflt) {
      if (!has(key)) {
        return dflt;
      }
      Scalar s = scalar(key, "true or false");
      if (s.token() != JsonToken.VALUE_TRUE && s.token() != JsonToken.VALUE_FALSE) {
        throw error(path(key), s.loc(), "expected true or false, got '" + s.text() + "'");
      }
      return s.token() == JsonToken.VALUE_TRUE;
    }

    Duration duration(String key) {
      Scalar s = scalar(key, Durations.EXPECTED);
      try {
        return Durations.parse(s.text());
      } catch (IllegalArgumentException e) {
        throw error(path(key), s.loc(), e.getMessage());
      }
    }

    long memory(String key) {
      Scalar s = scalar(key, "a number of bytes such as 524288, 512KiB or 2MiB");
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("([0-9]{1,12})(KiB|MiB)?").matcher(s.text());
      if (!m.matches()) {
        throw error(
            path(key),
            s.loc(),
            "expected a number of bytes such as 524288, 512KiB or 2MiB, got '" + s.text() + "'");
      }
      long v = Long.parseLong(m.group(1));
      return m.group(2) == null ? v : m.group(2).equals("KiB") ? v * 1024 : v * 1024 * 1024;
    }

    URI uri(String key) {
      String t = text(key);
      try {
        return new URI(t);
      } catch (URISyntaxException e) {
        throw error(path(key), node(key).loc(), "expected a URL, got '" + t + "'");
      }
    }

    Path existingPath(String key, boolean directory) {
      String t = text(key);
      Path p = base == null ? Path.of(t) : base.resolve(t).normalize();
      if (directory ? !Files.isDirectory(p) : !Files.isRegularFile(p)) {
        throw error(
            path(key),
            node(key).loc(),
            "expected an existing "
                + (directory ? "directory" : "file")
                + ", "
                + p
                + " is not one");
      }
      return p;
    }

    <T> T choice(String key, Map<String, T> allowed) {
      String t = text(key);
      T v = allowed.get(t);
      if (v == null) {
        throw error(
            path(key),
            node(key).loc(),
            "expected one of " + allowed.keySet() + ", got '" + t + "'");
      }
      return v;
    }

    List<String> texts(String key) {
      Node n = req(key);
      if (!(n instanceof ListNode l)) {
        throw error(path(key), n.loc(), "expected a list of texts" + got(n));
      }
      List<String> out = new ArrayList<>();
      for (int i = 0; i < l.items().size(); i++) {
        Node item = l.items().get(i);
        String p = path(key) + "[" + i + "]";
        locs.put(p, item.loc());
        if (!(item instanceof Scalar s) || s.isNull()) {
          throw error(p, item.loc(), "expected a text" + got(item));
        }
        out.add(s.text());
      }
      return out;
    }

    <T> List<T> list(
        String key, boolean required, java.util.function.BiFunction<Node, String, T> each) {
      if (!has(key)) {
        if (required) {
          throw error(path(key), map.loc(), "missing; expected a list");
        }
        return List.of();
      }
      Node n = node(key);
      if (!(n instanceof ListNode l)) {
        throw error(path(key), n.loc(), "expected a list" + got(n));
      }
      List<T> out = new ArrayList<>();
      for (int i = 0; i < l.items().size(); i++) {
        String p = path(key) + "[" + i + "]";
        locs.put(p, l.items().get(i).loc());
        out.add(each.apply(l.items().get(i), p));
      }
      return out;
    }

    /**
     * Builds a record; its constructor's IllegalArgumentException ({@code field: what}) becomes a
     * load error at that field.
     */
    <T> T build(Supplier<T> ctor) {
      try {
        return ctor.get();
      } catch (ScenarioException e) {
        throw e;
      } catch (IllegalArgumentException e) {
        String m = e.getMessage() == null ? "invalid" : e.getMessage();
        int c = m.indexOf(": ");
        String field =
            c > 0 && m.substring(0, c).matches("[A-Za-z0-9_.\\[\\]-]+") ? m.substring(0, c) : null;
        String p = field == null ? path : path(field);
        Loc l = field == null ? map.loc() : locate(p);
        throw error(p.isEmpty() ? "(document)" : p, l, field == null ? m : m.substring(c + 2));
      }
    }
  }
}

package org.rspharness.scenario.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rspharness.core.util.YamlMessages;

/**
 * A YAML document as a tree whose every node and key remembers its line and column, so that any
 * error found while reading it can point at the exact place. Jackson's own trees drop locations.
 */
final class YamlTree {

  private static final YAMLFactory FACTORY = new YAMLFactory();

  private YamlTree() {}

  /** Line and column, 1-based. */
  record Loc(int line, int column) {}

  /** A node of the tree. */
  sealed interface Node {
    Loc loc();
  }

  /** A mapping; keys keep file order. */
  record MapNode(Loc loc, Map<String, Entry> entries) implements Node {}

  /** One key of a mapping: where the key is, and its value. */
  record Entry(Loc keyLoc, Node value) {}

  /** A sequence. */
  record ListNode(Loc loc, List<Node> items) implements Node {}

  /** A scalar: its text and the kind of token YAML resolved it to (string, int, bool, ...). */
  record Scalar(Loc loc, JsonToken token, String text) implements Node {
    boolean isNull() {
      return token == JsonToken.VALUE_NULL;
    }
  }

  /** A syntax error, with where it is. */
  static final class SyntaxError extends Exception {
    final Loc loc;

    SyntaxError(Loc loc, String message) {
      super(message);
      this.loc = loc;
    }
  }

  /** Parses one YAML document; null for an empty document. */
  static Node parse(byte[] yaml) throws SyntaxError {
    try (JsonParser p = FACTORY.createParser(yaml)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return null;
      }
      return node(p);
    } catch (JsonProcessingException e) {
      // the parser's own words (context and problem), at the problem's position
      JsonLocation l = e.getLocation();
      YamlMessages.Detail d = YamlMessages.of(e.getOriginalMessage());
      Loc at =
          d.line() > 0
              ? new Loc(d.line(), d.column())
              : l == null ? new Loc(1, 1) : new Loc(l.getLineNr(), l.getColumnNr());
      throw new SyntaxError(at, "not valid YAML: " + d.text());
    } catch (IOException e) {
      throw new SyntaxError(new Loc(1, 1), "cannot read: " + e.getMessage());
    }
  }

  private static Loc loc(JsonParser p) {
    JsonLocation l = p.currentTokenLocation();
    return new Loc(l.getLineNr(), l.getColumnNr());
  }

  private static Node node(JsonParser p) throws IOException, SyntaxError {
    Loc at = loc(p);
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      Map<String, Entry> entries = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        Loc keyLoc = loc(p);
        p.nextToken();
        Node value = node(p);
        if (entries.put(key, new Entry(keyLoc, value)) != null) {
          throw new SyntaxError(keyLoc, "key '" + key + "' appears twice in this mapping");
        }
      }
      return new MapNode(at, entries);
    }
    if (t == JsonToken.START_ARRAY) {
      List<Node> items = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        items.add(node(p));
      }
      return new ListNode(at, items);
    }
    return new Scalar(at, t, t == JsonToken.VALUE_NULL ? null : p.getText());
  }
}

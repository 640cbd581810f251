package org.rspharness.core.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rspharness.core.codec.CodecException;

/**
 * The events.jsonl format, version {@value #VERSION}: one JSON object per line, {@code
 * {"v":1,"seq":..,"t":<elapsed ns>,"wall":"<ISO instant>","src":..,"event":{"type":..,..}}}.
 * Reports are rebuilt from these files alone, so the format is versioned and a reader refuses a
 * version it does not know rather than guessing.
 */
public final class EventsJsonl {

  /** The format version written in every line. */
  public static final int VERSION = 1;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build();

  private EventsJsonl() {}

  /** One event as one line of JSON, without the line break. */
  public static String toLine(Event event) {
    ObjectNode line = MAPPER.createObjectNode();
    line.put("v", VERSION);
    line.put("seq", event.seq());
    line.put("t", event.elapsedNanos());
    line.put("wall", event.wallTime().toString());
    line.put("src", event.source());
    line.set("event", MAPPER.valueToTree(event.payload()));
    try {
      return MAPPER.writeValueAsString(line);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event not serialisable: " + event, e);
    }
  }

  /** Parses one line; {@code where} names it in errors (e.g. {@code events.jsonl:12}). */
  public static Event fromLine(String text, String where) {
    try {
      JsonNode line = MAPPER.readTree(text);
      if (line == null || !line.isObject()) {
        throw new CodecException("events.jsonl: expected a JSON object", where);
      }
      JsonNode v = line.path("v");
      if (!v.isIntegralNumber() || v.asInt() != VERSION) {
        throw new CodecException(
            "events.jsonl: unsupported format version "
                + line.path("v")
                + " (this build reads version "
                + VERSION
                + ")",
            where);
      }
      return new Event(
          integral(line, "seq", where),
          integral(line, "t", where),
          java.time.Instant.parse(text(line, "wall", where)),
          text(line, "src", where),
          MAPPER.treeToValue(required(line, "event", where), EventPayload.class));
    } catch (JsonProcessingException e) {
      throw new CodecException("events.jsonl: " + e.getOriginalMessage(), where, e);
    } catch (java.time.format.DateTimeParseException e) {
      throw new CodecException("events.jsonl: bad 'wall' time: " + e.getMessage(), where, e);
    }
  }

  private static long integral(JsonNode line, String member, String where) {
    JsonNode node = required(line, member, where);
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw new CodecException(
          "events.jsonl: member '" + member + "' must be an integer, found " + node, where);
    }
    return node.asLong();
  }

  private static String text(JsonNode line, String member, String where) {
    JsonNode node = required(line, member, where);
    if (!node.isTextual()) {
      throw new CodecException(
          "events.jsonl: member '" + member + "' must be a string, found " + node, where);
    }
    return node.asText();
  }

  private static JsonNode required(JsonNode line, String member, String where) {
    JsonNode node = line.get(member);
    if (node == null || node.isNull()) {
      throw new CodecException("events.jsonl: missing member '" + member + "'", where);
    }
    return node;
  }

  /**
   * Reads a whole file, in sequence-number order; an unreadable line fails with its file name and
   * line number. Concurrent emitters may write lines slightly out of {@code seq} order; the
   * sequence number, not the line position, is the order of events.
   */
  public static List<Event> read(Path file) throws IOException {
    List<Event> events = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String text;
      int lineNo = 0;
      while ((text = reader.readLine()) != null) {
        lineNo++;
        if (!text.isBlank()) {
          events.add(fromLine(text, file.getFileName() + ":" + lineNo));
        }
      }
    }
    events.sort(java.util.Comparator.comparingLong(Event::seq));
    return events;
  }

  /** A sink writing one line per event to {@code out}; I/O errors surface on {@link #close}. */
  public static Sink writer(Writer out) {
    return new Sink(out);
  }

  /** Writes events as lines; thread-safe; remembers the first I/O error and rethrows on close. */
  public static final class Sink implements EventSink, AutoCloseable {
    private final Writer out;
    private IOException failure;

    private Sink(Writer out) {
      this.out = out;
    }

    @Override
    public void accept(Event event) {
      // Serialising (hex of whole bodies) happens outside the lock; only the write is serial.
      String line = toLine(event) + '\n';
      synchronized (this) {
        if (failure != null) {
          return;
        }
        try {
          out.write(line);
        } catch (IOException e) {
          failure = e;
        }
      }
    }

    @Override
    public synchronized void close() {
      try {
        out.close();
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        }
      }
      if (failure != null) {
        throw new UncheckedIOException("events.jsonl could not be written", failure);
      }
    }
  }
}

package org.rspharness.core.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code --json} output: one JSON object per line, in the shape of {@code
 * org/rspharness/core/cli/output.schema.json}:
 *
 * <pre>{@code
 * {"v":1,"command":"lpa download","type":"result","code":0,"message":"INSTALLED ...","exit":0,
 *  "data":{...}}
 * }</pre>
 *
 * {@code type} is {@code item} (one thing a listing found), {@code progress}, {@code request} (a
 * served request), {@code result} (the last line of a command that succeeded or failed on its own
 * terms) or {@code error}. {@code code} is 0 on success, otherwise the SGP.22 {@code
 * subject/reason}, the ES10 result number, or a symbolic name ({@code usage}, {@code bad-input},
 * {@code dns}, {@code connect}, {@code tls}, {@code timeout}, {@code network}, {@code failed},
 * {@code internal}); {@code codeName} names it. {@code message} is the human text.
 */
public final class JsonLines {

  /** The format version in every line's {@code v}. */
  public static final int VERSION = 1;

  /** Where the schema of these lines is on the classpath. */
  public static final String SCHEMA_RESOURCE = "/org/rspharness/core/cli/output.schema.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private final PrintWriter out;
  private final String command;

  private JsonLines(PrintWriter out, String command) {
    this.out = out;
    this.command = command;
  }

  /** Lines for {@code command} (e.g. {@code lpa download}) written to {@code out}. */
  public static JsonLines to(PrintWriter out, String command) {
    return new JsonLines(out, command);
  }

  /** The command these lines name. */
  public String command() {
    return command;
  }

  /** An {@code item} line with code 0. */
  public void item(String message, Map<String, ?> data) {
    write("item", 0, "", message, null, data);
  }

  /** A {@code progress} line. */
  public void progress(String message, Map<String, ?> data) {
    write("progress", 0, "", message, null, data);
  }

  /** A {@code request} line: a served request with its outcome code. */
  public void request(Object code, String codeName, String message, Map<String, ?> data) {
    write("request", code, codeName, message, null, data);
  }

  /** The {@code result} line: how the command ended, with its exit status. */
  public void result(int exit, Object code, String codeName, String message, Map<String, ?> data) {
    write("result", code, codeName, message, exit, data);
  }

  /** The success {@code result} line (exit 0, code 0). */
  public void ok(String message, Map<String, ?> data) {
    result(ExitCodes.OK, 0, "ok", message, data);
  }

  /** An {@code error} line for a failure that stopped the command. */
  public void error(Failures.Failure f) {
    write("error", f.code(), f.codeName(), f.message(), f.exit(), null);
  }

  private void write(
      String type,
      Object code,
      String codeName,
      String message,
      Integer exit,
      Map<String, ?> data) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("v", VERSION);
    line.put("command", command);
    line.put("type", type);
    line.put("code", code == null ? "failed" : code);
    if (codeName != null && !codeName.isEmpty()) {
      line.put("codeName", codeName);
    }
    line.put("message", message == null ? "" : message);
    if (exit != null) {
      line.put("exit", exit);
    }
    if (data != null) {
      line.put("data", data);
    }
    try {
      String text = JSON.writeValueAsString(line);
      synchronized (out) {
        out.println(text);
        out.flush();
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON line for " + command, e);
    }
  }

  /** A small ordered map for {@code data}: {@code data("iccid", x, "state", y)}. */
  public static Map<String, Object> data(Object... keyValues) {
    if (keyValues.length % 2 != 0) {
      throw new IllegalArgumentException("data: key/value pairs expected");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return m;
  }
}

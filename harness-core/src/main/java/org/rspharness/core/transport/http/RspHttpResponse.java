package org.rspharness.core.transport.http;

import java.util.Locale;
import java.util.Map;

/**
 * An HTTP response as the services produce it.
 *
 * @param status HTTP status (ES9+ answers 200 with a JSON body, or 204 for handleNotification)
 * @param headers header names as they go on the wire
 * @param body the body, empty for 204
 */
public record RspHttpResponse(int status, Map<String, String> headers, byte[] body) {

  public RspHttpResponse {
    headers = Map.copyOf(headers);
    body = body == null ? new byte[0] : body;
  }

  /** A header's value, by case-insensitive name, or null. */
  public String header(String name) {
    for (Map.Entry<String, String> e : headers.entrySet()) {
      if (e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return e.getValue();
      }
    }
    return null;
  }
}

package org.rspharness.euicc.transport.stdio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.rspharness.euicc.card.Card;

/**
 * lpac's {@code stdio} APDU driver, card side: lpac writes one JSON object per line, {@code
 * {"type":"apdu","payload":{"func":F,"param":HEX}}} with F one of connect, disconnect,
 * logic_channel_open (param: the AID), logic_channel_close (param: the channel) and transmit
 * (param: the command APDU); each is answered with one line {@code
 * {"type":"apdu","payload":{"ecode":N,"data":HEX}}}: ecode 0 for success (the channel number for
 * logic_channel_open), negative for failure, data the response APDU of transmit. The message schema
 * is lpac's {@code docs/backends/stdio-schema.json}.
 *
 * <p>Nothing else may go to the output stream: it is the protocol.
 */
public final class StdioApduDriver {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  private final Card card;

  public StdioApduDriver(Card card) {
    this.card = card;
  }

  /** Serves requests from {@code in} until it ends; returns how many were answered. */
  public int serve(InputStream in, OutputStream out) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    PrintStream writer = new PrintStream(out, false, StandardCharsets.UTF_8);
    int answered = 0;
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      writer.print(answer(line));
      writer.print('\n');
      writer.flush();
      answered++;
    }
    return answered;
  }

  /** The response line (without newline) to one request line. */
  public String answer(String line) {
    ObjectNode payload = JSON.createObjectNode();
    ObjectNode response = JSON.createObjectNode().put("type", "apdu");
    response.set("payload", payload);
    try {
      JsonNode request = JSON.readTree(line);
      if (!"apdu".equals(request.path("type").asText())) {
        // only the APDU side is ours; an HTTP request is lpac's other driver
        payload.put("ecode", -1);
        return JSON.writeValueAsString(response);
      }
      String func = request.path("payload").path("func").asText("");
      String param = request.path("payload").path("param").asText("");
      switch (func) {
        case "connect" -> {
          card.reset();
          payload.put("ecode", 0);
        }
        case "disconnect" -> payload.put("ecode", 0);
        case "logic_channel_open" -> payload.put("ecode", openChannel(HEX.parseHex(param)));
        case "logic_channel_close" -> {
          int channel = Integer.parseInt(param.replaceFirst("^0[xX]", ""), 16);
          card.transmit(new byte[] {0x00, 0x70, (byte) 0x80, (byte) channel});
          payload.put("ecode", 0);
        }
        case "transmit" -> {
          byte[] r = card.transmit(HEX.parseHex(param));
          payload.put("ecode", r.length >= 2 ? 0 : -1);
          payload.put("data", HEX.formatHex(r));
        }
        default -> payload.put("ecode", -1);
      }
    } catch (IOException | IllegalArgumentException e) {
      payload.removeAll();
      payload.put("ecode", -1);
    }
    try {
      return JSON.writeValueAsString(response);
    } catch (IOException e) {
      return "{\"type\":\"apdu\",\"payload\":{\"ecode\":-1}}";
    }
  }

  /** MANAGE CHANNEL open, then SELECT {@code aid} on the new channel; the channel or -1. */
  private int openChannel(byte[] aid) {
    byte[] opened = card.transmit(new byte[] {0x00, 0x70, 0x00, 0x00, 0x01});
    if (opened.length != 3 || opened[1] != (byte) 0x90 || opened[2] != 0x00) {
      return -1;
    }
    int channel = opened[0] & 0xFF;
    byte cla = (byte) (channel <= 3 ? channel : 0x40 | (channel - 4));
    byte[] select = new byte[5 + aid.length + 1];
    select[0] = cla;
    select[1] = (byte) 0xA4;
    select[2] = 0x04;
    select[3] = 0x00;
    select[4] = (byte) aid.length;
    System.arraycopy(aid, 0, select, 5, aid.length);
    byte[] r = card.transmit(select);
    int sw1 = r.length >= 2 ? r[r.length - 2] & 0xFF : 0;
    if (sw1 != 0x90 && sw1 != 0x61) {
      card.transmit(new byte[] {0x00, 0x70, (byte) 0x80, (byte) channel});
      return -1;
    }
    return channel;
  }
}

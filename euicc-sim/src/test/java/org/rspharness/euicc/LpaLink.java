package org.rspharness.euicc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import org.rspharness.euicc.card.Card;
import org.rspharness.euicc.card.CommandApdu;
import org.rspharness.euicc.card.IsdRCard;
import org.rspharness.euicc.card.LpaApdus;

/**
 * Test side of the APDU link, framed as deployed LPAs do: MANAGE CHANNEL, SELECT ISD-R on the
 * channel it got, STORE DATA in 120-byte blocks without Le, GET RESPONSE on 61xx.
 */
final class LpaLink {

  /** A response: data and status word. */
  record Response(byte[] data, int sw) {
    boolean ok() {
      return sw == 0x9000;
    }
  }

  private final Card card;
  private int channel = -1;
  int apduCount;

  LpaLink(Card card) {
    this.card = card;
  }

  /** Opens a logical channel and selects the ISD-R on it. */
  LpaLink open() {
    byte[] r = raw(LpaApdus.openChannel().toBytes());
    assertThat(sw(r)).isEqualTo(0x9000);
    channel = r[0];
    Response sel = collect(raw(LpaApdus.select(channel, IsdRCard.isdRAid()).toBytes()));
    assertThat(sel.sw()).as("SELECT ISD-R").isEqualTo(0x9000);
    return this;
  }

  int channel() {
    return channel;
  }

  /** The STORE DATA APDUs of one ES10 command or BPP sequence. */
  List<CommandApdu> blocks(byte[] command) {
    return LpaApdus.storeData(channel, command, LpaApdus.DEFAULT_BLOCK_SIZE);
  }

  /** Sends one ES10 command and collects the whole response (GET RESPONSE on 61xx). */
  Response send(byte[] command) {
    List<CommandApdu> blocks = blocks(command);
    byte[] r = null;
    for (int i = 0; i < blocks.size(); i++) {
      r = raw(blocks.get(i).toBytes());
      if (i < blocks.size() - 1) {
        assertThat(sw(r)).as("intermediate STORE DATA block").isEqualTo(0x9000);
      }
    }
    return collect(r);
  }

  /** Sends one ES10 command and requires 9000, returning the response data. */
  byte[] call(byte[] command) {
    Response r = send(command);
    assertThat(r.sw()).as("status word").isEqualTo(0x9000);
    return r.data();
  }

  Response collect(byte[] r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      out.write(r, 0, r.length - 2);
      int sw = sw(r);
      if ((sw & 0xFF00) != 0x6100) {
        return new Response(out.toByteArray(), sw);
      }
      int ne = sw & 0xFF;
      r = raw(LpaApdus.getResponse(channel, ne == 0 ? 256 : ne).toBytes());
    }
  }

  byte[] raw(byte[] apdu) {
    apduCount++;
    return card.transmit(apdu);
  }

  static int sw(byte[] r) {
    return ((r[r.length - 2] & 0xFF) << 8) | (r[r.length - 1] & 0xFF);
  }

  static byte[] copy(byte[] b) {
    return Arrays.copyOf(b, b.length);
  }
}

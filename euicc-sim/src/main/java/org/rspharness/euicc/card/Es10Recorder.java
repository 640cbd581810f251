package org.rspharness.euicc.card;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.rspharness.core.event.EventPayload;

/**
 * SGP.22 section 5.7: the eUICC's own record of the ES10 commands it ran, one {@link
 * EventPayload.Es10Command} (observer {@code euicc}) after the last APDU of each, so that a log of
 * our eUICC driven by any LPA (ours, or another one over PC/SC) names its commands without anyone
 * regrouping APDUs. APDUs are grouped as the card frames them ({@link Es10Framing}); a command ends
 * with the APDU that completes its answer: a status word other than 9000 and 61xx, or 9000 for the
 * last block of its last STORE DATA chain once its response is complete (a LoadBoundProfilePackage
 * goes on over 9000 without data until the ProfileInstallationResult comes back). The command data
 * is the data of its APDUs joined (the ES10 TLV of its STORE DATA blocks, the whole BPP for a
 * package, the AID for SELECT), the response the data of its response APDUs (none when it failed,
 * as in the LPA's record), and the result as the LPA's record says it: {@code ok}, {@code SW xxxx},
 * the ES10 error inside a 9000 ({@link Es10Results}), or {@code no answer} when the card went
 * silent (an injected power loss).
 *
 * <p>Not thread-safe: called under the card's lock.
 */
public final class Es10Recorder {

  /** One command in progress on a channel. */
  private static final class Open {
    final String name;
    final ByteArrayOutputStream command = new ByteArrayOutputStream();
    final ByteArrayOutputStream response = new ByteArrayOutputStream();
    int apdus;
    long nanos;

    Open(String name) {
      this.name = name;
    }
  }

  private final Es10Framing framing;
  private final Open[] open;

  /** Where the APDU between {@link #received} and {@link #answered} falls (null: nowhere). */
  private Es10Framing.Place place;

  /** A recorder for a card with {@code channels} logical channels. */
  public Es10Recorder(int channels) {
    this.framing = new Es10Framing(channels);
    this.open = new Open[channels];
  }

  /**
   * An APDU about to be processed; returns the command it cuts short (one left without its answer
   * on the same channel, e.g. a package the LPA gave up), or null. {@link #answered} follows.
   */
  public EventPayload.Es10Command received(byte[] command) {
    place = framing.locate(command);
    if (place == null) {
      return null;
    }
    int ch = place.channel();
    EventPayload.Es10Command cut = null;
    if (place.starts() && open[ch] != null) {
      cut = finish(ch, "cut short by " + place.name(), false);
    }
    if (open[ch] == null) {
      // a GET RESPONSE or package segment after its command ended is a (refused) one of its own
      boolean stray = !place.starts() && (command[1] & 0xFF) == 0xC0;
      open[ch] = new Open(stray ? Es10CommandNames.GET_RESPONSE : place.name());
    }
    return cut;
  }

  /**
   * The card's answer to the APDU last {@link #received}, after {@code nanos} of handling; returns
   * the command it completes, or null.
   */
  public EventPayload.Es10Command answered(byte[] command, byte[] response, long nanos) {
    if (place == null) {
      return null;
    }
    int ch = place.channel();
    place = null;
    Open o = open[ch];
    o.apdus++;
    o.nanos += nanos;
    int ins = command[1] & 0xFF;
    if (ins != 0xC0) {
      try {
        o.command.writeBytes(CommandApdu.parse(command).dataUnsafe());
      } catch (RuntimeException e) {
        // malformed: the card refused it, there is no data to keep
      }
    }
    if (response == null || response.length < 2) {
      return finish(ch, "no answer", false);
    }
    o.response.write(response, 0, response.length - 2);
    int sw = ((response[response.length - 2] & 0xFF) << 8) | (response[response.length - 1] & 0xFF);
    if ((sw >> 8) == 0x61) {
      return null;
    }
    if (sw != 0x9000) {
      return finish(ch, String.format("SW %04X", sw), false);
    }
    boolean moreBlocks = ins == 0xE2 && (command[2] & 0xFF) == 0x11;
    boolean morePackage =
        Es10CommandNames.LOAD_BOUND_PROFILE_PACKAGE.equals(o.name) && o.response.size() == 0;
    if (moreBlocks || morePackage) {
      return null;
    }
    String failure = Es10Results.failure(o.response.toByteArray());
    return finish(ch, failure == null ? EventPayload.Es10Command.OK : failure, true);
  }

  /**
   * Power cycle: the commands in progress end without an answer (returned, for the log), and the
   * framing starts afresh.
   */
  public List<EventPayload.Es10Command> reset() {
    List<EventPayload.Es10Command> done = new ArrayList<>();
    for (int ch = 0; ch < open.length; ch++) {
      if (open[ch] != null) {
        done.add(finish(ch, "card reset", false));
      }
    }
    framing.reset();
    place = null;
    return done;
  }

  /** The event of the command on {@code ch}; its response only when it was {@code answered}. */
  private EventPayload.Es10Command finish(int ch, String result, boolean answered) {
    Open o = open[ch];
    open[ch] = null;
    byte[] command = o.command.toByteArray();
    byte[] response = answered ? o.response.toByteArray() : null;
    return new EventPayload.Es10Command(
        o.name,
        result,
        ch,
        o.apdus,
        command.length,
        response == null ? 0 : response.length,
        o.nanos,
        command,
        response,
        EventPayload.Es10Command.EUICC);
  }
}

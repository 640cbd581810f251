package org.rspharness.euicc.card;

/**
 * SGP.22 section 5.7.2: which ES10 command each APDU belongs to, as the card sees its channels; the
 * one grouping behind both the card's fault points ({@link CardFaults}) and its record of ES10
 * commands ({@link Es10Recorder}).
 *
 * <p>Grouping, per logical channel (the channel of the CLA byte):
 *
 * <ul>
 *   <li>A STORE DATA chain (blocks up to the one with P1 91) starts a command named by the ES10 tag
 *       its first block begins with ({@link Es10CommandNames#of}); further blocks of the chain, and
 *       GET RESPONSE for its answer, are the next APDUs of the same command.
 *   <li>LoadBoundProfilePackage is the whole package: the chain starting with BF36 and every
 *       following chain that starts with a BPP tag (A0, A1, 88, A2, A3, 86, 87), so APDU k counts
 *       across all the package's segments, GET RESPONSE included.
 *   <li>Every other APDU (MANAGE CHANNEL, SELECT, TERMINAL CAPABILITY, a GET RESPONSE with no
 *       command before it) is a one-APDU command of its own, named by {@link
 *       Es10CommandNames#ofInstruction}.
 *   <li>APDUs too short to carry a header, or naming a channel the card does not have, belong to no
 *       command.
 * </ul>
 *
 * <p>Not thread-safe: called under the card's lock.
 */
final class Es10Framing {

  /**
   * Where one APDU falls.
   *
   * @param channel its logical channel
   * @param name the command it belongs to
   * @param starts true when it is the first APDU of that command
   * @param apdu its index within the command, from 0
   */
  record Place(int channel, String name, boolean starts, int apdu) {}

  private static final class Track {
    final String name;
    int next;
    boolean chainOpen;

    Track(String name) {
      this.name = name;
    }
  }

  private final int channels;
  private Track[] tracks;

  Es10Framing(int channels) {
    this.channels = channels;
  }

  /** The place of {@code apdu}, or null when it belongs to no command. */
  Place locate(byte[] apdu) {
    if (apdu == null || apdu.length < 4) {
      return null;
    }
    ClassByte cla;
    try {
      cla = ClassByte.decode(apdu[0] & 0xFF);
    } catch (RuntimeException e) {
      return null;
    }
    int channel = cla.channel();
    if (channel >= channels) {
      return null;
    }
    if (tracks == null) {
      tracks = new Track[channels];
    }
    int ins = apdu[1] & 0xFF;
    Track t = tracks[channel];
    String name;
    boolean continues;
    boolean storeData = ins == 0xE2 && cla.proprietary();
    if (ins == 0xC0) {
      continues = t != null;
      name = Es10CommandNames.GET_RESPONSE;
    } else if (storeData) {
      if (t != null && t.chainOpen) {
        continues = true;
        name = t.name;
      } else if ((apdu[3] & 0xFF) != 0) {
        // a block out of its chain: part of the current command if any, the card refuses it
        continues = t != null;
        name = Es10CommandNames.STORE_DATA;
      } else {
        int tag = firstTag(apdu);
        continues =
            t != null
                && t.name.equals(Es10CommandNames.LOAD_BOUND_PROFILE_PACKAGE)
                && Es10CommandNames.continuesPackage(tag);
        name = tag < 0 ? Es10CommandNames.STORE_DATA : Es10CommandNames.of(tag);
      }
    } else {
      continues = false;
      name = Es10CommandNames.ofInstruction(ins);
    }
    if (!continues) {
      t = new Track(name);
      tracks[channel] = t;
    }
    if (storeData) {
      t.chainOpen = (apdu[2] & 0xFF) == 0x11;
    } else if (ins != 0xC0) {
      t.chainOpen = false;
    }
    return new Place(channel, t.name, !continues, t.next++);
  }

  /** Forgets every command in progress (card reset). */
  void reset() {
    tracks = null;
  }

  /** The first tag of a short-form STORE DATA block's data, or -1. */
  private static int firstTag(byte[] apdu) {
    if (apdu.length < 6) {
      return -1;
    }
    int b0 = apdu[5] & 0xFF;
    if ((b0 & 0x1F) != 0x1F) {
      return b0;
    }
    return apdu.length < 7 ? -1 : (b0 << 8) | (apdu[6] & 0xFF);
  }
}

package org.rspharness.euicc.transport.pcsc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import javax.smartcardio.TerminalFactory;
import org.rspharness.euicc.card.Card;

/**
 * A card in a PC/SC reader as a {@link Card}: the LPA's ES10 traffic goes through pcscd to whatever
 * card sits there (a test eUICC in a USB reader, or vsmartcard's vpcd). javax.smartcardio refuses
 * MANAGE CHANNEL in {@code transmit} and owns the channel bits of the class byte, so MANAGE CHANNEL
 * open / close become {@code openLogicalChannel()} / {@code close()} and every other APDU goes out
 * on the channel its class byte names (ISO 7816-4 5.4.1); the card sees the same commands.
 *
 * <p>A reader error answers an empty response, as a card without power does ({@link Card}); the
 * message of the last error is kept for diagnostics.
 */
public final class PcscCard implements Card, AutoCloseable {

  /** Where Debian keeps pcsc-lite; the JDK looks for the unversioned name, which only -dev has. */
  private static final List<String> LIBRARIES =
      List.of(
          "/usr/lib/x86_64-linux-gnu/libpcsclite.so.1",
          "/usr/lib/aarch64-linux-gnu/libpcsclite.so.1",
          "/usr/lib/libpcsclite.so.1",
          "/lib/x86_64-linux-gnu/libpcsclite.so.1");

  private final String readerName;
  private javax.smartcardio.Card card;
  private javax.smartcardio.CardChannel basic;
  private String lastError;
  private final java.util.Map<Integer, javax.smartcardio.CardChannel> channels =
      new java.util.HashMap<>();

  private PcscCard(String readerName, javax.smartcardio.Card card) {
    this.readerName = readerName;
    this.card = card;
    this.basic = card.getBasicChannel();
  }

  /** Points the JDK at pcsc-lite when the library it looks for by default is absent. */
  private static synchronized void locateLibrary() {
    String key = "sun.security.smartcardio.library";
    if (System.getProperty(key) != null) {
      return;
    }
    for (String l : LIBRARIES) {
      if (Files.exists(Path.of(l))) {
        System.setProperty(key, l);
        return;
      }
    }
  }

  /** The names of the PC/SC readers pcscd knows, with or without a card. */
  public static List<String> readers() throws CardException {
    locateLibrary();
    List<String> out = new ArrayList<>();
    for (CardTerminal t : TerminalFactory.getDefault().terminals().list()) {
      out.add(t.getName());
    }
    return out;
  }

  /** One line per reader: its name and whether a card is present. */
  public static List<String> describeReaders() throws CardException {
    locateLibrary();
    List<String> out = new ArrayList<>();
    for (CardTerminal t : TerminalFactory.getDefault().terminals().list()) {
      out.add(t.getName() + (t.isCardPresent() ? "  (card present)" : "  (empty)"));
    }
    return out;
  }

  /**
   * Connects to the card in reader {@code name} (exact name, or a unique prefix such as {@code
   * "Virtual PCD"}); IllegalArgumentException naming the readers when there is none such.
   */
  public static PcscCard open(String name) throws CardException {
    locateLibrary();
    List<CardTerminal> all = TerminalFactory.getDefault().terminals().list();
    CardTerminal match = null;
    for (CardTerminal t : all) {
      if (t.getName().equals(name)) {
        match = t;
      }
    }
    if (match == null) {
      List<CardTerminal> prefixed =
          all.stream().filter(t -> t.getName().startsWith(name) && isPresent(t)).toList();
      if (prefixed.size() == 1) {
        match = prefixed.get(0);
      }
    }
    if (match == null) {
      throw new IllegalArgumentException(
          "--reader: no PC/SC reader named '"
              + name
              + "' with a card; readers: "
              + all.stream().map(CardTerminal::getName).toList());
    }
    // A card just inserted, or just released by another context, can refuse a connect for a
    // moment (PC/SC answers reset or sharing violation): a few bounded attempts, then the error.
    CardException last = null;
    for (int attempt = 0; attempt < CONNECT_ATTEMPTS; attempt++) {
      try {
        return new PcscCard(match.getName(), match.connect("*"));
      } catch (CardException e) {
        last = e;
        match.waitForCardPresent(CONNECT_RETRY_MILLIS);
        java.util.concurrent.locks.LockSupport.parkNanos(CONNECT_RETRY_MILLIS * 1_000_000L);
      }
    }
    throw last;
  }

  private static final int CONNECT_ATTEMPTS = 5;

  private static final long CONNECT_RETRY_MILLIS = 200;

  private static boolean isPresent(CardTerminal t) {
    try {
      return t.isCardPresent();
    } catch (CardException e) {
      return false;
    }
  }

  /** The reader this card sits in. */
  public String readerName() {
    return readerName;
  }

  /** The last reader error, or null. */
  public String lastError() {
    return lastError;
  }

  @Override
  public byte[] transmit(byte[] commandApdu) {
    try {
      if (commandApdu.length >= 4 && commandApdu[1] == 0x70) {
        return manageChannel(commandApdu);
      }
      int n = channelOf(commandApdu[0] & 0xFF);
      javax.smartcardio.CardChannel ch = n == 0 ? basic : channels.get(n);
      if (ch == null) {
        return new byte[] {0x68, (byte) 0x81}; // logical channel not supported (not open)
      }
      ResponseAPDU r = ch.transmit(new CommandAPDU(commandApdu));
      return r.getBytes();
    } catch (CardException | IllegalArgumentException | IllegalStateException e) {
      lastError = String.valueOf(e);
      return new byte[0];
    }
  }

  /** ISO 7816-4 5.4.1: the logical channel a class byte names (first and further interindustry). */
  static int channelOf(int cla) {
    return (cla & 0x40) != 0 ? 4 + (cla & 0x0F) : cla & 0x03;
  }

  /** MANAGE CHANNEL open (P1 00) and close (P1 80) through javax.smartcardio's channel API. */
  private byte[] manageChannel(byte[] apdu) throws CardException {
    if ((apdu[2] & 0xFF) == 0x00) {
      javax.smartcardio.CardChannel ch = card.openLogicalChannel();
      channels.put(ch.getChannelNumber(), ch);
      return new byte[] {(byte) ch.getChannelNumber(), (byte) 0x90, 0x00};
    }
    if ((apdu[2] & 0xFF) == 0x80) {
      javax.smartcardio.CardChannel ch = channels.remove(apdu[3] & 0xFF);
      if (ch != null) {
        ch.close();
      }
      return new byte[] {(byte) 0x90, 0x00};
    }
    return new byte[] {0x6A, (byte) 0x86}; // incorrect P1-P2
  }

  /** A warm reset: the card is disconnected with reset and connected again. */
  @Override
  public void reset() {
    try {
      channels.clear();
      card.disconnect(true);
      CardTerminal t = TerminalFactory.getDefault().terminals().getTerminal(readerName);
      card = t.connect("*");
      basic = card.getBasicChannel();
    } catch (CardException e) {
      lastError = String.valueOf(e);
    }
  }

  @Override
  public byte[] atr() {
    return card.getATR().getBytes();
  }

  @Override
  public void close() {
    try {
      card.disconnect(false);
    } catch (CardException e) {
      lastError = String.valueOf(e);
    }
  }
}

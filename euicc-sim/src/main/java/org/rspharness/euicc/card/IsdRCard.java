package org.rspharness.euicc.card;

import java.util.Arrays;
import java.util.List;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.fault.Fault;
import org.rspharness.core.fault.FaultPlan;
import org.rspharness.core.fault.FaultPoint;
import org.rspharness.core.tlv.Tlv;

/**
 * SGP.22 section 5.7.2: the ISD-R as the LPA sees it at APDU level: logical channels, SELECT of the
 * ISD-R, STORE DATA reassembly, and response delivery with 61xx / GET RESPONSE; each complete STORE
 * DATA payload goes to an {@link Es10Dispatcher}.
 *
 * <p>A typical LPA exchange:
 *
 * <pre>
 * LPA                                   IsdRCard
 *  | 00 70 00 00 01 (MANAGE CHANNEL open)  |
 *  |<------------------------ 01 90 00 ---| channel 1 opened
 *  | 01 A4 04 00 10 A0..0100 (SELECT)      |
 *  |<--------------------- FCI 90 00 ------| ISD-R selected on channel 1
 *  | 81 E2 11 00 78 [120 bytes] (block 0)  |
 *  |<---------------------------- 90 00 ---|
 *  | 81 E2 91 01 Lc [rest]   (last block)  |  -> Es10Dispatcher.handle(payload)
 *  |<--------------- [256 bytes] 61 xx ----| response longer than 256 bytes
 *  | 01 C0 00 00 xx (GET RESPONSE)         |
 *  |<-------------------- [rest] 90 00 ----|
 *  | 00 70 80 01 (MANAGE CHANNEL close)    |
 * </pre>
 *
 * <p>Status words, command by command (the choices where standards leave room are marked):
 *
 * <ul>
 *   <li>Any command: malformed length or extended length 6700; reserved CLA 6E00; secure messaging
 *       indicated 6882; ISO command chaining (CLA b5) 6884; channel not open or beyond {@link
 *       Config#logicalChannels()} 6881; unknown INS 6D00; a known INS in the wrong class (e.g.
 *       STORE DATA with CLA 00, SELECT with CLA 80) 6E00.
 *   <li>MANAGE CHANNEL (ISO 7816-4 section 11.1.2): P1 other than 00/80 6A86; command data 6700; no
 *       free channel 6A81 (open with P2 00 returns the channel number whether or not Le is
 *       present); open of a given channel number already open 6A86 (choice); close of the basic
 *       channel 6A86; close of a channel not open 6881 (choice).
 *   <li>SELECT (ISO 7816-4 section 11.2.2, GPC section 11.9): by DF name (P1 04) only; AID missing
 *       or longer than 16 bytes 6700; unknown AID 6A82 and the previous selection stays; selection
 *       by file identifier or path (P1 00-03, 08, 09) 6A82, as the card models no file system;
 *       other P1 or P2 6A86.
 *   <li>STORE DATA (GPC section 11.11, SGP.22 section 5.7.2): ISD-R not selected on the channel
 *       6985 (choice: the command exists, the channel's state forbids it; a real eUICC routes it to
 *       whatever is selected, typically the MF, and answers 6D00 or 6E00, which would hide the
 *       LPA's mistake); P1 other than 11/91 6A86; no data 6700; block number out of sequence 6A86
 *       (choice: the P2 value is what is wrong); reassembled payload over {@link
 *       Config#maxCommandLength()} 6A84 (GPC: not enough memory space); payload not starting with a
 *       well-formed BER tag and length 6A80. Any error drops the partial sequence on that channel;
 *       a block with P2 = 00 starts a new sequence, except right after block FF where it is the
 *       continuation: block numbers count modulo 256 (P2 is one byte).
 *   <li>GET RESPONSE (ISO 7816-4 section 11.5.1): nothing pending on the channel 6985 (choice; many
 *       cards answer so); P1-P2 other than 0000 6A86; accepted with either an interindustry or a
 *       proprietary CLA, because LPAs differ in which they send (ISO says 0x; lpac sends 8x, the
 *       CLA of the STORE DATA it follows).
 *   <li>TERMINAL CAPABILITY (ETSI TS 102 221 section 11.1.19): P1-P2 other than 0000 6A86; no data
 *       6700; otherwise 9000 on any open channel, whatever is selected.
 * </ul>
 *
 * <p>Responses: when the command carries Le, at most Ne bytes come back, the rest is announced with
 * 61xx; with no Le (what LPAs send), up to 256 bytes come back with 9000 directly, as a T=1 card
 * does; {@link Config#alwaysGetResponse()} makes every data-bearing response of a command without
 * Le go through 61xx, as a T=0 card does. Any command on a channel other than GET RESPONSE discards
 * that channel's pending response, and a non-STORE DATA command discards that channel's partial
 * STORE DATA sequence.
 *
 * <p>Threading: {@link #transmit} and {@link #reset} are synchronized, so one LPA at a time plus a
 * fault injector calling {@code reset()} from another thread is safe; interleaving two LPAs on
 * different channels is also consistent (ES10 calls are serialized), as on a real card.
 *
 * <p>Faults (issue 6): with a non-empty {@link FaultPlan} the card asks the plan once per ES10
 * command (grouping and APDU numbering in {@link CardFaults}: a STORE DATA chain is one command,
 * LoadBoundProfilePackage is all of the package's chains, GET RESPONSE belongs to the command it
 * continues, other APDUs are one-APDU commands) and applies, at APDU k:
 *
 * <ul>
 *   <li>{@link Fault.PowerLoss} before APDU k: the APDU is not processed; after it: processed, its
 *       response lost. Either way the card is then unpowered: every APDU gets an empty answer (no
 *       status word, what a reader sees of a card that stopped answering; {@code Es10Client}
 *       reports it as a malformed response) until {@link #reset()}, the power-on, which runs the
 *       ordinary power-cycle path: the persistent state is exactly what was last committed, and a
 *       load in progress fails with installFailedDueToInterruption (SGP.22 section 5.7.6).
 *   <li>{@link Fault.CardStatusWord}: the APDU is answered with that status word, not processed; as
 *       for any refusal the channel's partial STORE DATA chain and pending response are dropped.
 *   <li>{@link Fault.MemoryFull}: from APDU k until the next command starts (or a reset) the eUICC
 *       counts its free memory as 0 ({@link Es10Dispatcher#memoryFull}): a package load ends with
 *       installFailedDueToInsufficientMemoryForProfile(10); other commands are unaffected.
 *   <li>{@link Fault.SlowCard}: the {@link CardSleeper} waits the delay before (or after) APDU k.
 *   <li>{@link Fault.ChannelLeftOpen}: the channel of the command is marked; its next MANAGE
 *       CHANNEL close is answered 9000 but the channel stays open (ISD-R still selected), so the
 *       next open gets another channel number, and with every channel leaked an open gets 6A81 (no
 *       free channel, ISO 7816-4). A mark on the basic channel has no effect (it is never closed).
 * </ul>
 *
 * <p>Memory: an idle card holds two small bit masks and three references; buffers for partial
 * commands and pending responses are allocated on demand and released as soon as they are done.
 */
public final class IsdRCard implements Card {

  /** SGP.22 section 2.2.3: the ISD-R AID. */
  private static final byte[] ISD_R_AID = {
    (byte) 0xA0,
    0x00,
    0x00,
    0x05,
    0x59,
    0x10,
    0x10,
    (byte) 0xFF,
    (byte) 0xFF,
    (byte) 0xFF,
    (byte) 0xFF,
    (byte) 0x89,
    0x00,
    0x00,
    0x01,
    0x00
  };

  /**
   * GPC section 11.9.3.1: the FCI answered to SELECT ISD-R: 6F { 84 AID, A5 { 9F65 FF } } (9F65:
   * maximum length of the data field in a command message).
   */
  private static final byte[] FCI = buildFci();

  private static final int INS_MANAGE_CHANNEL = 0x70;
  private static final int INS_SELECT = 0xA4;
  private static final int INS_GET_RESPONSE = 0xC0;
  private static final int INS_STORE_DATA = 0xE2;
  private static final int INS_TERMINAL_CAPABILITY = 0xAA;

  private static final int P1_STORE_DATA_MORE = 0x11;
  private static final int P1_STORE_DATA_LAST = 0x91;

  /**
   * Looked up on first use: finding the platform's logger back end scans every jar of the class
   * path for a service, which would cost each short command (lpa profiles) its start-up.
   */
  private static final class Log {
    static final System.Logger LOG = System.getLogger(IsdRCard.class.getName());
  }

  /**
   * How the card behaves at APDU level.
   *
   * @param logicalChannels channels the card supports including the basic one, 1..20 (ISO 7816-4
   *     allows 4 in the first class coding, 20 with the further class; ETSI TS 102 221 cards
   *     usually offer 4 or 20)
   * @param maxCommandLength largest reassembled STORE DATA payload, in bytes (at least 255)
   * @param alwaysGetResponse answer every data-bearing command without Le with 61xx first, as a T=0
   *     card does
   */
  public record Config(int logicalChannels, int maxCommandLength, boolean alwaysGetResponse) {

    /** Default number of logical channels (basic + 3). */
    public static final int DEFAULT_LOGICAL_CHANNELS = 4;

    /** Default STORE DATA payload limit: 64 KiB. */
    public static final int DEFAULT_MAX_COMMAND_LENGTH = 64 * 1024;

    /** Validates. */
    public Config {
      if (logicalChannels < 1 || logicalChannels > ClassByte.MAX_CHANNELS) {
        throw new IllegalArgumentException("logicalChannels must be 1..20: " + logicalChannels);
      }
      if (maxCommandLength < 255) {
        throw new IllegalArgumentException("maxCommandLength must be >= 255: " + maxCommandLength);
      }
    }

    /** 4 channels, 64 KiB commands, responses of up to 256 bytes without GET RESPONSE. */
    public static Config defaults() {
      return new Config(DEFAULT_LOGICAL_CHANNELS, DEFAULT_MAX_COMMAND_LENGTH, false);
    }

    /** This configuration with {@code n} logical channels. */
    public Config withLogicalChannels(int n) {
      return new Config(n, maxCommandLength, alwaysGetResponse);
    }

    /** This configuration with a payload limit of {@code bytes}. */
    public Config withMaxCommandLength(int bytes) {
      return new Config(logicalChannels, bytes, alwaysGetResponse);
    }

    /** This configuration with T=0 style responses on or off. */
    public Config withAlwaysGetResponse(boolean on) {
      return new Config(logicalChannels, maxCommandLength, on);
    }
  }

  private static final byte[] NO_ANSWER = new byte[0];

  private final Es10Dispatcher dispatcher;
  private final Config config;
  private final byte[] atr;
  private final FaultPlan faultPlan;
  private final CardSleeper sleeper;

  /** Non-null only when the fault plan can inject something. */
  private final CardFaults faults;

  /** True after an injected power loss, until the next reset. */
  private boolean unpowered;

  /** Bit n set: the next MANAGE CHANNEL close of channel n leaves it open (ChannelLeftOpen). */
  private int leftOpen;

  /** The channel whose command runs with free memory counted as 0, or -1. */
  private int memoryFullChannel = -1;

  /** Bit n set: logical channel n is open. The basic channel (bit 0) is always open. */
  private int openChannels = 1;

  /** Bit n set: the ISD-R is selected on channel n. */
  private int isdRSelected;

  /** Per-channel transient buffers, allocated on demand; null when every channel is idle. */
  private ChannelState[] channelStates;

  /** A card with the default configuration and {@link Atr#defaultEuiccAtr()}. */
  public IsdRCard(Es10Dispatcher dispatcher) {
    this(dispatcher, Config.defaults(), Atr.DEFAULT_EUICC_SHARED);
  }

  /** A card with {@code config} and {@link Atr#defaultEuiccAtr()}. */
  public IsdRCard(Es10Dispatcher dispatcher, Config config) {
    this(dispatcher, config, Atr.DEFAULT_EUICC_SHARED);
  }

  /**
   * A card with {@code config} and {@link Atr#defaultEuiccAtr()} that applies the CARD faults of
   * {@code faultPlan}, waiting through {@code sleeper} for slow-card faults.
   */
  public IsdRCard(
      Es10Dispatcher dispatcher, Config config, FaultPlan faultPlan, CardSleeper sleeper) {
    this(dispatcher, config, Atr.DEFAULT_EUICC_SHARED, faultPlan, sleeper);
  }

  /** A card with {@code config} that reports {@code atr}. */
  public IsdRCard(Es10Dispatcher dispatcher, Config config, byte[] atr) {
    this(dispatcher, config, atr, FaultPlan.none(), CardSleeper.threadSleep());
  }

  /**
   * A card with {@code config} that reports {@code atr} and applies the CARD faults of {@code
   * faultPlan}, waiting through {@code sleeper} for slow-card faults.
   */
  public IsdRCard(
      Es10Dispatcher dispatcher,
      Config config,
      byte[] atr,
      FaultPlan faultPlan,
      CardSleeper sleeper) {
    if (dispatcher == null || config == null || atr == null) {
      throw new IllegalArgumentException("dispatcher, config and atr must not be null");
    }
    if (faultPlan == null || sleeper == null) {
      throw new IllegalArgumentException("faultPlan and sleeper must not be null");
    }
    this.faultPlan = faultPlan;
    this.sleeper = sleeper;
    this.faults = faultPlan.isEmpty() ? null : new CardFaults(faultPlan, config.logicalChannels());
    if (atr.length < 2 || atr.length > 33) {
      throw new IllegalArgumentException("atr must be 2..33 bytes: " + atr.length);
    }
    this.dispatcher = dispatcher;
    this.config = config;
    // The default ATR array is shared by all cards; atr() always hands out copies.
    this.atr = atr == Atr.DEFAULT_EUICC_SHARED ? atr : atr.clone();
  }

  /** SGP.22 section 2.2.3: the ISD-R AID, A0000005591010FFFFFFFF8900000100. */
  public static byte[] isdRAid() {
    return ISD_R_AID.clone();
  }

  /** The configuration this card runs with. */
  public Config config() {
    return config;
  }

  @Override
  public byte[] atr() {
    return atr.clone();
  }

  /** The fault plan this card applies ({@link FaultPlan#none()} by default). */
  public FaultPlan faultPlan() {
    return faultPlan;
  }

  /** False after an injected power loss, until the next {@link #reset()}. */
  public synchronized boolean powered() {
    return !unpowered;
  }

  @Override
  public synchronized byte[] transmit(byte[] commandApdu) {
    if (faults == null) {
      return answer(commandApdu);
    }
    return transmitWithFaults(commandApdu);
  }

  private byte[] transmitWithFaults(byte[] commandApdu) {
    if (unpowered) {
      return NO_ANSWER.clone();
    }
    CardFaults.Step step = faults.locate(commandApdu);
    if (step == null) {
      return answer(commandApdu);
    }
    if (step.apdu == 0 && memoryFullChannel >= 0) {
      memoryFull(-1);
    }
    List<Fault> before = step.at(FaultPoint.BEFORE_APDU);
    Integer refusal = null;
    for (Fault f : before) {
      if (f instanceof Fault.SlowCard slow) {
        sleeper.sleep(slow.delay());
      } else if (f instanceof Fault.PowerLoss) {
        unpowered = true;
      } else if (f instanceof Fault.CardStatusWord sw && refusal == null) {
        refusal = sw.sw();
      } else if (f instanceof Fault.MemoryFull) {
        memoryFull(step.channel);
      }
    }
    if (unpowered) {
      return NO_ANSWER.clone();
    }
    if (refusal != null) {
      dropPendingResponse(step.channel);
      dropPartialStoreData(step.channel);
      return new byte[] {(byte) (refusal >> 8), (byte) (int) refusal};
    }
    byte[] response = answer(commandApdu);
    for (Fault f : step.at(FaultPoint.AFTER_APDU)) {
      if (f instanceof Fault.SlowCard slow) {
        sleeper.sleep(slow.delay());
      } else if (f instanceof Fault.PowerLoss) {
        unpowered = true;
      } else if (f instanceof Fault.ChannelLeftOpen && step.channel > 0) {
        leftOpen |= 1 << step.channel;
      }
    }
    return unpowered ? NO_ANSWER.clone() : response;
  }

  private void memoryFull(int channel) {
    memoryFullChannel = channel;
    try {
      dispatcher.memoryFull(channel >= 0);
    } catch (RuntimeException e) {
      Log.LOG.log(System.Logger.Level.WARNING, "dispatcher failed on a memory-full fault", e);
    }
  }

  private byte[] answer(byte[] commandApdu) {
    try {
      return process(commandApdu);
    } catch (StatusWordException e) {
      return e.statusWord().toBytes();
    } catch (RuntimeException e) {
      Log.LOG.log(System.Logger.Level.WARNING, "card failure answering a command with 6F00", e);
      return StatusWord.NO_PRECISE_DIAGNOSIS.toBytes();
    }
  }

  /** ISO 7816-3 section 6.2: power cycle; transient APDU-level state is dropped. */
  @Override
  public synchronized void reset() {
    openChannels = 1;
    isdRSelected = 0;
    channelStates = null;
    unpowered = false;
    leftOpen = 0;
    if (faults != null) {
      faults.reset();
      if (memoryFullChannel >= 0) {
        memoryFull(-1);
      }
    }
    try {
      dispatcher.onCardReset();
    } catch (RuntimeException e) {
      Log.LOG.log(System.Logger.Level.WARNING, "dispatcher failed on card reset", e);
    }
  }

  /** True when no channel holds a partial command or pending response (for memory checks). */
  synchronized boolean isIdle() {
    return channelStates == null;
  }

  private byte[] process(byte[] apdu) {
    CommandApdu command = CommandApdu.parse(apdu);
    ClassByte cla = ClassByte.decode(command.cla());
    int channel = cla.channel();
    if (channel >= config.logicalChannels() || (openChannels & (1 << channel)) == 0) {
      throw new StatusWordException(
          StatusWord.LOGICAL_CHANNEL_NOT_SUPPORTED, "logical channel " + channel + " is not open");
    }
    if (cla.secureMessaging()) {
      throw new StatusWordException(
          StatusWord.SECURE_MESSAGING_NOT_SUPPORTED, "secure messaging indicated in CLA");
    }
    if (cla.chaining()) {
      throw new StatusWordException(
          StatusWord.COMMAND_CHAINING_NOT_SUPPORTED, "ISO command chaining indicated in CLA");
    }
    int ins = command.ins();
    if (ins == INS_GET_RESPONSE) {
      return getResponse(channel, command);
    }
    dropPendingResponse(channel);
    if (ins != INS_STORE_DATA) {
      dropPartialStoreData(channel);
    }
    if (!cla.proprietary()) {
      switch (ins) {
        case INS_MANAGE_CHANNEL:
          return manageChannel(channel, command);
        case INS_SELECT:
          return select(channel, command);
        case INS_STORE_DATA:
        case INS_TERMINAL_CAPABILITY:
          throw new StatusWordException(
              StatusWord.CLA_NOT_SUPPORTED, "proprietary command with an interindustry CLA");
        default:
          throw new StatusWordException(StatusWord.INS_NOT_SUPPORTED, "unknown INS");
      }
    }
    switch (ins) {
      case INS_STORE_DATA:
        return storeData(channel, command);
      case INS_TERMINAL_CAPABILITY:
        return terminalCapability(command);
      case INS_MANAGE_CHANNEL:
      case INS_SELECT:
        throw new StatusWordException(
            StatusWord.CLA_NOT_SUPPORTED, "interindustry command with a proprietary CLA");
      default:
        throw new StatusWordException(StatusWord.INS_NOT_SUPPORTED, "unknown INS");
    }
  }

  /** ISO 7816-4 section 11.1.2: MANAGE CHANNEL open (P1 00) and close (P1 80). */
  private byte[] manageChannel(int channel, CommandApdu command) {
    if (command.nc() != 0) {
      throw new StatusWordException(StatusWord.WRONG_LENGTH, "MANAGE CHANNEL takes no data");
    }
    int p2 = command.p2();
    if (command.p1() == 0x00) {
      int target;
      if (p2 == 0) {
        target = lowestFreeChannel();
        if (target < 0) {
          throw new StatusWordException(StatusWord.FUNCTION_NOT_SUPPORTED, "no free channel");
        }
      } else {
        checkChannelReference(p2);
        if ((openChannels & (1 << p2)) != 0) {
          throw new StatusWordException(StatusWord.INCORRECT_P1_P2, "channel already open");
        }
        target = p2;
      }
      openChannels |= 1 << target;
      // ISO 7816-4: from the basic channel, the new channel starts with the default selection
      // (the MF, not the ISD-R); from another channel it inherits that channel's selection.
      if (channel != 0 && (isdRSelected & (1 << channel)) != 0) {
        isdRSelected |= 1 << target;
      } else {
        isdRSelected &= ~(1 << target);
      }
      if (p2 == 0) {
        return new byte[] {(byte) target, (byte) 0x90, 0x00};
      }
      return StatusWord.OK.toBytes();
    }
    if (command.p1() == 0x80) {
      int target = p2 == 0 ? channel : p2;
      if (target == 0) {
        throw new StatusWordException(
            StatusWord.INCORRECT_P1_P2, "the basic channel cannot be closed");
      }
      checkChannelReference(target);
      if ((openChannels & (1 << target)) == 0) {
        throw new StatusWordException(
            StatusWord.LOGICAL_CHANNEL_NOT_SUPPORTED, "channel " + target + " is not open");
      }
      if ((leftOpen & (1 << target)) != 0) {
        // ChannelLeftOpen fault: the close is acknowledged but the channel stays open as it is.
        leftOpen &= ~(1 << target);
        return StatusWord.OK.toBytes();
      }
      openChannels &= ~(1 << target);
      isdRSelected &= ~(1 << target);
      releaseState(target);
      return StatusWord.OK.toBytes();
    }
    throw new StatusWordException(StatusWord.INCORRECT_P1_P2, "MANAGE CHANNEL P1 not 00/80");
  }

  private void checkChannelReference(int p2) {
    if (p2 >= ClassByte.MAX_CHANNELS) {
      throw new StatusWordException(StatusWord.INCORRECT_P1_P2, "channel number over 19");
    }
    if (p2 >= config.logicalChannels()) {
      throw new StatusWordException(
          StatusWord.LOGICAL_CHANNEL_NOT_SUPPORTED, "channel " + p2 + " not supported");
    }
  }

  private int lowestFreeChannel() {
    for (int n = 1; n < config.logicalChannels(); n++) {
      if ((openChannels & (1 << n)) == 0) {
        return n;
      }
    }
    return -1;
  }

  /** ISO 7816-4 section 11.2.2, GPC section 11.9: SELECT by DF name (AID). */
  private byte[] select(int channel, CommandApdu command) {
    int p1 = command.p1();
    int p2 = command.p2();
    if (p1 != 0x04) {
      if (p1 <= 0x03 || p1 == 0x08 || p1 == 0x09) {
        throw new StatusWordException(StatusWord.FILE_NOT_FOUND, "no file system modelled");
      }
      throw new StatusWordException(StatusWord.INCORRECT_P1_P2, "SELECT P1 not supported");
    }
    if ((p2 & 0xF0) != 0) {
      throw new StatusWordException(StatusWord.INCORRECT_P1_P2, "SELECT P2 not supported");
    }
    int nc = command.nc();
    if (nc == 0 || nc > 16) {
      throw new StatusWordException(StatusWord.WRONG_LENGTH, "AID must be 1..16 bytes: " + nc);
    }
    int occurrence = p2 & 0x03;
    byte[] aid = command.dataUnsafe();
    // GPC section 11.9.2.2: partial selection by a leading part of the AID (at least the 5-byte
    // RID); the ISD-R is the only application, so first and last occurrence coincide.
    boolean matches = occurrence <= 0x01 && nc >= 5 && Arrays.equals(aid, 0, nc, ISD_R_AID, 0, nc);
    if (!matches) {
      throw new StatusWordException(StatusWord.FILE_NOT_FOUND, "no application with that AID");
    }
    isdRSelected |= 1 << channel;
    if ((p2 & 0x0C) == 0x0C) {
      return StatusWord.OK.toBytes();
    }
    return respond(channel, FCI, command);
  }

  /** GPC section 11.11 and SGP.22 section 5.7.2: one STORE DATA block of an ES10 command. */
  private byte[] storeData(int channel, CommandApdu command) {
    if ((isdRSelected & (1 << channel)) == 0) {
      dropPartialStoreData(channel);
      throw new StatusWordException(
          StatusWord.CONDITIONS_NOT_SATISFIED, "ISD-R not selected on channel " + channel);
    }
    int p1 = command.p1();
    if (p1 != P1_STORE_DATA_MORE && p1 != P1_STORE_DATA_LAST) {
      dropPartialStoreData(channel);
      throw new StatusWordException(StatusWord.INCORRECT_P1_P2, "STORE DATA P1 not 11/91");
    }
    if (command.nc() == 0) {
      dropPartialStoreData(channel);
      throw new StatusWordException(StatusWord.WRONG_LENGTH, "STORE DATA block without data");
    }
    int p2 = command.p2();
    ChannelState state = stateOf(channel);
    boolean continuing = state.store != null && p2 == (state.nextBlock & 0xFF);
    if (p2 == 0 && !continuing) {
      state.startStore();
    } else if (!continuing) {
      int expected = state.store == null ? 0 : state.nextBlock & 0xFF;
      dropPartialStoreData(channel);
      throw new StatusWordException(
          StatusWord.INCORRECT_P1_P2,
          String.format("STORE DATA block %02X out of sequence, expected %02X", p2, expected));
    }
    if ((long) state.storeLength + command.nc() > config.maxCommandLength()) {
      dropPartialStoreData(channel);
      throw new StatusWordException(
          StatusWord.NOT_ENOUGH_MEMORY,
          "STORE DATA payload exceeds " + config.maxCommandLength() + " bytes");
    }
    state.append(command.dataUnsafe(), config.maxCommandLength());
    if (p1 == P1_STORE_DATA_MORE) {
      return StatusWord.OK.toBytes();
    }
    byte[] payload = state.takeStore();
    releaseIfIdle(channel);
    try {
      Tlv.header(payload, 0, payload.length);
    } catch (CodecException e) {
      throw new StatusWordException(
          StatusWord.WRONG_DATA, "STORE DATA payload does not start with a BER tag and length");
    }
    Es10Response response;
    try {
      response = dispatcher.handle(payload);
    } catch (RuntimeException e) {
      Log.LOG.log(System.Logger.Level.WARNING, "ES10 dispatcher failed; answering 6F00", e);
      return StatusWord.NO_PRECISE_DIAGNOSIS.toBytes();
    }
    if (response instanceof Es10Response.Data data) {
      return respond(channel, data.tlv(), command);
    }
    if (response instanceof Es10Response.Status status) {
      return status.statusWord().toBytes();
    }
    if (response == null) {
      Log.LOG.log(System.Logger.Level.WARNING, "ES10 dispatcher returned null; answering 6F00");
      return StatusWord.NO_PRECISE_DIAGNOSIS.toBytes();
    }
    return StatusWord.OK.toBytes();
  }

  /** ETSI TS 102 221 section 11.1.19: TERMINAL CAPABILITY, accepted and ignored. */
  private byte[] terminalCapability(CommandApdu command) {
    if (command.p1() != 0 || command.p2() != 0) {
      throw new StatusWordException(StatusWord.INCORRECT_P1_P2, "TERMINAL CAPABILITY P1-P2");
    }
    if (command.nc() == 0) {
      throw new StatusWordException(StatusWord.WRONG_LENGTH, "TERMINAL CAPABILITY without data");
    }
    return StatusWord.OK.toBytes();
  }

  /** ISO 7816-4 section 11.5.1 (and 5.3.4): GET RESPONSE, the next part of a long response. */
  private byte[] getResponse(int channel, CommandApdu command) {
    if (command.p1() != 0 || command.p2() != 0) {
      throw new StatusWordException(StatusWord.INCORRECT_P1_P2, "GET RESPONSE P1-P2 not 0000");
    }
    if (command.nc() != 0) {
      throw new StatusWordException(StatusWord.WRONG_LENGTH, "GET RESPONSE takes no data");
    }
    ChannelState state = channelStates == null ? null : channelStates[channel];
    if (state == null || state.pending == null) {
      throw new StatusWordException(
          StatusWord.CONDITIONS_NOT_SATISFIED, "no response pending on channel " + channel);
    }
    return nextChunk(channel, state, command.hasLe() ? command.ne() : 256);
  }

  /** ISO 7816-4 section 5.3.4: the first part of {@code data}, announcing the rest with 61xx. */
  private byte[] respond(int channel, byte[] data, CommandApdu command) {
    int first;
    if (command.hasLe()) {
      first = command.ne();
    } else {
      first = config.alwaysGetResponse() ? 0 : 256;
    }
    if (data.length <= first) {
      byte[] out = Arrays.copyOf(data, data.length + 2);
      out[data.length] = (byte) 0x90;
      return out;
    }
    ChannelState state = stateOf(channel);
    state.pending = data;
    state.pendingOffset = 0;
    if (first == 0) {
      return StatusWord.bytesRemaining(data.length).toBytes();
    }
    return nextChunk(channel, state, first);
  }

  private byte[] nextChunk(int channel, ChannelState state, int ne) {
    int remaining = state.pending.length - state.pendingOffset;
    int n = Math.min(ne, remaining);
    byte[] out = new byte[n + 2];
    System.arraycopy(state.pending, state.pendingOffset, out, 0, n);
    state.pendingOffset += n;
    remaining -= n;
    StatusWord sw;
    if (remaining == 0) {
      sw = StatusWord.OK;
      state.pending = null;
      state.pendingOffset = 0;
      releaseIfIdle(channel);
    } else {
      sw = StatusWord.bytesRemaining(remaining);
    }
    out[n] = (byte) sw.sw1();
    out[n + 1] = (byte) sw.sw2();
    return out;
  }

  private ChannelState stateOf(int channel) {
    if (channelStates == null) {
      channelStates = new ChannelState[config.logicalChannels()];
    }
    ChannelState state = channelStates[channel];
    if (state == null) {
      state = new ChannelState();
      channelStates[channel] = state;
    }
    return state;
  }

  private void dropPendingResponse(int channel) {
    if (channelStates != null && channelStates[channel] != null) {
      channelStates[channel].pending = null;
      channelStates[channel].pendingOffset = 0;
      releaseIfIdle(channel);
    }
  }

  private void dropPartialStoreData(int channel) {
    if (channelStates != null && channelStates[channel] != null) {
      channelStates[channel].store = null;
      channelStates[channel].storeLength = 0;
      releaseIfIdle(channel);
    }
  }

  private void releaseState(int channel) {
    if (channelStates != null) {
      channelStates[channel] = null;
      releaseIfIdle(channel);
    }
  }

  private void releaseIfIdle(int channel) {
    ChannelState state = channelStates[channel];
    if (state != null && (state.store != null || state.pending != null)) {
      return;
    }
    channelStates[channel] = null;
    for (ChannelState other : channelStates) {
      if (other != null) {
        return;
      }
    }
    channelStates = null;
  }

  private static byte[] buildFci() {
    byte[] fci = new byte[2 + 2 + ISD_R_AID.length + 2 + 4];
    int at = 0;
    fci[at++] = 0x6F;
    fci[at++] = (byte) (fci.length - 2);
    fci[at++] = (byte) 0x84;
    fci[at++] = (byte) ISD_R_AID.length;
    System.arraycopy(ISD_R_AID, 0, fci, at, ISD_R_AID.length);
    at += ISD_R_AID.length;
    fci[at++] = (byte) 0xA5;
    fci[at++] = 0x04;
    fci[at++] = (byte) 0x9F;
    fci[at++] = 0x65;
    fci[at++] = 0x01;
    fci[at] = (byte) 0xFF;
    return fci;
  }

  /** One channel's transient buffers; exists only while something is partial or pending. */
  private static final class ChannelState {
    private byte[] store;
    private int storeLength;
    private int nextBlock;
    private byte[] pending;
    private int pendingOffset;

    void startStore() {
      store = new byte[256];
      storeLength = 0;
      nextBlock = 0;
    }

    void append(byte[] block, int limit) {
      int needed = storeLength + block.length;
      if (needed > store.length) {
        store = Arrays.copyOf(store, Math.min(limit, Math.max(needed, store.length * 2)));
      }
      System.arraycopy(block, 0, store, storeLength, block.length);
      storeLength = needed;
      nextBlock++;
    }

    byte[] takeStore() {
      byte[] payload = Arrays.copyOf(store, storeLength);
      store = null;
      storeLength = 0;
      nextBlock = 0;
      return payload;
    }
  }
}

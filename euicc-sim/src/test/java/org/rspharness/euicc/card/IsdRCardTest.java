package org.rspharness.euicc.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rspharness.core.util.Hex;

class IsdRCardTest {

  private static final String AID = "A0000005591010FFFFFFFF8900000100";
  private static final String FCI = "6F18" + "8410" + AID + "A504" + "9F6501FF";

  private RecordingDispatcher dispatcher;
  private IsdRCard card;

  @BeforeEach
  void setUp() {
    dispatcher = new RecordingDispatcher();
    card = new IsdRCard(dispatcher);
  }

  private String tx(String hexApdu) {
    return Hex.encode(card.transmit(Hex.decode(hexApdu)));
  }

  private ResponseApdu tx(CommandApdu command) {
    return ResponseApdu.parse(card.transmit(command.toBytes()));
  }

  /** Opens channel 1 and selects the ISD-R on it, as lpac and Android's LPA do. */
  private void openAndSelectOnChannel1() {
    assertThat(tx("0070000001")).isEqualTo("019000");
    assertThat(tx("01A4040010" + AID)).isEqualTo(FCI + "9000");
  }

  /** Sends {@code command} as 120-byte STORE DATA blocks; returns the last block's response. */
  private ResponseApdu storeData(int channel, byte[] command) {
    List<CommandApdu> blocks = LpaApdus.storeData(channel, command, LpaApdus.DEFAULT_BLOCK_SIZE);
    for (int i = 0; i < blocks.size() - 1; i++) {
      assertThat(tx(blocks.get(i)).statusWord()).isEqualTo(StatusWord.OK);
    }
    return tx(blocks.get(blocks.size() - 1));
  }

  @Test
  void opensChannelSelectsIsdRAndReassemblesStoreDataBlocks() {
    openAndSelectOnChannel1();
    byte[] command = RecordingDispatcher.tlv(0xBF3E, 295); // 300 bytes: three blocks
    List<CommandApdu> blocks = LpaApdus.storeData(1, command, 120);
    assertThat(blocks)
        .extracting(CommandApdu::toString)
        .allSatisfy(apdu -> assertThat(apdu).startsWith("81E2"));
    assertThat(Hex.encode(blocks.get(0).toBytes())).startsWith("81E2110078BF3E82012700");
    assertThat(Hex.encode(blocks.get(2).toBytes())).startsWith("81E291023C");

    ResponseApdu last = storeData(1, command);

    assertThat(dispatcher.commands()).hasSize(1);
    assertThat(dispatcher.commands().get(0)).isEqualTo(command);
    // 300-byte echo: 256 bytes now, 44 announced with 612C.
    assertThat(last.statusWord()).isEqualTo(StatusWord.of(0x61, 44));
    assertThat(last.data()).isEqualTo(Arrays.copyOf(command, 256));
    ResponseApdu rest = tx(LpaApdus.getResponse(1, 44));
    assertThat(rest.statusWord()).isEqualTo(StatusWord.OK);
    assertThat(rest.data()).isEqualTo(Arrays.copyOfRange(command, 256, 300));
  }

  @Test
  void longResponseIsFetchedWithGetResponseInChunks() {
    openAndSelectOnChannel1();
    ResponseApdu first = storeData(1, Hex.decode("BF2D00"));
    assertThat(first.statusWord()).isEqualTo(StatusWord.of(0x61, 0x00)); // 744 left: 00 = 256+
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(first.data());
    ResponseApdu second = tx(LpaApdus.getResponse(1, 256)); // Le = 00
    assertThat(second.data()).hasSize(256);
    assertThat(second.statusWord()).isEqualTo(StatusWord.of(0x61, 0x00)); // 488 left
    all.writeBytes(second.data());
    ResponseApdu third = tx(LpaApdus.getResponse(1, 256));
    assertThat(third.data()).hasSize(256);
    assertThat(third.statusWord()).isEqualTo(StatusWord.of(0x61, 0xE8)); // 232 left
    all.writeBytes(third.data());
    ResponseApdu fourth = tx(LpaApdus.getResponse(1, 0xE8));
    assertThat(fourth.statusWord()).isEqualTo(StatusWord.OK);
    all.writeBytes(fourth.data());
    assertThat(all.toByteArray()).isEqualTo(RecordingDispatcher.LONG_RESPONSE);
    assertThat(tx("01C0000000")).isEqualTo("6985");
  }

  @Test
  void getResponseWithLargerLeReturnsWhatIsLeft() {
    openAndSelectOnChannel1();
    storeData(1, RecordingDispatcher.tlv(0xBF3E, 295));
    ResponseApdu rest = tx(LpaApdus.getResponse(1, 256));
    assertThat(rest.data()).hasSize(44);
    assertThat(rest.statusWord()).isEqualTo(StatusWord.OK);
  }

  @Test
  void responseOfAtMost256BytesComesBackWhole() {
    openAndSelectOnChannel1();
    byte[] exactly256 = RecordingDispatcher.tlv(0xBF3E, 252);
    ResponseApdu whole = storeData(1, exactly256);
    assertThat(whole.statusWord()).isEqualTo(StatusWord.OK);
    assertThat(whole.data()).isEqualTo(exactly256);

    byte[] just257 = RecordingDispatcher.tlv(0xBF3E, 253);
    ResponseApdu split = storeData(1, just257);
    assertThat(split.statusWord()).isEqualTo(StatusWord.of(0x61, 0x01));
    assertThat(tx("01C0000001"))
        .isEqualTo(Hex.encode(Arrays.copyOfRange(just257, 256, 257)) + "9000");
  }

  @Test
  void leInTheLastBlockLimitsTheFirstChunk() {
    openAndSelectOnChannel1();
    byte[] command = RecordingDispatcher.tlv(0xBF3E, 40);
    // Last (only) block with Le = 10.
    String apdu = "81E29100" + String.format("%02X", command.length) + Hex.encode(command) + "10";
    assertThat(tx(apdu))
        .isEqualTo(Hex.encode(Arrays.copyOf(command, 16)) + String.format("61%02X", 27));
    // Le = 00 on a short response gives it whole.
    String apdu00 = "81E29100" + String.format("%02X", command.length) + Hex.encode(command) + "00";
    assertThat(tx(apdu00)).isEqualTo(Hex.encode(command) + "9000");
  }

  @Test
  void t0StyleConfigAnnouncesEveryResponseWith61xx() {
    card = new IsdRCard(dispatcher, IsdRCard.Config.defaults().withAlwaysGetResponse(true));
    assertThat(tx("0070000001")).isEqualTo("019000"); // Le present: data comes directly
    assertThat(tx("01A4040010" + AID)).isEqualTo("611A");
    assertThat(tx("01C000001A")).isEqualTo(FCI + "9000");
    byte[] command = RecordingDispatcher.tlv(0xBF3E, 3);
    assertThat(Hex.encode(storeData(1, command).toBytes())).isEqualTo("6106");
    assertThat(tx("01C0000006")).isEqualTo(Hex.encode(command) + "9000");
    assertThat(Hex.encode(storeData(1, Hex.decode("BF3003800101")).toBytes())).isEqualTo("9000");
  }

  @Test
  void anotherCommandOnTheChannelDiscardsThePendingResponse() {
    openAndSelectOnChannel1();
    assertThat(storeData(1, Hex.decode("BF2D00")).statusWord().sw1()).isEqualTo(0x61);
    assertThat(tx("81AA000003A90100")).isEqualTo("9000");
    assertThat(tx("01C0000000")).isEqualTo("6985");
  }

  @Test
  void pendingResponseOnOneChannelSurvivesCommandsOnAnother() {
    openAndSelectOnChannel1();
    assertThat(tx("0070000001")).isEqualTo("029000");
    assertThat(storeData(1, Hex.decode("BF2D00")).statusWord().sw1()).isEqualTo(0x61);
    assertThat(tx("02A4040010" + AID)).isEqualTo(FCI + "9000");
    assertThat(tx("02C0000000")).isEqualTo("6985");
    ResponseApdu next = tx(LpaApdus.getResponse(1, 256));
    assertThat(next.data())
        .isEqualTo(Arrays.copyOfRange(RecordingDispatcher.LONG_RESPONSE, 256, 512));
  }

  @Test
  void getResponseWithNothingPendingIsRefusedWith6985() {
    assertThat(tx("00C0000000")).isEqualTo("6985");
    assertThat(tx("80C0000000")).isEqualTo("6985");
  }

  @Test
  void getResponseWithWrongParametersIsRefused() {
    openAndSelectOnChannel1();
    storeData(1, Hex.decode("BF2D00"));
    assertThat(tx("01C0010000")).isEqualTo("6A86");
    assertThat(tx("01C00000020102")).isEqualTo("6700");
    // Neither refusal consumed the response: GET RESPONSE with a proprietary CLA fetches it.
    assertThat(tx("81C0000000"))
        .startsWith(Hex.encode(Arrays.copyOfRange(RecordingDispatcher.LONG_RESPONSE, 256, 260)));
  }

  @Test
  void blockNumberOutOfSequenceIsRejectedAndDropsTheSequence() {
    openAndSelectOnChannel1();
    byte[] command = RecordingDispatcher.tlv(0xBF3E, 295);
    List<CommandApdu> blocks = LpaApdus.storeData(1, command, 120);
    assertThat(tx(blocks.get(0)).statusWord()).isEqualTo(StatusWord.OK);
    assertThat(tx(blocks.get(2)).statusWord()).isEqualTo(StatusWord.INCORRECT_P1_P2);
    // The sequence is gone: even the right next block is now out of sequence.
    assertThat(tx(blocks.get(1)).statusWord()).isEqualTo(StatusWord.INCORRECT_P1_P2);
    assertThat(dispatcher.commands()).isEmpty();
    // A fresh sequence from block 0 goes through.
    assertThat(storeData(1, command).statusWord()).isEqualTo(StatusWord.of(0x61, 44));
    assertThat(dispatcher.commands()).hasSize(1);
  }

  @Test
  void continuationBlockWithoutAStartIsRejected() {
    openAndSelectOnChannel1();
    assertThat(tx("81E2910103BF3000")).isEqualTo("6A86");
    assertThat(dispatcher.commands()).isEmpty();
  }

  @Test
  void blockZeroRestartsAnUnfinishedSequence() {
    openAndSelectOnChannel1();
    assertThat(tx("81E2110003BF3E05")).isEqualTo("9000");
    byte[] fresh = RecordingDispatcher.tlv(0xBF3E, 2);
    assertThat(storeData(1, fresh).data()).isEqualTo(fresh);
    assertThat(dispatcher.commands()).containsExactly(fresh);
  }

  @Test
  void blockNumbersCountModulo256() {
    card = new IsdRCard(dispatcher);
    assertThat(tx("00A4040010" + AID)).isEqualTo(FCI + "9000");
    byte[] command = RecordingDispatcher.tlv(0xBF3E, 1795); // 1800 bytes in 6-byte blocks: 300
    List<CommandApdu> blocks = LpaApdus.storeData(0, command, 6);
    assertThat(blocks).hasSize(300);
    assertThat(blocks.get(256).p2()).isZero();
    for (int i = 0; i < blocks.size() - 1; i++) {
      assertThat(tx(blocks.get(i)).statusWord()).as("block %d", i).isEqualTo(StatusWord.OK);
    }
    assertThat(tx(blocks.get(299)).statusWord()).isEqualTo(StatusWord.of(0x61, 0x00));
    assertThat(dispatcher.commands().get(0)).isEqualTo(command);
  }

  @Test
  void storeDataWithWrongP1IsRejected() {
    openAndSelectOnChannel1();
    assertThat(tx("81E2900003BF3000")).isEqualTo("6A86");
    assertThat(tx("81E2010003BF3000")).isEqualTo("6A86");
    assertThat(dispatcher.commands()).isEmpty();
  }

  @Test
  void storeDataWithoutDataIsWrongLength() {
    openAndSelectOnChannel1();
    assertThat(tx("81E29100")).isEqualTo("6700");
    assertThat(tx("81E2910000")).isEqualTo("6700"); // case 2: Le only
  }

  @Test
  void storeDataWithoutIsdRSelectedIsRefusedWith6985() {
    assertThat(tx("80E2910003BF3000")).isEqualTo("6985");
    // A channel opened from the basic channel starts without the ISD-R selected.
    assertThat(tx("0070000001")).isEqualTo("019000");
    assertThat(tx("81E2910003BF3000")).isEqualTo("6985");
    assertThat(dispatcher.commands()).isEmpty();
  }

  @Test
  void basicChannelWorks() {
    assertThat(tx("00A4040010" + AID)).isEqualTo(FCI + "9000");
    byte[] command = RecordingDispatcher.tlv(0xBF3E, 10);
    assertThat(LpaApdus.storeData(0, command, 120).get(0).cla()).isEqualTo(0x80);
    assertThat(storeData(0, command).data()).isEqualTo(command);
    assertThat(tx("00C0000000")).isEqualTo("6985");
  }

  @Test
  void commandOnAChannelNotOpenIsRefusedWith6881() {
    assertThat(tx("01A4040010" + AID)).isEqualTo("6881");
    assertThat(tx("82E2910003BF3000")).isEqualTo("6881");
    assertThat(tx("03C0000000")).isEqualTo("6881");
    // Channel 4 (further class) with a 4-channel card is beyond what it supports.
    assertThat(tx("40A4040010" + AID)).isEqualTo("6881");
    assertThat(tx("C0E2910003BF3000")).isEqualTo("6881");
  }

  @Test
  void twentyChannelCardUsesTheFurtherClassCodingForChannels4To19() {
    card = new IsdRCard(dispatcher, IsdRCard.Config.defaults().withLogicalChannels(20));
    for (int expected = 1; expected <= 19; expected++) {
      assertThat(tx("0070000001")).isEqualTo(String.format("%02X9000", expected));
    }
    assertThat(tx("0070000001")).isEqualTo("6A81");
    assertThat(tx("4FA4040010" + AID)).isEqualTo(FCI + "9000"); // channel 19
    byte[] command = RecordingDispatcher.tlv(0xBF3E, 4);
    assertThat(tx("CFE29100" + "07" + Hex.encode(command))).isEqualTo(Hex.encode(command) + "9000");
    assertThat(tx("C0E29100" + "07" + Hex.encode(command))).isEqualTo("6985"); // channel 4
  }

  @Test
  void manageChannelRunsOutOfChannelsWith6A81() {
    assertThat(tx("0070000001")).isEqualTo("019000");
    assertThat(tx("0070000001")).isEqualTo("029000");
    assertThat(tx("0070000001")).isEqualTo("039000");
    assertThat(tx("0070000001")).isEqualTo("6A81");
  }

  @Test
  void manageChannelCloseFreesTheChannel() {
    openAndSelectOnChannel1();
    assertThat(tx("00708001")).isEqualTo("9000");
    assertThat(tx("81E2910003BF3000")).isEqualTo("6881");
    // Reopened, the channel no longer has the ISD-R selected.
    assertThat(tx("0070000001")).isEqualTo("019000");
    assertThat(tx("81E2910003BF3000")).isEqualTo("6985");
    // Closing from the channel itself with P2 = 00.
    assertThat(tx("01708000")).isEqualTo("9000");
    assertThat(tx("01A4040010" + AID)).isEqualTo("6881");
  }

  @Test
  void manageChannelErrors() {
    assertThat(tx("00708000")).isEqualTo("6A86"); // basic channel cannot be closed
    assertThat(tx("00708002")).isEqualTo("6881"); // not open
    assertThat(tx("00708014")).isEqualTo("6A86"); // channel 20 does not exist
    assertThat(tx("00704000")).isEqualTo("6A86"); // P1 neither open nor close
    assertThat(tx("007000000101")).isEqualTo("6700"); // data where none belongs
    assertThat(tx("00700002")).isEqualTo("9000"); // open channel 2 by number
    assertThat(tx("00700002")).isEqualTo("6A86"); // already open
    assertThat(tx("00700005")).isEqualTo("6881"); // beyond the 4 channels
    assertThat(tx("0070000001")).isEqualTo("019000"); // lowest free one
  }

  @Test
  void channelOpenedFromAnotherChannelInheritsItsSelection() {
    openAndSelectOnChannel1();
    assertThat(tx("0170000001")).isEqualTo("029000");
    byte[] command = RecordingDispatcher.tlv(0xBF3E, 2);
    assertThat(storeData(2, command).data()).isEqualTo(command);
  }

  @Test
  void selectOfAnUnknownAidIsRefusedAndKeepsTheSelection() {
    openAndSelectOnChannel1();
    assertThat(tx("01A4040010A0000005591010FFFFFFFF8900000200")).isEqualTo("6A82"); // ECASD
    byte[] command = RecordingDispatcher.tlv(0xBF3E, 2);
    assertThat(storeData(1, command).data()).isEqualTo(command);
    assertThat(tx("00A4040007A0000000871002")).isEqualTo("6A82"); // USIM
    assertThat(tx("80E2910003BF3000")).isEqualTo("6985");
  }

  @Test
  void selectVariants() {
    assertThat(tx("00A4040C10" + AID)).isEqualTo("9000"); // no response data asked
    assertThat(tx("00A404000BA0000005591010FFFFFFFF")).isEqualTo(FCI + "9000"); // partial AID
    assertThat(tx("00A4040010" + AID + "00")).isEqualTo(FCI + "9000"); // Le = 00
    assertThat(tx("00A4040010" + AID + "10")).isEqualTo(FCI.substring(0, 32) + "610A");
    assertThat(tx("00A4040210" + AID)).isEqualTo("6A82"); // next occurrence: there is none
    assertThat(tx("00A4000C023F00")).isEqualTo("6A82"); // by file id: no file system
    assertThat(tx("00A4050010" + AID)).isEqualTo("6A86");
    assertThat(tx("00A4041010" + AID)).isEqualTo("6A86");
    assertThat(tx("00A40400")).isEqualTo("6700");
    assertThat(tx("00A4040011" + AID + "01")).isEqualTo("6700");
    assertThat(tx("00A4040004A0000005")).isEqualTo("6A82"); // shorter than a RID
  }

  @Test
  void wrongClassIsRefusedWith6E00() {
    assertThat(tx("00E2910003BF3000")).isEqualTo("6E00"); // STORE DATA, interindustry CLA
    assertThat(tx("80A4040010" + AID)).isEqualTo("6E00"); // SELECT, proprietary CLA
    assertThat(tx("8070000001")).isEqualTo("6E00");
    assertThat(tx("A0A4000C023F00")).isEqualTo("6E00"); // GSM class
    assertThat(tx("20A4040010" + AID)).isEqualTo("6E00"); // reserved
    assertThat(tx("FFA4040010" + AID)).isEqualTo("6E00");
  }

  @Test
  void unknownInstructionIsRefusedWith6D00() {
    assertThat(tx("80CA9F7F00")).isEqualTo("6D00");
    assertThat(tx("00B0000000")).isEqualTo("6D00");
    assertThat(tx("80F2000C")).isEqualTo("6D00");
  }

  @Test
  void secureMessagingAndCommandChainingAreRefused() {
    assertThat(tx("84E2910003BF3000")).isEqualTo("6882");
    assertThat(tx("0CA4040010" + AID)).isEqualTo("6882");
    assertThat(tx("90E2910003BF3000")).isEqualTo("6884");
    assertThat(tx("10A4040010" + AID)).isEqualTo("6884");
  }

  @Test
  void malformedLengthsAreRefusedWith6700() {
    assertThat(tx("")).isEqualTo("6700");
    assertThat(tx("80E291")).isEqualTo("6700");
    assertThat(tx("80E2910003BF30")).isEqualTo("6700"); // Lc 3, 2 bytes
    assertThat(tx("80E2910003BF30000000")).isEqualTo("6700"); // Lc 3, 5 bytes
    assertThat(tx("80E29100000003BF3000")).isEqualTo("6700"); // extended length
    assertThat(card.transmit(null)).containsExactly(0x67, 0x00);
  }

  @Test
  void unknownEs10TagGets6A88FromTheDispatcher() {
    openAndSelectOnChannel1();
    assertThat(Hex.encode(storeData(1, Hex.decode("BF9F0100")).toBytes())).isEqualTo("6A88");
    assertThat(dispatcher.commands()).hasSize(1);
  }

  @Test
  void payloadWithoutAWellFormedTagAndLengthIsRefusedWith6A80() {
    openAndSelectOnChannel1();
    assertThat(tx("81E2910004BF3E8000")).isEqualTo("6A80"); // indefinite length
    assertThat(tx("81E2910002BF3E")).isEqualTo("6A80"); // no length
    assertThat(tx("81E2910003BF3E85")).isEqualTo("6A80"); // 5 length bytes
    assertThat(tx("81E29100020000")).isEqualTo("6A80"); // end-of-contents tag
    assertThat(tx("81E2910003BF3E82")).isEqualTo("6A80"); // long form truncated
    assertThat(dispatcher.commands()).isEmpty();
    // A BPP header segment (outer length larger than what follows) is passed on.
    assertThat(tx("81E2910004A1820400")).isEqualTo("6A88");
    assertThat(dispatcher.commands()).hasSize(1);
  }

  @Test
  void payloadOverTheLimitIsRefusedWith6A84() {
    card = new IsdRCard(dispatcher, IsdRCard.Config.defaults().withMaxCommandLength(300));
    assertThat(tx("00A4040C10" + AID)).isEqualTo("9000");
    List<CommandApdu> blocks = LpaApdus.storeData(0, RecordingDispatcher.tlv(0xBF3E, 295), 120);
    assertThat(tx(blocks.get(0)).statusWord()).isEqualTo(StatusWord.OK);
    assertThat(tx(blocks.get(1)).statusWord()).isEqualTo(StatusWord.OK);
    assertThat(tx(blocks.get(2)).statusWord()).isEqualTo(StatusWord.of(0x61, 44)); // accepted
    List<CommandApdu> tooBig = LpaApdus.storeData(0, RecordingDispatcher.tlv(0xBF3E, 296), 120);
    assertThat(tx(tooBig.get(0)).statusWord()).isEqualTo(StatusWord.OK);
    assertThat(tx(tooBig.get(1)).statusWord()).isEqualTo(StatusWord.OK);
    assertThat(tx(tooBig.get(2)).statusWord()).isEqualTo(StatusWord.NOT_ENOUGH_MEMORY);
    assertThat(dispatcher.commands()).hasSize(1);
    assertThat(card.isIdle()).isTrue();
  }

  @Test
  void dispatcherWithNoDataAnswersBare9000() {
    openAndSelectOnChannel1();
    assertThat(Hex.encode(storeData(1, Hex.decode("BF3003800101")).toBytes())).isEqualTo("9000");
  }

  @Test
  void dispatcherFailureGives6F00AndTheCardStaysUsable() {
    openAndSelectOnChannel1();
    assertThat(tx("81E2910003BF7F00")).isEqualTo("6F00");
    byte[] command = RecordingDispatcher.tlv(0xBF3E, 2);
    assertThat(storeData(1, command).data()).isEqualTo(command);
  }

  @Test
  void terminalCapabilityIsAcknowledged() {
    assertThat(tx("80AA00000AA9088100820101830107")).isEqualTo("9000");
    assertThat(tx("80AA01000AA9088100820101830107")).isEqualTo("6A86");
    assertThat(tx("80AA0000")).isEqualTo("6700");
    assertThat(tx("00AA00000AA9088100820101830107")).isEqualTo("6E00");
  }

  @Test
  void resetDropsChannelsSelectionPendingResponsesAndPartialStoreData() {
    openAndSelectOnChannel1();
    assertThat(tx("00A4040C10" + AID)).isEqualTo("9000");
    assertThat(storeData(1, Hex.decode("BF2D00")).statusWord().sw1()).isEqualTo(0x61);
    assertThat(tx("80E2110003BF3E05")).isEqualTo("9000"); // partial on the basic channel
    assertThat(card.isIdle()).isFalse();

    card.reset();

    assertThat(dispatcher.resets()).isEqualTo(1);
    assertThat(card.isIdle()).isTrue();
    assertThat(tx("01C0000000")).isEqualTo("6881"); // channel 1 closed
    assertThat(tx("00A4040C10" + AID)).isEqualTo("9000");
    assertThat(tx("80E291010101")).isEqualTo("6A86"); // the partial sequence is gone
    assertThat(tx("0070000001")).isEqualTo("019000"); // channel numbering starts over
    assertThat(tx("81E2910003BF3000")).isEqualTo("6985"); // no selection survives
  }

  @Test
  void buffersAreReleasedOnceAnExchangeIsComplete() {
    assertThat(card.isIdle()).isTrue();
    openAndSelectOnChannel1();
    storeData(1, RecordingDispatcher.tlv(0xBF3E, 295));
    assertThat(card.isIdle()).isFalse(); // 44 bytes pending
    tx(LpaApdus.getResponse(1, 44));
    assertThat(card.isIdle()).isTrue();
    assertThat(tx("81E2110003BF3E05")).isEqualTo("9000");
    assertThat(card.isIdle()).isFalse();
    assertThat(tx("00708001")).isEqualTo("9000"); // closing the channel drops its partial data
    assertThat(card.isIdle()).isTrue();
  }

  @Test
  void atrIsACopy() {
    byte[] atr = card.atr();
    atr[0] = 0;
    assertThat(card.atr()[0]).isEqualTo((byte) 0x3B);
  }
}

package org.rspharness.lpa.es10;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rspharness.asn1.rsp.AuthenticateServerResponse;
import org.rspharness.core.bpp.BoundProfilePackage;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.RecordingSink;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.TransactionId;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.core.tlv.TlvWriter;
import org.rspharness.euicc.card.Card;
import org.rspharness.euicc.card.Es10Response;
import org.rspharness.euicc.card.StatusWord;

class Es10ClientTest {

  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  static byte[] filled(int n, int seed) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (seed + i);
    }
    return b;
  }

  /** A ProfileInstallationResult with an errorResult (bppCommandId, errorReason). */
  static byte[] pirError(int bppCommandId, int errorReason) {
    return pir(
        TlvBuilder.constructed(0xA1)
            .add(0x80, new byte[] {(byte) bppCommandId})
            .add(0x81, new byte[] {(byte) errorReason}));
  }

  static byte[] pirSuccess() {
    return pir(
        TlvBuilder.constructed(0xA0)
            .add(0x4F, hex("A0000005591010FFFFFFFF8900001100"))
            .add(0x04, new byte[] {0x30, 0x00}));
  }

  private static byte[] pir(TlvBuilder finalResult) {
    byte[] data =
        TlvBuilder.constructed(0xBF27)
            .add(0x80, filled(16, 1))
            .add(
                TlvBuilder.constructed(0xBF2F)
                    .add(0x80, new byte[] {1})
                    .add(0x81, new byte[] {0x07, (byte) 0x80})
                    .add(0x0C, "testsmdpplus1.example.com".getBytes()))
            .add(TlvBuilder.constructed(0xA2).add(finalResult))
            .build();
    return TlvBuilder.constructed(0xBF37).addEncoded(data).add(0x5F37, filled(64, 9)).build();
  }

  @Test
  void opensChannelOneSelectsIsdRAndSendsStoreDataIn120ByteBlocksWithoutLe() {
    byte[] command = TlvWriter.encode(0xBF3E, filled(295, 0)); // 300 bytes in all
    RecordingCard card = RecordingCard.scripted(Es10Response::of);
    Es10Client es10 = new Es10Client(card, EventLog.disabled());

    byte[] response = es10.transmit("Echo", command);

    assertThat(response).isEqualTo(command);
    assertThat(card.apdus.get(0)).isEqualTo(hex("00 70 00 00 01"));
    assertThat(card.apdus.get(1)).isEqualTo(hex("01 A4 04 00 10 A0000005591010FFFFFFFF8900000100"));
    List<byte[]> sd = card.storeData();
    assertThat(sd).hasSize(3);
    assertThat(Arrays.copyOf(sd.get(0), 5)).isEqualTo(hex("81 E2 11 00 78"));
    assertThat(Arrays.copyOf(sd.get(1), 5)).isEqualTo(hex("81 E2 11 01 78"));
    assertThat(Arrays.copyOf(sd.get(2), 5)).isEqualTo(hex("81 E2 91 02 3C"));
    // No Le: every STORE DATA is exactly header + Lc + data.
    assertThat(sd).allSatisfy(a -> assertThat(a.length).isEqualTo(5 + (a[4] & 0xFF)));
    assertThat(Arrays.copyOfRange(sd.get(0), 5, 125)).isEqualTo(Arrays.copyOf(command, 120));
    assertThat(card.es10Commands).containsExactly(command);
  }

  @Test
  void blockSizeIsConfigurableFrom6To255() {
    byte[] command = TlvWriter.encode(0xBF3E, filled(20, 0)); // 23 bytes
    RecordingCard card = RecordingCard.scripted(Es10Response::of);
    new Es10Client(card, EventLog.disabled(), Es10Client.Options.defaults().withBlockSize(6))
        .transmit("Echo", command);
    assertThat(card.storeData()).hasSize(4);
    assertThat(card.storeData().get(3)[2]).isEqualTo((byte) 0x91);
    assertThat(card.storeData().get(3)[4]).isEqualTo((byte) 5);

    assertThatThrownBy(() -> Es10Client.Options.defaults().withBlockSize(5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("6..255");
    assertThatThrownBy(() -> Es10Client.Options.defaults().withBlockSize(256))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fetchesLongResponsesWithGetResponse() {
    byte[] longData = TlvWriter.encode(0xBF2D, filled(1000, 3));
    RecordingCard card = RecordingCard.scripted(c -> Es10Response.of(longData));
    Es10Client es10 = new Es10Client(card, EventLog.disabled());

    assertThat(es10.transmit("GetProfilesInfo", hex("BF2D00"))).isEqualTo(longData);
    List<byte[]> getResponses = card.apdus.stream().filter(a -> (a[1] & 0xFF) == 0xC0).toList();
    assertThat(getResponses).isNotEmpty();
    assertThat(getResponses).allSatisfy(a -> assertThat(a[0]).isEqualTo((byte) 0x01));
  }

  @Test
  void followsA61xxChainOfAScriptedCardExactly() {
    byte[] part1 = filled(256, 0);
    byte[] part2 = filled(16, 7);
    Deque<byte[]> script = new ArrayDeque<>();
    script.add(hex("01 90 00")); // MANAGE CHANNEL -> channel 1
    script.add(hex("90 00")); // SELECT
    script.add(hex("61 00")); // the only STORE DATA block: 256+ bytes waiting
    script.add(concat(part1, hex("61 10")));
    script.add(concat(part2, hex("90 00")));
    List<byte[]> sent = new java.util.ArrayList<>();
    Card card = scriptedCard(script, sent);
    RecordingSink sink = new RecordingSink();
    EventLog log = EventLog.system().addSink(sink);

    byte[] out = new Es10Client(card, log).transmit("X", hex("BF2D00"));

    assertThat(out).isEqualTo(concat(part1, part2));
    assertThat(sent.get(2)).isEqualTo(hex("81 E2 91 00 03 BF2D00"));
    assertThat(sent.get(3)).isEqualTo(hex("01 C0 00 00 00"));
    assertThat(sent.get(4)).isEqualTo(hex("01 C0 00 00 10"));
    assertThat(sink.events().stream().filter(e -> e.payload() instanceof EventPayload.ApduExchange))
        .hasSize(5);
    // after the APDUs of each command, the command: its name, result, APDUs and bytes
    List<EventPayload.Es10Command> commands =
        sink.payloads(EventPayload.Es10Command.class).toList();
    assertThat(commands)
        .extracting(
            EventPayload.Es10Command::function,
            EventPayload.Es10Command::result,
            EventPayload.Es10Command::channel,
            EventPayload.Es10Command::apdus,
            EventPayload.Es10Command::commandBytes,
            EventPayload.Es10Command::responseBytes)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ManageChannel", "ok", 0, 1, 0, 1),
            org.assertj.core.groups.Tuple.tuple("Select", "ok", 1, 1, 16, 0),
            org.assertj.core.groups.Tuple.tuple("GetProfilesInfo", "ok", 1, 3, 3, 272));
    assertThat(sink.events().get(sink.events().size() - 1).payload())
        .isInstanceOf(EventPayload.Es10Command.class);
  }

  @Test
  void aBoundProfilePackageIsOneCommandOverAllItsSequences() {
    byte[] pir = pirError(2, 10); // storeMetadata, insufficient memory
    int[] count = {0};
    RecordingCard card =
        RecordingCard.scripted(c -> ++count[0] == 4 ? Es10Response.of(pir) : Es10Response.noData());
    RecordingSink sink = new RecordingSink();
    byte[] bpp = bpp();

    new Es10Client(card, EventLog.system().addSink(sink)).loadBoundProfilePackage(bpp);

    List<EventPayload.Es10Command> commands =
        sink.payloads(EventPayload.Es10Command.class).toList();
    EventPayload.Es10Command load = commands.get(commands.size() - 1);
    assertThat(load.function()).isEqualTo("LoadBoundProfilePackage");
    assertThat(load.result()).isEqualTo("errorResult");
    assertThat(load.ok()).isFalse();
    assertThat(load.commandBytes()).isEqualTo(bpp.length);
    assertThat(load.responseBytes()).isEqualTo(pir.length);
    // every STORE DATA block of the four sequences sent, and nothing else
    assertThat(load.apdus()).isEqualTo(card.storeData().size());
    assertThat(commands).hasSize(3); // MANAGE CHANNEL, SELECT, the package
  }

  @Test
  void errorStatusWordBecomesEs10ExceptionWithTheStatusWord() {
    RecordingCard card =
        RecordingCard.scripted(c -> Es10Response.status(StatusWord.REFERENCED_DATA_NOT_FOUND));
    Es10Client es10 = new Es10Client(card, EventLog.disabled());
    assertThatThrownBy(es10::getEuiccChallenge)
        .isInstanceOfSatisfying(
            Es10Exception.class, e -> assertThat(e.statusWord()).isEqualTo(0x6A88))
        .hasMessageContaining("GetEUICCChallenge")
        .hasMessageContaining("6A88");
  }

  @Test
  void malformedResponseIsOneClearError() {
    RecordingCard card = RecordingCard.scripted(c -> Es10Response.of(hex("BF2F 03 80 01 00")));
    Es10Client es10 = new Es10Client(card, EventLog.disabled());
    assertThatThrownBy(es10::getEuiccChallenge)
        .isInstanceOf(Es10Exception.class)
        .hasMessageContaining("malformed response BF2F")
        .hasMessageContaining("expected BF2E");
  }

  @Test
  void aChallengeOfTheWrongSizeIsRefused() {
    RecordingCard card = RecordingCard.scripted(c -> Es10Response.of(hex("BF2E 03 80 01 00")));
    Es10Client es10 = new Es10Client(card, EventLog.disabled());
    assertThatThrownBy(es10::getEuiccChallenge)
        .isInstanceOf(Es10Exception.class)
        .hasMessageContaining("euiccChallenge of 1 bytes");
  }

  @Test
  void decodesTheChallengeAndSendsAnEmptyBf2e() {
    byte[] challenge = filled(16, 0x40);
    RecordingCard card =
        RecordingCard.scripted(
            c -> Es10Response.of(TlvBuilder.constructed(0xBF2E).add(0x80, challenge).build()));
    assertThat(new Es10Client(card, EventLog.disabled()).getEuiccChallenge()).isEqualTo(challenge);
    assertThat(card.es10Commands).containsExactly(hex("BF2E00"));
  }

  @Test
  void authenticateServerForwardsTheReceivedBytesVerbatimWithCtxParams1() {
    byte[] signed1 = TlvBuilder.constructed(0x30).add(0x80, filled(16, 1)).build();
    byte[] sig1 = TlvWriter.encode(0x5F37, filled(64, 2));
    byte[] ciPkId = TlvWriter.encode(0x04, filled(20, 3));
    byte[] cert = TlvBuilder.constructed(0x30).add(0x02, new byte[] {1}).build();
    byte[] errorResponse =
        TlvBuilder.constructed(0xBF38)
            .add(TlvBuilder.constructed(0xA1).add(0x80, filled(16, 1)).add(0x02, new byte[] {2}))
            .build();
    RecordingCard card = RecordingCard.scripted(c -> Es10Response.of(errorResponse));
    Es10Client es10 = new Es10Client(card, EventLog.disabled());

    Decoded<AuthenticateServerResponse> r =
        es10.authenticateServer(signed1, sig1, ciPkId, cert, "MID-1", DeviceInfo.defaults());

    assertThat(r.encoded()).isEqualTo(errorResponse);
    assertThat(r.value().getAuthenticateResponseError().getAuthenticateErrorCode().value)
        .hasToString("2");
    Tlv sent = Tlv.parse(card.es10Commands.get(0));
    assertThat(sent.tag()).isEqualTo(0xBF38);
    assertThat(sent.child(0).encoded()).isEqualTo(signed1);
    assertThat(sent.child(1).encoded()).isEqualTo(sig1);
    assertThat(sent.child(2).encoded()).isEqualTo(ciPkId);
    assertThat(sent.child(3).encoded()).isEqualTo(cert);
    Tlv ctx = sent.child(4);
    assertThat(ctx.tagHex()).isEqualTo("A0");
    assertThat(ctx.get(0x80).value()).isEqualTo("MID-1".getBytes());
    Tlv deviceInfo = ctx.get(0xA1);
    assertThat(deviceInfo.get(0x80).value()).isEqualTo(hex("35290611"));
    assertThat(deviceInfo.get(0x82).value()).isEqualTo(hex("352906110000000F"));
    assertThat(HEX.formatHex(deviceInfo.get(0xA1).encoded()))
        .isEqualTo("A10F80030F000081030F000085030F0000");
  }

  @Test
  void leavesTheMatchingIdOutWhenAbsent() {
    RecordingCard card =
        RecordingCard.scripted(
            c ->
                Es10Response.of(
                    TlvBuilder.constructed(0xBF38)
                        .add(
                            TlvBuilder.constructed(0xA1)
                                .add(0x80, filled(16, 1))
                                .add(0x02, new byte[] {2}))
                        .build()));
    new Es10Client(card, EventLog.disabled())
        .authenticateServer(
            TlvBuilder.constructed(0x30).build(),
            TlvWriter.encode(0x5F37, filled(64, 2)),
            TlvWriter.encode(0x04, filled(20, 3)),
            TlvBuilder.constructed(0x30).build(),
            null,
            DeviceInfo.defaults());
    Tlv ctx = Tlv.parse(card.es10Commands.get(0)).child(4);
    assertThat(ctx.find(0x80)).isEmpty();
    assertThat(ctx.child(0).tagHex()).isEqualTo("A1");
  }

  /** A BPP with every part: BF23, A0 (one 87), A1 (two 88), A2 (one 87), A3 (three 86). */
  static byte[] bpp() {
    return TlvBuilder.constructed(0xBF36)
        .add(TlvBuilder.constructed(0xBF23).add(0x80, filled(16, 1)))
        .add(TlvBuilder.constructed(0xA0).add(0x87, filled(40, 2)))
        .add(TlvBuilder.constructed(0xA1).add(0x88, filled(200, 3)).add(0x88, filled(30, 4)))
        .add(TlvBuilder.constructed(0xA2).add(0x87, filled(50, 5)))
        .add(
            TlvBuilder.constructed(0xA3)
                .add(0x86, filled(1020, 6))
                .add(0x86, filled(500, 7))
                .add(0x86, filled(10, 8)))
        .build();
  }

  @Test
  void splitsTheBppIntoItsStoreDataSequences() {
    byte[] bpp = bpp();
    Tlv t = Tlv.parse(bpp);
    byte[] pir = pirSuccess();
    int[] count = {0};
    RecordingCard card =
        RecordingCard.scripted(
            c -> ++count[0] == 10 ? Es10Response.of(pir) : Es10Response.noData());

    BppLoadResult r = new Es10Client(card, EventLog.disabled()).loadBoundProfilePackage(bpp);

    assertThat(r.success()).isTrue();
    assertThat(r.stoppedEarly()).isFalse();
    assertThat(r.sequencesSent()).isEqualTo(10);
    assertThat(r.result().encoded()).isEqualTo(pir);
    Tlv a1 = t.get(0xA1);
    Tlv a3 = t.get(0xA3);
    assertThat(card.es10Commands)
        .containsExactly(
            concat(header(t), t.get(0xBF23).encoded()),
            t.get(0xA0).encoded(),
            header(a1),
            a1.child(0).encoded(),
            a1.child(1).encoded(),
            t.get(0xA2).encoded(),
            header(a3),
            a3.child(0).encoded(),
            a3.child(1).encoded(),
            a3.child(2).encoded());
    // Each sequence restarts the block numbers: P2 00 after every P1 91.
    List<byte[]> sd = card.storeData();
    for (int i = 1; i < sd.size(); i++) {
      if ((sd.get(i - 1)[2] & 0xFF) == 0x91) {
        assertThat(sd.get(i)[3]).isEqualTo((byte) 0);
      }
    }
    assertThat(BoundProfilePackage.storeDataCommands(bpp)).hasSize(10);
  }

  @Test
  void stopsSendingAtAnEarlyProfileInstallationResult() {
    byte[] pir = pirError(2, 10); // storeMetadata, insufficient memory
    int[] count = {0};
    RecordingCard card =
        RecordingCard.scripted(c -> ++count[0] == 4 ? Es10Response.of(pir) : Es10Response.noData());

    BppLoadResult r = new Es10Client(card, EventLog.disabled()).loadBoundProfilePackage(bpp());

    assertThat(r.success()).isFalse();
    assertThat(r.stoppedEarly()).isTrue();
    assertThat(r.sequencesSent()).isEqualTo(4);
    assertThat(card.es10Commands).hasSize(4);
    var err = r.result().value().getProfileInstallationResultData().getFinalResult();
    assertThat(err.getErrorResult().getErrorReason().value).hasToString("10");
  }

  @Test
  void aBppWithoutAnyResultIsAnError() {
    RecordingCard card = RecordingCard.scripted(c -> Es10Response.noData());
    assertThatThrownBy(
            () -> new Es10Client(card, EventLog.disabled()).loadBoundProfilePackage(bpp()))
        .isInstanceOf(Es10Exception.class)
        .hasMessageContaining("no ProfileInstallationResult after all 10 segments");
  }

  @Test
  void aSegmentRefusedWithAStatusWordStopsTheLoad() {
    int[] count = {0};
    RecordingCard card =
        RecordingCard.scripted(
            c ->
                ++count[0] == 2
                    ? Es10Response.status(StatusWord.REFERENCED_DATA_NOT_FOUND)
                    : Es10Response.noData());
    assertThatThrownBy(
            () -> new Es10Client(card, EventLog.disabled()).loadBoundProfilePackage(bpp()))
        .isInstanceOfSatisfying(
            Es10Exception.class, e -> assertThat(e.statusWord()).isEqualTo(0x6A88));
    assertThat(card.es10Commands).hasSize(2);
  }

  @Test
  void retrieveNotificationsListKeepsEachNotificationsBytes() {
    byte[] n1 = pirSuccess();
    byte[] response =
        TlvBuilder.constructed(0xBF2B).add(TlvBuilder.constructed(0xA0).addEncoded(n1)).build();
    RecordingCard card = RecordingCard.scripted(c -> Es10Response.of(response));
    var list = new Es10Client(card, EventLog.disabled()).retrieveNotificationsList(7);
    assertThat(list).hasSize(1);
    assertThat(list.get(0).encoded()).isEqualTo(n1);
    assertThat(card.es10Commands.get(0)).isEqualTo(hex("BF2B 05 A0 03 80 01 07"));
  }

  @Test
  void encodesProfileOperationsAndCancelSession() {
    RecordingCard card =
        RecordingCard.scripted(
            c -> {
              int tag = (c[0] & 0xFF) << 8 | (c[1] & 0xFF);
              return switch (tag) {
                case 0xBF41 -> Es10Response.of(hex("BF41 03 81 01 05"));
                case 0xBF34 -> Es10Response.of(hex("BF34 03 80 01 01"));
                default -> Es10Response.of(new byte[] {c[0], c[1], 3, (byte) 0x80, 1, 2});
              };
            });
    Es10Client es10 = new Es10Client(card, EventLog.disabled());
    Iccid iccid = Iccid.of("89000123456789012341");
    assertThat(es10.enableProfile(iccid, true)).isEqualTo(2);
    assertThat(es10.disableProfile(iccid, false)).isEqualTo(2);
    assertThat(es10.deleteProfile(iccid)).isEqualTo(2);
    assertThat(es10.setNickname(iccid, "Mine")).isEqualTo(2);
    assertThat(es10.memoryReset(Es10Client.RESET_DELETE_OPERATIONAL_PROFILES)).isEqualTo(1);
    var cancel = es10.cancelSession(TransactionId.of(filled(16, 0)), 4);
    assertThat(cancel.value().getCancelSessionResponseError().value).hasToString("5");
    assertThat(card.es10Commands)
        .containsExactly(
            hex("BF31 11 A0 0C 5A 0A 98001032547698103214 81 01 FF"),
            hex("BF32 11 A0 0C 5A 0A 98001032547698103214 81 01 00"),
            hex("BF33 0C 5A 0A 98001032547698103214"),
            hex("BF29 12 5A 0A 98001032547698103214 90 04 4D696E65"),
            hex("BF34 04 82 02 07 80"),
            concat(hex("BF41 15 80 10"), concat(filled(16, 0), hex("81 01 04"))));
  }

  @Test
  void closeSendsManageChannelClose() {
    RecordingCard card = RecordingCard.scripted(Es10Response::of);
    Es10Client es10 = new Es10Client(card, EventLog.disabled());
    es10.open();
    es10.close();
    assertThat(card.apdus.get(card.apdus.size() - 1)).isEqualTo(hex("00 70 80 01"));
  }

  private static Card scriptedCard(Deque<byte[]> script, List<byte[]> sent) {
    return new Card() {
      @Override
      public byte[] transmit(byte[] commandApdu) {
        sent.add(commandApdu.clone());
        return script.removeFirst();
      }

      @Override
      public void reset() {}

      @Override
      public byte[] atr() {
        return new byte[] {0x3B, 0};
      }
    };
  }

  private static byte[] header(Tlv t) {
    return Arrays.copyOfRange(t.array(), t.offset(), t.valueOffset());
  }

  static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }
}

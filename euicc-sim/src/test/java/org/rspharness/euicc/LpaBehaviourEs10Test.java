package org.rspharness.euicc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.RecordingSink;
import org.rspharness.euicc.store.StateStore;
import org.rspharness.lpa.LpaBehaviour;
import org.rspharness.lpa.es10.Es10Client;

/** LPA behaviour profiles at the card: STORE DATA block size, logical or basic channel. */
class LpaBehaviourEs10Test {

  private final RecordingSink sink = new RecordingSink();

  private List<byte[]> commandsFor(LpaBehaviour behaviour) {
    Euicc euicc = Fixture.euicc(StateStore.inMemory());
    Es10Client es10 =
        new Es10Client(euicc, EventLog.system().addSink(sink), behaviour.es10Options("lpa"));
    // a 600-byte ES10 command (an EUICCInfo2 request padded with a long unknown member)
    byte[] command = new byte[604];
    command[0] = (byte) 0xBF;
    command[1] = 0x22;
    command[2] = (byte) 0x82;
    command[3] = 0x02;
    command[4] = 0x58;
    try {
      es10.transmit("GetEuiccInfo2", command);
    } catch (RuntimeException refusedContent) {
      // the card may refuse the padded content: the framing of the blocks is what counts here
    }
    return sink.payloads(EventPayload.ApduExchange.class).map(a -> a.command()).toList();
  }

  private static List<byte[]> storeData(List<byte[]> commands) {
    return commands.stream().filter(c -> (c[1] & 0xFF) == 0xE2).toList();
  }

  @Test
  void specSends120ByteStoreDataBlocks() {
    List<byte[]> blocks = storeData(commandsFor(LpaBehaviour.SPEC));
    assertThat(blocks).hasSize(6); // 604 bytes: 5 x 120 + 4
    assertThat(blocks.get(0)[4] & 0xFF).isEqualTo(120);
  }

  @Test
  void aBlockSizeOf255SendsFewerLargerBlocks() {
    LpaBehaviour big = LpaBehaviour.of(Map.of("storeDataBlockSize", 255));
    List<byte[]> blocks = storeData(commandsFor(big));
    assertThat(blocks).hasSize(3); // 255 + 255 + 94
    assertThat(blocks.get(0)[4] & 0xFF).isEqualTo(255);
  }

  @Test
  void specOpensALogicalChannelAndCodesItInTheClassByte() {
    List<byte[]> commands = commandsFor(LpaBehaviour.SPEC);
    assertThat(commands.get(0)).startsWith(0x00, 0x70, 0x00, 0x00); // MANAGE CHANNEL open
    assertThat(storeData(commands)).allSatisfy(c -> assertThat(c[0] & 0xFF).isEqualTo(0x81));
  }

  @Test
  void theBasicChannelSettingSelectsOnChannelZeroWithClass80() {
    LpaBehaviour basic = LpaBehaviour.of(Map.of("logicalChannel", false));
    List<byte[]> commands = commandsFor(basic);
    assertThat(commands).noneMatch(c -> (c[1] & 0xFF) == 0x70);
    assertThat(commands.get(0)).startsWith(0x00, 0xA4, 0x04, 0x00); // SELECT ISD-R, channel 0
    assertThat(storeData(commands)).allSatisfy(c -> assertThat(c[0] & 0xFF).isEqualTo(0x80));
  }

  @Test
  void presetsAreNamedWithTheirSourcesAndSettingsAreChecked() {
    assertThat(LpaBehaviour.presets())
        .containsExactly("spec", "lpac", "chromeos-hermes", "end-user-rejection-always");
    assertThat(LpaBehaviour.PRESET_SOURCES.get("lpac")).contains("ENVVARS.md");
    assertThat(LpaBehaviour.preset("chromeos-hermes").adminProtocol()).isEqualTo("gsma/rsp/v2.2.2");
    assertThat(LpaBehaviour.of(Map.of("preset", "lpac", "connectionPerCall", true)))
        .satisfies(
            b -> {
              assertThat(b.preset()).isEqualTo("lpac");
              assertThat(b.connectionPerCall()).isTrue();
            });
    assertThatThrownBy(() -> LpaBehaviour.of(Map.of("blockSize", 9)))
        .hasMessageContaining("blockSize: unknown LPA setting");
    assertThatThrownBy(() -> LpaBehaviour.of(Map.of("storeDataBlockSize", 300)))
        .hasMessageContaining("6..255");
  }
}

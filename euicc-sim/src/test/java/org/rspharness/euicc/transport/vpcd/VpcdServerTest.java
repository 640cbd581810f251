package org.rspharness.euicc.transport.vpcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rspharness.euicc.card.Atr;
import org.rspharness.euicc.card.Card;
import org.rspharness.euicc.card.IsdRCard;
import org.rspharness.euicc.card.RecordingDispatcher;

class VpcdServerTest {

  private static final String AID = "A0000005591010FFFFFFFF8900000100";

  private static VpcdPeer connect(VpcdServer server) throws IOException {
    return new VpcdPeer(new Socket("127.0.0.1", server.localAddress().getPort()));
  }

  @Test
  void pcscdSideConnectsToTheListeningCard() throws Exception {
    IsdRCard card = new IsdRCard(new RecordingDispatcher());
    try (VpcdServer server = VpcdServer.listen(VpcdAddress.parse("0"), card);
        VpcdPeer reader = connect(server)) {
      assertThat(server.localAddress().getAddress().isLoopbackAddress()).isTrue();
      reader.control(VpcdProtocol.CTRL_POWER_ON);
      assertThat(reader.atr()).isEqualTo(Atr.defaultEuiccAtr());
      assertThat(reader.apdu("0070000001")).isEqualTo("019000");
      assertThat(reader.apdu("01A4040C10" + AID)).isEqualTo("9000");
      assertThat(reader.apdu("81E2910006BF3E03010203")).isEqualTo("BF3E030102039000");
      assertThat(reader.apdu("81E2910003BF4F00")).isEqualTo("6A88");
    }
  }

  @Test
  void brokenConnectionDoesNotStopTheServerNorTheCard() throws Exception {
    IsdRCard card = new IsdRCard(new RecordingDispatcher());
    try (VpcdServer server = VpcdServer.listen(VpcdAddress.parse("127.0.0.1:0"), card)) {
      Socket rude = new Socket("127.0.0.1", server.localAddress().getPort());
      VpcdPeer first = new VpcdPeer(rude);
      assertThat(first.apdu("0070000001")).isEqualTo("019000");
      first.raw(new byte[] {0x00, 0x20, 0x00, (byte) 0xA4});
      rude.setSoLinger(true, 0); // reset, not a clean close
      rude.close();
      await().atMost(Duration.ofSeconds(5)).until(() -> server.connectionCount() == 0);

      try (VpcdPeer second = connect(server)) {
        // Same card, no power cycle from this reader: channel 1 is still open, 2 is next.
        assertThat(second.apdu("0070000001")).isEqualTo("029000");
      }
    }
  }

  @Test
  void listensOnSeveralSlotsWithOwnOrSharedCards() throws Exception {
    List<InetSocketAddress> two = List.of(VpcdAddress.parse("0"), VpcdAddress.parse("0"));
    List<VpcdServer> own =
        VpcdServer.listenAll(two, slot -> new IsdRCard(new RecordingDispatcher()));
    try (VpcdPeer a = connect(own.get(0));
        VpcdPeer b = connect(own.get(1))) {
      assertThat(a.apdu("0070000001")).isEqualTo("019000");
      assertThat(b.apdu("0070000001")).isEqualTo("019000");
    } finally {
      own.forEach(VpcdServer::close);
    }

    Card shared = new IsdRCard(new RecordingDispatcher());
    List<VpcdServer> same = VpcdServer.listenAll(two, slot -> shared);
    try (VpcdPeer a = connect(same.get(0));
        VpcdPeer b = connect(same.get(1))) {
      assertThat(a.apdu("0070000001")).isEqualTo("019000");
      assertThat(b.apdu("0070000001")).isEqualTo("029000");
    } finally {
      same.forEach(VpcdServer::close);
    }
  }

  @Test
  void listenAllClosesWhatItOpenedWhenOneAddressFails() throws Exception {
    try (VpcdServer taken = VpcdServer.listen(VpcdAddress.parse("0"), emptyCard())) {
      InetSocketAddress busy = taken.localAddress();
      InetSocketAddress free = VpcdAddress.parse("0");
      assertThatThrownBy(() -> VpcdServer.listenAll(List.of(free, busy), slot -> emptyCard()))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("cannot listen for vpcd");
    }
  }

  @Test
  void closingTheServerEndsItsConnections() throws Exception {
    VpcdServer server = VpcdServer.listen(VpcdAddress.parse("0"), emptyCard());
    int port = server.localAddress().getPort();
    try (VpcdPeer reader = connect(server)) {
      assertThat(reader.apdu("80AA000003A90100")).isEqualTo("9000");
      await().atMost(Duration.ofSeconds(5)).until(() -> server.connectionCount() == 1);
      server.close();
      assertThat(reader.read()).isNull();
    }
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
  }

  private static Card emptyCard() {
    return new IsdRCard(new RecordingDispatcher());
  }
}

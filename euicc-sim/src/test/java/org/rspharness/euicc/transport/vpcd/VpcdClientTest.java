package org.rspharness.euicc.transport.vpcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rspharness.core.util.Hex;
import org.rspharness.euicc.card.Atr;
import org.rspharness.euicc.card.IsdRCard;
import org.rspharness.euicc.card.RecordingDispatcher;

class VpcdClientTest {

  private static final String AID = "A0000005591010FFFFFFFF8900000100";

  @Test
  void cardConnectsToListeningVpcdAndAnswersControlAndApdus() throws Exception {
    RecordingDispatcher dispatcher = new RecordingDispatcher();
    IsdRCard card = new IsdRCard(dispatcher);
    try (ServerSocket vpcd = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      vpcd.setSoTimeout(5_000);
      try (VpcdClient client =
          VpcdClient.connect((InetSocketAddress) vpcd.getLocalSocketAddress(), card)) {
        VpcdPeer reader = new VpcdPeer(vpcd.accept());
        reader.control(VpcdProtocol.CTRL_POWER_ON);
        assertThat(reader.atr()).isEqualTo(Atr.defaultEuiccAtr());
        assertThat(reader.apdu("0070000001")).isEqualTo("019000");
        assertThat(reader.apdu("01A4040C10" + AID)).isEqualTo("9000");
        // BF2D: a 1,000-byte answer, fetched with 61xx + GET RESPONSE over the socket.
        assertThat(reader.apdu("81E2910003BF2D00")).endsWith("6100").hasSize(2 * 258);
        assertThat(reader.apdu("01C0000000")).endsWith("6100");
        assertThat(reader.apdu("01C0000000")).endsWith("61E8");
        String last = reader.apdu("01C00000E8");
        assertThat(last)
            .isEqualTo(
                Hex.encode(
                        java.util.Arrays.copyOfRange(RecordingDispatcher.LONG_RESPONSE, 768, 1000))
                    + "9000");

        // Power off / on drops the logical channel, as a real power cycle does.
        reader.control(VpcdProtocol.CTRL_POWER_OFF);
        reader.control(VpcdProtocol.CTRL_POWER_ON);
        assertThat(reader.apdu("01A4040C10" + AID)).isEqualTo("6881");
        assertThat(dispatcher.resets()).isEqualTo(3);
        reader.control(VpcdProtocol.CTRL_RESET);
        assertThat(reader.apdu("00A4040C10" + AID)).isEqualTo("9000");
        assertThat(dispatcher.resets()).isEqualTo(4);

        reader.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> !client.isConnected());
      }
    }
  }

  @Test
  void vpcdClosingTheConnectionEndsTheClient() throws Exception {
    IsdRCard card = new IsdRCard(new RecordingDispatcher());
    try (ServerSocket vpcd = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      vpcd.setSoTimeout(5_000);
      VpcdClient client =
          VpcdClient.connect((InetSocketAddress) vpcd.getLocalSocketAddress(), card);
      try (VpcdPeer reader = new VpcdPeer(vpcd.accept())) {
        assertThat(reader.apdu("80AA000003A90100")).isEqualTo("9000");
        // Half a frame, then the reader goes away.
        reader.raw(new byte[] {0x00, 0x10, 0x01});
      }
      assertThat(client.awaitDisconnect(Duration.ofSeconds(5))).isTrue();
      client.close(); // closing twice is harmless
    }
  }
}

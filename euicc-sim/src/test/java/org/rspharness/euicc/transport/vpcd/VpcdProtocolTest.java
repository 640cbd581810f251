package org.rspharness.euicc.transport.vpcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.rspharness.core.util.Hex;

class VpcdProtocolTest {

  @Test
  void framesWithATwoByteBigEndianLength() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    VpcdProtocol.writeMessage(out, new byte[300]);
    byte[] frame = out.toByteArray();
    assertThat(frame).hasSize(302);
    assertThat(Hex.encode(java.util.Arrays.copyOf(frame, 2))).isEqualTo("012C");
  }

  @Test
  void readsMessagesUntilACleanEnd() throws Exception {
    ByteArrayInputStream in = new ByteArrayInputStream(Hex.decode("000104" + "00039000AA"));
    assertThat(VpcdProtocol.readMessage(in)).containsExactly(0x04);
    assertThat(VpcdProtocol.readMessage(in)).containsExactly(0x90, 0x00, 0xAA);
    assertThat(VpcdProtocol.readMessage(in)).isNull();
  }

  @Test
  void endInsideAFrameIsAnError() {
    assertThatThrownBy(() -> VpcdProtocol.readMessage(new ByteArrayInputStream(Hex.decode("00"))))
        .isInstanceOf(EOFException.class);
    assertThatThrownBy(
            () -> VpcdProtocol.readMessage(new ByteArrayInputStream(Hex.decode("000501"))))
        .isInstanceOf(EOFException.class)
        .hasMessageContaining("1 of 5");
  }

  @Test
  void addressesDefaultToLoopback() {
    assertThat(VpcdAddress.parse("35963")).isEqualTo(new InetSocketAddress("127.0.0.1", 35963));
    assertThat(VpcdAddress.parse("localhost:35964").getPort()).isEqualTo(35964);
    assertThat(VpcdAddress.parse("[::1]:35963").getAddress().isLoopbackAddress()).isTrue();
    assertThatThrownBy(() -> VpcdAddress.parse("host:port"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("host:port");
    assertThatThrownBy(() -> VpcdAddress.parse("::1:35963"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VpcdAddress.parse("70000"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VpcdAddress.parse(" ")).isInstanceOf(IllegalArgumentException.class);
  }
}

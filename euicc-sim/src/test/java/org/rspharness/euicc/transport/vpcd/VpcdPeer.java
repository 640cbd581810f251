package org.rspharness.euicc.transport.vpcd;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import org.rspharness.core.util.Hex;

/** The reader (vpcd) end of a test connection, speaking the framing byte by byte. */
final class VpcdPeer implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  VpcdPeer(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(5_000); // a broken card fails the test instead of hanging it
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** Sends a one-byte control message (no answer expected). */
  void control(int code) throws IOException {
    out.write(new byte[] {0x00, 0x01, (byte) code});
    out.flush();
  }

  /** Sends the GET ATR control message and reads the answer. */
  byte[] atr() throws IOException {
    control(VpcdProtocol.CTRL_GET_ATR);
    return read();
  }

  /** Sends a C-APDU (hex) and returns the R-APDU (hex). */
  String apdu(String hex) throws IOException {
    byte[] apdu = Hex.decode(hex);
    byte[] frame = new byte[apdu.length + 2];
    frame[0] = (byte) (apdu.length >> 8);
    frame[1] = (byte) apdu.length;
    System.arraycopy(apdu, 0, frame, 2, apdu.length);
    out.write(frame);
    out.flush();
    return Hex.encode(read());
  }

  /** Writes raw bytes (for broken frames). */
  void raw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Reads one framed message by hand, independent of the code under test; null on EOF. */
  byte[] read() throws IOException {
    int high = in.read();
    if (high < 0) {
      return null;
    }
    int low = in.read();
    byte[] body = in.readNBytes(high << 8 | low);
    return body;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

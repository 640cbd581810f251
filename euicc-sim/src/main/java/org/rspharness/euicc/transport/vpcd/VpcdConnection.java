package org.rspharness.euicc.transport.vpcd;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import org.rspharness.euicc.card.Card;

/**
 * vsmartcard vpicc side of one vpcd connection: reads messages, drives the card, writes answers,
 * until the peer closes or the socket is closed.
 */
final class VpcdConnection implements Runnable {

  private static final System.Logger LOG = System.getLogger(VpcdConnection.class.getName());

  private final Socket socket;
  private final Card card;
  private final Runnable onEnd;

  VpcdConnection(Socket socket, Card card, Runnable onEnd) {
    this.socket = socket;
    this.card = card;
    this.onEnd = onEnd;
  }

  @Override
  public void run() {
    try (socket) {
      socket.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      byte[] message;
      while ((message = VpcdProtocol.readMessage(in)) != null) {
        byte[] answer = handle(message);
        if (answer != null) {
          VpcdProtocol.writeMessage(out, answer);
        }
      }
      LOG.log(System.Logger.Level.DEBUG, "vpcd peer {0} closed", socket.getRemoteSocketAddress());
    } catch (IOException e) {
      // A broken reader connection ends this connection only, never the server or the card.
      if (!socket.isClosed()) {
        LOG.log(
            System.Logger.Level.INFO,
            "vpcd connection {0} ended: {1}",
            socket.getRemoteSocketAddress(),
            e.toString());
      }
    } finally {
      onEnd.run();
    }
  }

  /** The answer to one message, or null for control messages that get none. */
  private byte[] handle(byte[] message) {
    if (message.length == 1) {
      int control = message[0] & 0xFF;
      switch (control) {
        case VpcdProtocol.CTRL_POWER_OFF:
        case VpcdProtocol.CTRL_POWER_ON:
        case VpcdProtocol.CTRL_RESET:
          // Power loss, power up and warm reset all drop the card's transient state.
          card.reset();
          return null;
        case VpcdProtocol.CTRL_GET_ATR:
          return card.atr();
        default:
          LOG.log(System.Logger.Level.WARNING, "unknown vpcd control byte {0}", control);
          return null;
      }
    }
    try {
      return card.transmit(message);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "card threw on transmit; answering 6F00", e);
      return new byte[] {0x6F, 0x00};
    }
  }

  void close() {
    try {
      socket.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "closing vpcd socket", e);
    }
  }
}

package org.rspharness.euicc.transport.vpcd;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.rspharness.euicc.card.Card;

/**
 * vsmartcard's stock direction: the card connects out to vpcd, which listens (by default on
 * 127.0.0.1:{@value VpcdProtocol#DEFAULT_PORT}) and shows it to pcscd as a card in a reader.
 *
 * <p>One platform thread serves the connection until vpcd closes it or {@link #close()} is called;
 * there is no automatic reconnection.
 */
public final class VpcdClient implements AutoCloseable {

  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

  private final VpcdConnection connection;
  private final Thread thread;
  private final InetSocketAddress remote;

  private VpcdClient(VpcdConnection connection, Thread thread, InetSocketAddress remote) {
    this.connection = connection;
    this.thread = thread;
    this.remote = remote;
  }

  /** Connects to vpcd at {@code vpcd} and starts serving {@code card} on that connection. */
  public static VpcdClient connect(InetSocketAddress vpcd, Card card) throws IOException {
    if (vpcd == null || card == null) {
      throw new IllegalArgumentException("vpcd address and card must not be null");
    }
    Socket socket = new Socket();
    try {
      socket.connect(vpcd, CONNECT_TIMEOUT_MILLIS);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    VpcdConnection connection = new VpcdConnection(socket, card, () -> {});
    Thread thread = new Thread(connection, "vpcd-client-" + vpcd.getPort());
    thread.setDaemon(true);
    thread.start();
    return new VpcdClient(connection, thread, vpcd);
  }

  /** The vpcd address this client connected to. */
  public InetSocketAddress remoteAddress() {
    return remote;
  }

  /** True while the connection is being served. */
  public boolean isConnected() {
    return thread.isAlive();
  }

  /** Waits up to {@code timeout} for vpcd to end the connection; true when it has ended. */
  public boolean awaitDisconnect(Duration timeout) throws InterruptedException {
    thread.join(Math.max(1, timeout.toMillis()));
    return !thread.isAlive();
  }

  /** Closes the connection and waits briefly for its thread to finish. */
  @Override
  public void close() {
    connection.close();
    try {
      thread.join(CONNECT_TIMEOUT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

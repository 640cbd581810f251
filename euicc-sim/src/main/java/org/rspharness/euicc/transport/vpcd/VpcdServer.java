package org.rspharness.euicc.transport.vpcd;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import org.rspharness.euicc.card.Card;

/**
 * vsmartcard's reversed direction: the card listens and pcscd's vpcd driver connects to it (vpcd
 * built or configured for reversed mode; each reader slot connects to its own port, 35963 and 35964
 * for the two slots vpcd opens by default).
 *
 * <p>Binds where it is told, by default nothing but loopback (see {@link VpcdAddress}). One
 * platform thread accepts; each accepted connection gets its own thread. A connection that breaks
 * ends alone: the server keeps accepting and the card keeps its state. Several connections to one
 * server share its card.
 */
public final class VpcdServer implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(VpcdServer.class.getName());

  private final ServerSocket serverSocket;
  private final Card card;
  private final Thread acceptThread;
  private final Set<VpcdConnection> connections = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private VpcdServer(ServerSocket serverSocket, Card card) {
    this.serverSocket = serverSocket;
    this.card = card;
    this.acceptThread = new Thread(this::acceptLoop, "vpcd-listen-" + serverSocket.getLocalPort());
    this.acceptThread.setDaemon(true);
  }

  /** Listens on {@code address} (port 0 picks a free port) and serves {@code card}. */
  public static VpcdServer listen(InetSocketAddress address, Card card) throws IOException {
    if (address == null || card == null) {
      throw new IllegalArgumentException("address and card must not be null");
    }
    ServerSocket serverSocket = new ServerSocket();
    try {
      serverSocket.setReuseAddress(true);
      serverSocket.bind(address, 4);
    } catch (IOException e) {
      serverSocket.close();
      throw new IOException("cannot listen for vpcd on " + address + ": " + e.getMessage(), e);
    }
    VpcdServer server = new VpcdServer(serverSocket, card);
    server.acceptThread.start();
    return server;
  }

  /**
   * Listens on every address, slot {@code i} serving {@code cardForSlot.apply(i)} (return the same
   * card for every slot to share one eUICC); if one address fails, the ones already open are closed
   * and the failure is thrown.
   */
  public static List<VpcdServer> listenAll(
      List<InetSocketAddress> addresses, IntFunction<Card> cardForSlot) throws IOException {
    List<VpcdServer> servers = new ArrayList<>(addresses.size());
    try {
      for (int i = 0; i < addresses.size(); i++) {
        servers.add(listen(addresses.get(i), cardForSlot.apply(i)));
      }
    } catch (IOException | RuntimeException e) {
      servers.forEach(VpcdServer::close);
      throw e;
    }
    return List.copyOf(servers);
  }

  /** The address actually bound (with the real port when 0 was asked for). */
  public InetSocketAddress localAddress() {
    return (InetSocketAddress) serverSocket.getLocalSocketAddress();
  }

  /** Connections currently being served. */
  public int connectionCount() {
    return connections.size();
  }

  /** Stops accepting, closes every connection and waits briefly for the threads. */
  @Override
  public void close() {
    closed = true;
    try {
      serverSocket.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "closing vpcd server socket", e);
    }
    connections.forEach(VpcdConnection::close);
    try {
      acceptThread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = serverSocket.accept();
      } catch (SocketException e) {
        if (!closed) {
          LOG.log(System.Logger.Level.WARNING, "vpcd server socket failed", e);
        }
        return;
      } catch (IOException e) {
        LOG.log(System.Logger.Level.WARNING, "vpcd accept failed; still listening", e);
        continue;
      }
      VpcdConnection[] holder = new VpcdConnection[1];
      VpcdConnection connection =
          new VpcdConnection(socket, card, () -> connections.remove(holder[0]));
      holder[0] = connection;
      connections.add(connection);
      if (closed) {
        connection.close();
      }
      Thread thread =
          new Thread(
              connection, "vpcd-conn-" + serverSocket.getLocalPort() + "-" + socket.getPort());
      thread.setDaemon(true);
      thread.start();
    }
  }
}

package org.rspharness.core.transport.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;
import org.rspharness.core.fault.Fault;
import org.rspharness.core.fault.FaultPlan;
import org.rspharness.core.fault.FaultPoint;
import org.rspharness.core.fault.Layer;

/**
 * The first handler of a faulty connection, below TLS: it applies the CONNECT and TLS_HANDSHAKE
 * faults by holding, dropping or replacing raw bytes, and gives the other fault handlers a reset
 * that does not go through TLS (a close_notify would turn the RST into an orderly close).
 *
 * <p>Server side the function of a connection is not known before its first request, so the
 * connection is its own exchange: {@code begin(NETWORK_SERVER, "*")} per accepted connection, asked
 * at CONNECT when accepted and at TLS_HANDSHAKE when the ClientHello arrives. Rules for these
 * points must therefore name target {@code *}; their occurrence counts accepted connections.
 */
final class WireFaults extends ChannelDuplexHandler {

  static final String NAME = "fault-wire";

  private final FaultPlan plan; // server side: to begin the connection's exchange
  private final boolean tls;
  private final List<Fault> clientTlsFaults; // client side: already asked by the client
  private final Consumer<NetFaults.InjectedFault> onAbort;

  private ChannelHandlerContext ctx;
  private FaultPlan.Exchange connection;
  private boolean firstRead = true;

  private boolean holdingIn;
  private boolean inactivePending;
  private final ArrayDeque<Object> heldIn = new ArrayDeque<>();

  private boolean holdingOut;
  private boolean droppingOut;
  private boolean flushPending;
  private final ArrayDeque<Object[]> heldOut = new ArrayDeque<>();

  private WireFaults(
      FaultPlan plan,
      boolean tls,
      List<Fault> clientTlsFaults,
      Consumer<NetFaults.InjectedFault> onAbort) {
    this.plan = plan;
    this.tls = tls;
    this.clientTlsFaults = clientTlsFaults;
    this.onAbort = onAbort;
  }

  /** The server side: begins the connection's exchange when the connection is accepted. */
  static WireFaults server(FaultPlan plan, boolean tls) {
    return new WireFaults(plan, tls, List.of(), f -> {});
  }

  /** The client side, with the TLS_HANDSHAKE faults the client asked for this connection. */
  static WireFaults client(List<Fault> tlsFaults, Consumer<NetFaults.InjectedFault> onAbort) {
    return new WireFaults(null, true, tlsFaults, onAbort);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  /** Closes from below TLS: no close_notify, and with SO_LINGER 0 the kernel sends a RST. */
  void closeBelowTls() {
    if (ctx.executor().inEventLoop()) {
      ctx.close();
    } else {
      ctx.executor().execute(ctx::close);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    if (plan != null) {
      connection = plan.begin(Layer.NETWORK_SERVER, "*");
      List<Fault> faults = connection.at(FaultPoint.CONNECT);
      if (NetFaults.has(faults, Fault.Refuse.class)) {
        // As close to "port closed" as an accepted socket gets: gone before any byte.
        ctx.close();
        return;
      }
      long pause = NetFaults.pauseNanos(faults);
      if (pause > 0) {
        holdIn(pause);
      }
      super.channelActive(ctx);
      return;
    }
    // client: the TLS handler behind us writes its ClientHello on channelActive
    if (NetFaults.has(clientTlsFaults, Fault.Reset.class)) {
      holdingOut = true;
      droppingOut = true;
      super.channelActive(ctx);
      onAbort.accept(
          new NetFaults.InjectedFault(
              RspHttpException.Kind.CONNECTION_RESET,
              "connection reset in the TLS handshake ("
                  + NetFaults.at(new Fault.Reset(), FaultPoint.TLS_HANDSHAKE)
                  + ")"));
      NetFaults.reset(ctx.channel());
      return;
    }
    if (NetFaults.has(clientTlsFaults, Fault.TlsFailure.class)) {
      holdingOut = true;
      droppingOut = true;
      super.channelActive(ctx);
      onAbort.accept(
          new NetFaults.InjectedFault(
              RspHttpException.Kind.TLS_FAILED,
              "TLS handshake aborted with a fatal handshake_failure alert ("
                  + NetFaults.at(new Fault.TlsFailure(), FaultPoint.TLS_HANDSHAKE)
                  + ")"));
      ctx.writeAndFlush(NetFaults.fatalHandshakeAlert()).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    long pause = NetFaults.pauseNanos(clientTlsFaults);
    if (pause > 0) {
      holdingOut = true;
      NetFaults.later(ctx.channel(), pause, this::releaseOut);
    }
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (holdingIn) {
      heldIn.add(msg);
      return;
    }
    if (connection != null && tls && firstRead) {
      firstRead = false;
      List<Fault> faults = connection.at(FaultPoint.TLS_HANDSHAKE);
      if (NetFaults.has(faults, Fault.Reset.class)) {
        ReferenceCountUtil.release(msg);
        NetFaults.reset(ctx.channel());
        return;
      }
      if (NetFaults.has(faults, Fault.TlsFailure.class)) {
        // The ClientHello never reaches the TLS engine: the client reads a fatal alert instead.
        ReferenceCountUtil.release(msg);
        ctx.writeAndFlush(NetFaults.fatalHandshakeAlert()).addListener(ChannelFutureListener.CLOSE);
        return;
      }
      long pause = NetFaults.pauseNanos(faults);
      if (pause > 0) {
        heldIn.add(msg);
        holdIn(pause);
        return;
      }
    }
    super.channelRead(ctx, msg);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
    if (!holdingIn) {
      super.channelReadComplete(ctx);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (holdingIn) {
      inactivePending = true;
      return;
    }
    releaseHeldOut();
    super.channelInactive(ctx);
  }

  private void holdIn(long nanos) {
    holdingIn = true;
    ctx.channel().config().setAutoRead(false);
    NetFaults.later(ctx.channel(), nanos, this::releaseIn);
  }

  private void releaseIn() {
    holdingIn = false;
    boolean any = !heldIn.isEmpty();
    Object msg;
    while ((msg = heldIn.poll()) != null) {
      ctx.fireChannelRead(msg);
    }
    if (any) {
      ctx.fireChannelReadComplete();
    }
    if (inactivePending) {
      inactivePending = false;
      releaseHeldOut();
      ctx.fireChannelInactive();
      return;
    }
    if (ctx.channel().isActive()) {
      ctx.channel().config().setAutoRead(true);
      ctx.read();
    }
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
      throws Exception {
    if (holdingOut) {
      if (droppingOut) {
        // the engine believes its ClientHello left; it never does
        ReferenceCountUtil.release(msg);
        promise.trySuccess();
      } else {
        heldOut.add(new Object[] {msg, promise});
      }
      return;
    }
    super.write(ctx, msg, promise);
  }

  @Override
  public void flush(ChannelHandlerContext ctx) throws Exception {
    if (holdingOut) {
      flushPending = true;
      return;
    }
    super.flush(ctx);
  }

  private void releaseOut() {
    if (droppingOut) {
      return;
    }
    holdingOut = false;
    Object[] w;
    while ((w = heldOut.poll()) != null) {
      ctx.write(w[0], (ChannelPromise) w[1]);
    }
    if (flushPending) {
      flushPending = false;
      ctx.flush();
    }
  }

  private void releaseHeldOut() {
    Object[] w;
    while ((w = heldOut.poll()) != null) {
      ReferenceCountUtil.release(w[0]);
      ((ChannelPromise) w[1]).tryFailure(new java.nio.channels.ClosedChannelException());
    }
  }
}

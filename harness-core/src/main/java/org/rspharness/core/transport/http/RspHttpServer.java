package org.rspharness.core.transport.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.fault.FaultPlan;
import org.rspharness.core.fault.Layer;
import org.rspharness.core.transport.tls.CertificateSelector;

/**
 * HTTP/1.1 server (TLS or plain) in front of one {@link RspHttpHandler}, with keep-alive, a request
 * size limit and idle timeouts. It binds to loopback unless told otherwise, because a test harness
 * that listens on every interface by default is a gift to whoever shares the network.
 *
 * <p>With {@link Config#withFaults} the server applies the network faults of a fault plan: on
 * reading each request ({@link InboundFaults}), on writing its response ({@link FaultyWriter}) and,
 * per accepted connection, at connect and handshake ({@link WireFaults}).
 */
public final class RspHttpServer implements AutoCloseable {

  /**
   * How to serve.
   *
   * @param bindAddress address to listen on ({@code 127.0.0.1} by default)
   * @param port port, 0 for an ephemeral one
   * @param sslContext TLS server context, or null for plain HTTP
   * @param maxRequestBytes larger bodies get 413
   * @param idleSeconds a connection silent this long is closed
   * @param ioThreads event-loop threads (0 = Netty's default, twice the cores)
   * @param eventSource name of this server in the event log
   * @param pipelineHook called on every new connection's pipeline after the TLS handler and before
   *     HTTP, so that fault injection can sit at the byte level; may be null
   * @param faults the network faults of this server ({@link #withFaults}); none by default
   */
  public record Config(
      String bindAddress,
      int port,
      SslContext sslContext,
      int maxRequestBytes,
      int idleSeconds,
      int ioThreads,
      String eventSource,
      Consumer<ChannelPipeline> pipelineHook,
      FaultPlan faults) {

    /**
     * A plain-HTTP server without pipeline hook or faults (callers outside the transport need no
     * Netty type).
     */
    public static Config plain(
        String bindAddress,
        int port,
        int maxRequestBytes,
        int idleSeconds,
        int ioThreads,
        String eventSource) {
      return new Config(
          bindAddress, port, null, maxRequestBytes, idleSeconds, ioThreads, eventSource, null);
    }

    /** A null fault plan means none. */
    public Config {
      faults = faults == null ? FaultPlan.none() : faults;
    }

    /** A server without network faults. */
    public Config(
        String bindAddress,
        int port,
        SslContext sslContext,
        int maxRequestBytes,
        int idleSeconds,
        int ioThreads,
        String eventSource,
        Consumer<ChannelPipeline> pipelineHook) {
      this(
          bindAddress,
          port,
          sslContext,
          maxRequestBytes,
          idleSeconds,
          ioThreads,
          eventSource,
          pipelineHook,
          FaultPlan.none());
    }

    /** Loopback, ephemeral port, 256 KiB requests, 60 s idle. */
    public static Config loopback(SslContext sslContext, String eventSource) {
      return new Config("127.0.0.1", 0, sslContext, 256 * 1024, 60, 0, eventSource, null);
    }

    public Config withPort(int newPort) {
      return new Config(
          bindAddress,
          newPort,
          sslContext,
          maxRequestBytes,
          idleSeconds,
          ioThreads,
          eventSource,
          pipelineHook,
          faults);
    }

    /** A connection silent for {@code seconds} is closed. */
    public Config withIdleSeconds(int seconds) {
      return new Config(
          bindAddress,
          port,
          sslContext,
          maxRequestBytes,
          seconds,
          ioThreads,
          eventSource,
          pipelineHook,
          faults);
    }

    public Config withBindAddress(String address) {
      return new Config(
          address,
          port,
          sslContext,
          maxRequestBytes,
          idleSeconds,
          ioThreads,
          eventSource,
          pipelineHook,
          faults);
    }

    public Config withPipelineHook(Consumer<ChannelPipeline> hook) {
      return new Config(
          bindAddress,
          port,
          sslContext,
          maxRequestBytes,
          idleSeconds,
          ioThreads,
          eventSource,
          hook,
          faults);
    }

    /**
     * The network faults of the server side ({@link Layer#NETWORK_SERVER}). Each request is one
     * exchange, begun when its head arrives, whose target is the last path segment ({@code
     * /gsma/rsp2/es9plus/authenticateClient} -> {@code authenticateClient}): REQUEST_* faults act
     * on reading it, RESPONSE_* faults on writing the answer. CONNECT and TLS_HANDSHAKE come before
     * any request names a function, so each accepted connection is an exchange of target {@code *}
     * (its occurrence counts connections): rules for these points must name target {@code *}.
     * {@link FaultPlan#none()} adds no handler at all.
     */
    public Config withFaults(FaultPlan plan) {
      return new Config(
          bindAddress,
          port,
          sslContext,
          maxRequestBytes,
          idleSeconds,
          ioThreads,
          eventSource,
          pipelineHook,
          plan);
    }
  }

  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Channel serverChannel;
  private final InetSocketAddress address;

  private RspHttpServer(EventLoopGroup boss, EventLoopGroup workers, Channel serverChannel) {
    this.boss = boss;
    this.workers = workers;
    this.serverChannel = serverChannel;
    this.address = (InetSocketAddress) serverChannel.localAddress();
  }

  /**
   * Binds and starts serving. A busy port fails here with a message naming the address, not with a
   * bare BindException.
   */
  public static RspHttpServer start(Config config, RspHttpHandler handler, EventLog events) {
    EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    EventLoopGroup workers =
        new MultiThreadIoEventLoopGroup(config.ioThreads(), NioIoHandler.newFactory());
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new Initializer(config, handler, events));
    try {
      Channel channel =
          bootstrap.bind(config.bindAddress(), config.port()).syncUninterruptibly().channel();
      return new RspHttpServer(boss, workers, channel);
    } catch (Exception e) { // bind() rethrows the checked BindException undeclared
      boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw new IllegalStateException(
          "cannot listen on "
              + config.bindAddress()
              + ":"
              + config.port()
              + " ("
              + e.getMessage()
              + "); is the port in use?",
          e);
    }
  }

  /** The bound address (with the real port when 0 was asked). */
  public InetSocketAddress address() {
    return address;
  }

  /** The bound port. */
  public int port() {
    return address.getPort();
  }

  @Override
  public void close() {
    serverChannel.close().syncUninterruptibly();
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** The fault exchange of the request being served on a connection (faulty servers only). */
  private static final AttributeKey<FaultPlan.Exchange> EXCHANGE =
      AttributeKey.valueOf("rsp.server.fault.exchange");

  private static final class Initializer extends ChannelInitializer<SocketChannel> {
    private final Config config;
    private final RspHttpHandler handler;
    private final EventLog events;

    Initializer(Config config, RspHttpHandler handler, EventLog events) {
      this.config = config;
      this.handler = handler;
      this.events = events;
    }

    /** The function a request path names: its last segment. */
    static String function(String uri) {
      String path = new QueryStringDecoder(uri).path();
      while (path.endsWith("/") && path.length() > 1) {
        path = path.substring(0, path.length() - 1);
      }
      int slash = path.lastIndexOf('/');
      String last = slash >= 0 ? path.substring(slash + 1) : path;
      return last.isEmpty() ? "/" : last;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
      ChannelPipeline p = ch.pipeline();
      FaultPlan plan = config.faults();
      boolean faulty = !plan.isEmpty();
      if (faulty) {
        p.addLast(WireFaults.NAME, WireFaults.server(plan, config.sslContext() != null));
      }
      CertificateSelector selector = CertificateSelector.of(config.sslContext());
      if (selector != null) {
        long accepted = System.nanoTime();
        p.addLast(
            "tls",
            selector.newHandler(
                why ->
                    events.emit(
                        config.eventSource(),
                        new EventPayload.TlsHandshake(
                            String.valueOf(ch.remoteAddress()),
                            null,
                            null,
                            "refused (handshake_failure): " + why,
                            System.nanoTime() - accepted))));
      } else if (config.sslContext() != null) {
        p.addLast("tls", config.sslContext().newHandler(ch.alloc()));
      }
      if (config.pipelineHook() != null) {
        config.pipelineHook().accept(p);
      }
      p.addLast("idle", new IdleStateHandler(0, 0, config.idleSeconds()));
      p.addLast("http", new HttpServerCodec());
      p.addLast("keepalive", new HttpServerKeepAliveHandler());
      if (faulty) {
        p.addLast(
            InboundFaults.NAME,
            new InboundFaults(
                true,
                head -> {
                  FaultPlan.Exchange x =
                      plan.begin(
                          Layer.NETWORK_SERVER,
                          head instanceof HttpRequest r ? function(r.uri()) : "/");
                  ch.attr(EXCHANGE).set(x);
                  return x;
                },
                abort -> {}));
      }
      p.addLast("aggregate", new HttpObjectAggregator(config.maxRequestBytes()));
      p.addLast("rsp", new Dispatch(handler, events, config.eventSource()));
    }
  }

  /**
   * Hands aggregated requests to the handler on the event loop (the services are CPU-bound) and
   * writes each answer when it is complete: an answer that waits (a durable commit) does not hold
   * the event loop, and answers on one connection leave in the order of their requests.
   */
  private static final class Dispatch extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final RspHttpHandler handler;
    private final EventLog events;
    private final String source;
    private long handshakeStart = System.nanoTime();

    /** The previous answer on this connection written (event loop only). */
    private CompletableFuture<Void> written = CompletableFuture.completedFuture(null);

    Dispatch(RspHttpHandler handler, EventLog events, String source) {
      this.handler = handler;
      this.events = events;
      this.source = source;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      boolean keepAlive = HttpUtil.isKeepAlive(request);
      if (!request.decoderResult().isSuccess()) {
        send(ctx, keepAlive, plain(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request"));
        return;
      }
      Map<String, String> headers = new HashMap<>();
      request
          .headers()
          .forEach(h -> headers.putIfAbsent(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
      RspHttpRequest rspRequest =
          new RspHttpRequest(
              request.method().name(),
              new QueryStringDecoder(request.uri()).path(),
              headers,
              ByteBufUtil.getBytes(request.content()),
              String.valueOf(ctx.channel().remoteAddress()),
              peerCertificates(ctx));
      CompletableFuture<RspHttpResponse> answer;
      try {
        answer = handler.handleAsync(rspRequest).toCompletableFuture();
      } catch (RuntimeException bug) {
        answer = CompletableFuture.failedFuture(bug);
      }
      if (written.isDone() && answer.isDone()) {
        answer(ctx, keepAlive, rspRequest, answer);
        return;
      }
      CompletableFuture<RspHttpResponse> later = answer;
      written =
          written
              .thenCompose(v -> later.handle((r, e) -> null))
              .thenRunAsync(() -> answer(ctx, keepAlive, rspRequest, later), ctx.executor())
              .exceptionally(e -> null);
    }

    /** Writes a complete answer (on the event loop); a handler failure becomes a bare 500. */
    private void answer(
        ChannelHandlerContext ctx,
        boolean keepAlive,
        RspHttpRequest rspRequest,
        CompletableFuture<RspHttpResponse> answer) {
      RspHttpResponse response;
      try {
        response = answer.join();
      } catch (java.util.concurrent.CompletionException
          | java.util.concurrent.CancellationException e) {
        Throwable bug = e.getCause() == null ? e : e.getCause();
        // Never the stack trace on the wire: the event log gets the cause for the developer.
        events.emit(
            source, new EventPayload.Note("handler failed on " + rspRequest.path() + ": " + bug));
        send(ctx, keepAlive, plain(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error"));
        return;
      }
      FullHttpResponse out =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1,
              HttpResponseStatus.valueOf(response.status()),
              Unpooled.wrappedBuffer(response.body()));
      response.headers().forEach((k, v) -> out.headers().set(k, v));
      send(ctx, keepAlive, out);
    }

    private static FullHttpResponse plain(HttpResponseStatus status, String text) {
      FullHttpResponse out =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
      out.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain;charset=UTF-8");
      return out;
    }

    private static void send(
        ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse response) {
      HttpUtil.setContentLength(response, response.content().readableBytes());
      HttpUtil.setKeepAlive(response, keepAlive);
      // After a transport-level error the connection state is suspect: close it.
      boolean close = response.status().code() >= 400 && response.status().code() != 404;
      if (close) {
        HttpUtil.setKeepAlive(response, false);
      }
      FaultPlan.Exchange exchange = ctx.channel().attr(EXCHANGE).getAndSet(null);
      if (exchange != null) {
        DefaultHttpResponse head =
            new DefaultHttpResponse(response.protocolVersion(), response.status());
        head.headers().set(response.headers());
        byte[] body = ByteBufUtil.getBytes(response.content());
        response.release();
        FaultyWriter.send(
            ctx.channel(),
            head,
            body,
            exchange,
            false,
            abort -> {},
            close ? () -> ctx.channel().close() : null);
        return;
      }
      if (close) {
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
      } else {
        ctx.writeAndFlush(response);
      }
    }

    private static List<X509Certificate> peerCertificates(ChannelHandlerContext ctx) {
      SslHandler ssl = ctx.pipeline().get(SslHandler.class);
      // without client authentication there is no peer chain: asking throws, per request
      if (ssl == null || !(ssl.engine().getNeedClientAuth() || ssl.engine().getWantClientAuth())) {
        return List.of();
      }
      try {
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate c : ssl.engine().getSession().getPeerCertificates()) {
          if (c instanceof X509Certificate x) {
            chain.add(x);
          }
        }
        return chain;
      } catch (SSLPeerUnverifiedException noClientCertificate) {
        return List.of();
      }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
      handshakeStart = System.nanoTime();
      super.channelActive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt instanceof SslHandshakeCompletionEvent done && events.enabled()) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        long nanos = System.nanoTime() - handshakeStart;
        events.emit(
            source,
            done.isSuccess()
                ? new EventPayload.TlsHandshake(
                    String.valueOf(ctx.channel().remoteAddress()),
                    ssl.engine().getSession().getProtocol(),
                    ssl.engine().getSession().getCipherSuite(),
                    null,
                    nanos)
                : new EventPayload.TlsHandshake(
                    String.valueOf(ctx.channel().remoteAddress()),
                    null,
                    null,
                    String.valueOf(done.cause()),
                    nanos));
      } else if (evt instanceof IdleStateEvent) {
        ctx.close();
        return;
      }
      super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      // TLS failures and resets end up here; the handshake event already told the log.
      ctx.close();
    }
  }
}

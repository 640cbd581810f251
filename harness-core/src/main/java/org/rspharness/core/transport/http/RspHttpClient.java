package org.rspharness.core.transport.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.fault.Fault;
import org.rspharness.core.fault.FaultPlan;
import org.rspharness.core.fault.FaultPoint;
import org.rspharness.core.fault.Layer;
import org.rspharness.core.transport.tls.TlsContexts;
import org.rspharness.core.transport.tls.TlsOptions;

/**
 * HTTP/1.1 client for ES9+ (LPA side) and ES2+ (operator side, and the SM-DP+ calling the operator
 * back): keep-alive connections per host, SNI and host-name checking through the TLS context, and a
 * resolve table so that lab names such as {@code testsmdpplus1.example.com} reach 127.0.0.1 while
 * TLS still checks the certificate against the lab name.
 *
 * <p>With {@link Config#withFaults} the client applies the network faults of a fault plan to each
 * exchange (see {@link FaultyWriter} for the request side, {@link InboundFaults} for the response
 * side, {@link WireFaults} for connect and handshake), and reports each as its typed {@link
 * RspHttpException.Kind}.
 */
public final class RspHttpClient implements AutoCloseable {

  /**
   * How to connect.
   *
   * @param sslContext client TLS context (see {@code TlsContexts.client}); null for plain HTTP
   * @param resolve host name (lower case) to the address to dial instead of DNS, optionally with a
   *     port ({@code 127.0.0.1:8443}, {@code [::1]:8443}) that replaces the URL's port
   * @param connectTimeout TCP connect limit
   * @param responseTimeout limit from sending the request to the whole response
   * @param maxResponseBytes larger responses fail (a bound profile package is ~15-100 KB)
   * @param eventSource name of this client in the event log
   * @param pipelineHook called on every new connection's pipeline after TLS, before HTTP
   * @param faults the network faults of this client ({@link #withFaults}); none by default
   */
  public record Config(
      SslContext sslContext,
      Map<String, String> resolve,
      Duration connectTimeout,
      Duration responseTimeout,
      int maxResponseBytes,
      String eventSource,
      Consumer<ChannelPipeline> pipelineHook,
      FaultPlan faults) {

    public Config {
      Map<String, String> lower = new LinkedHashMap<>();
      resolve.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
      resolve = Map.copyOf(lower);
      for (Map.Entry<String, String> e : resolve.entrySet()) {
        String v = e.getValue();
        if (!v.matches(
            "[^:\\[\\]]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+](:[0-9]{1,5})?|[0-9A-Fa-f:]+")) {
          throw new IllegalArgumentException(
              "resolve "
                  + e.getKey()
                  + ": '"
                  + v
                  + "' is not an address, address:port or [v6]:port");
        }
      }
      faults = faults == null ? FaultPlan.none() : faults;
    }

    /** A client without network faults. */
    public Config(
        SslContext sslContext,
        Map<String, String> resolve,
        Duration connectTimeout,
        Duration responseTimeout,
        int maxResponseBytes,
        String eventSource,
        Consumer<ChannelPipeline> pipelineHook) {
      this(
          sslContext,
          resolve,
          connectTimeout,
          responseTimeout,
          maxResponseBytes,
          eventSource,
          pipelineHook,
          FaultPlan.none());
    }

    /**
     * {@link #defaults} over TLS trusting {@code trustAnchors} and presenting {@code clientKey}
     * with {@code clientChain} (both null: no client certificate), so that callers outside the
     * transport need no TLS library type.
     */
    public static Config overTls(
        Collection<X509Certificate> trustAnchors,
        PrivateKey clientKey,
        List<X509Certificate> clientChain,
        TlsOptions options,
        String eventSource)
        throws SSLException {
      return defaults(
          TlsContexts.client(trustAnchors, clientKey, clientChain, options), eventSource);
    }

    /** 10 s to connect, 30 s per response, 4 MiB responses. */
    public static Config defaults(SslContext sslContext, String eventSource) {
      return new Config(
          sslContext,
          Map.of(),
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          4 * 1024 * 1024,
          eventSource,
          null);
    }

    public Config withResolve(Map<String, String> table) {
      return new Config(
          sslContext,
          table,
          connectTimeout,
          responseTimeout,
          maxResponseBytes,
          eventSource,
          pipelineHook,
          faults);
    }

    public Config withTimeouts(Duration connect, Duration response) {
      return new Config(
          sslContext,
          resolve,
          connect,
          response,
          maxResponseBytes,
          eventSource,
          pipelineHook,
          faults);
    }

    public Config withPipelineHook(Consumer<ChannelPipeline> hook) {
      return new Config(
          sslContext,
          resolve,
          connectTimeout,
          responseTimeout,
          maxResponseBytes,
          eventSource,
          hook,
          faults);
    }

    /**
     * The network faults of the client side ({@link Layer#NETWORK_CLIENT}), including the plan's
     * {@link org.rspharness.core.fault.NetworkProfile}. Each {@link #post} is one exchange of its
     * function: REQUEST_* faults act on writing the request, RESPONSE_* faults on reading the
     * response. An exchange with a CONNECT or TLS_HANDSHAKE fault opens a fresh connection (a
     * pooled one has no connect to delay). {@link FaultPlan#none()} adds no handler at all.
     */
    public Config withFaults(FaultPlan plan) {
      return new Config(
          sslContext,
          resolve,
          connectTimeout,
          responseTimeout,
          maxResponseBytes,
          eventSource,
          pipelineHook,
          plan);
    }
  }

  /**
   * Keep-alive unless the caller asks for {@code Connection: close} (a new connection per call).
   */
  private static boolean keepAlive(Map<String, String> headers) {
    return headers.entrySet().stream()
        .noneMatch(
            e ->
                e.getKey().equalsIgnoreCase("Connection")
                    && e.getValue().equalsIgnoreCase("close"));
  }

  private static final AttributeKey<CompletableFuture<FullHttpResponse>> PENDING =
      AttributeKey.valueOf("rsp.pending");

  /** The fault exchange of the request in flight on a connection (faulty clients only). */
  private static final AttributeKey<FaultPlan.Exchange> EXCHANGE =
      AttributeKey.valueOf("rsp.client.fault.exchange");

  private final Config config;
  private final EventLog events;
  private final EventLoopGroup group;
  private final boolean ownsGroup;
  private final Map<String, Deque<Channel>> idle = new ConcurrentHashMap<>();

  /** A client with its own single I/O thread. */
  public RspHttpClient(Config config, EventLog events) {
    this(config, events, new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()), true);
  }

  /** A client sharing an event loop group (thousands of simulated LPAs share a few threads). */
  public RspHttpClient(Config config, EventLog events, EventLoopGroup group) {
    this(config, events, group, false);
  }

  private RspHttpClient(Config config, EventLog events, EventLoopGroup group, boolean ownsGroup) {
    this.config = config;
    this.events = events;
    this.group = group;
    this.ownsGroup = ownsGroup;
  }

  /**
   * POSTs {@code body} and waits for the whole response. {@code function} names the exchange in the
   * event log (e.g. {@code initiateAuthentication}).
   */
  public RspHttpResponse post(URI url, Map<String, String> headers, byte[] body, String function)
      throws RspHttpException {
    long start = System.nanoTime();
    FaultPlan plan = config.faults();
    FaultPlan.Exchange faults =
        plan.isEmpty() ? null : plan.begin(Layer.NETWORK_CLIENT, function == null ? "" : function);
    try {
      RspHttpResponse response = exchange(url, headers, body, faults);
      emit(function, url, response.status(), body, response.body(), start, null);
      return response;
    } catch (RspHttpException e) {
      emit(
          function,
          url,
          e.status(),
          body,
          e.partialBody(),
          start,
          e.kind() + ": " + e.getMessage());
      throw e;
    }
  }

  private void emit(
      String function, URI url, int status, byte[] req, byte[] resp, long start, String error) {
    if (events.enabled()) {
      events.emit(
          config.eventSource(),
          new EventPayload.HttpExchange(
              function, url.toString(), status, req, resp, System.nanoTime() - start, error));
    }
  }

  private RspHttpResponse exchange(
      URI url, Map<String, String> headers, byte[] body, FaultPlan.Exchange faults)
      throws RspHttpException {
    for (io.netty.util.concurrent.EventExecutor loop : group) {
      if (loop.inEventLoop()) {
        // Waiting here would stall the very loop that must deliver the response.
        throw new IllegalStateException(
            "RspHttpClient.post called on one of its own event-loop threads; call it from a"
                + " worker thread");
      }
    }
    String host = url.getHost();
    if (host == null) {
      throw new IllegalArgumentException("URL without a host: " + url);
    }
    boolean tls = "https".equalsIgnoreCase(url.getScheme());
    if (tls && config.sslContext() == null) {
      throw new IllegalArgumentException("https URL but the client has no TLS context: " + url);
    }
    int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
    String key = host.toLowerCase(Locale.ROOT) + ":" + port + (tls ? "/tls" : "");
    List<Fault> connectFaults = List.of();
    List<Fault> tlsFaults = List.of();
    if (faults != null) {
      connectFaults = faults.at(FaultPoint.CONNECT);
      tlsFaults = tls ? faults.at(FaultPoint.TLS_HANDSHAKE) : List.of();
    }
    // A connect or handshake fault needs a connect and a handshake: no pooled connection then.
    Channel pooled = connectFaults.isEmpty() && tlsFaults.isEmpty() ? takeIdle(key) : null;
    if (pooled != null) {
      try {
        return send(pooled, key, url, host, port, headers, body, faults);
      } catch (RspHttpException e) {
        if (e.kind() != RspHttpException.Kind.CONNECTION_CLOSED
            || e.getCause() instanceof NetFaults.InjectedFault) {
          throw e;
        }
        // The server closed the idle connection as we reused it: one retry on a fresh one.
      }
    }
    return send(
        connect(host, port, tls, url, connectFaults, tlsFaults),
        key,
        url,
        host,
        port,
        headers,
        body,
        faults);
  }

  private RspHttpResponse send(
      Channel channel,
      String key,
      URI url,
      String host,
      int port,
      Map<String, String> headers,
      byte[] body,
      FaultPlan.Exchange faults)
      throws RspHttpException {
    if (faults != null) {
      return sendWithFaults(channel, key, url, host, port, headers, body, faults);
    }
    FullHttpRequest request =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1,
            HttpMethod.POST,
            url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath(),
            Unpooled.wrappedBuffer(body));
    request.headers().set(HttpHeaderNames.HOST, url.getPort() > 0 ? host + ":" + port : host);
    headers.forEach((k, v) -> request.headers().set(k, v));
    HttpUtil.setContentLength(request, body.length);
    HttpUtil.setKeepAlive(request, keepAlive(headers));

    CompletableFuture<FullHttpResponse> pending = new CompletableFuture<>();
    channel.attr(PENDING).set(pending);
    channel.writeAndFlush(request);
    return await(channel, key, url, pending);
  }

  /** As {@link #send}, the request written piecewise through the exchange's faults. */
  private RspHttpResponse sendWithFaults(
      Channel channel,
      String key,
      URI url,
      String host,
      int port,
      Map<String, String> headers,
      byte[] body,
      FaultPlan.Exchange faults)
      throws RspHttpException {
    HttpRequest head =
        new DefaultHttpRequest(
            HttpVersion.HTTP_1_1,
            HttpMethod.POST,
            url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath());
    head.headers().set(HttpHeaderNames.HOST, url.getPort() > 0 ? host + ":" + port : host);
    headers.forEach((k, v) -> head.headers().set(k, v));
    HttpUtil.setContentLength(head, body.length);
    HttpUtil.setKeepAlive(head, keepAlive(headers));
    CompletableFuture<FullHttpResponse> pending = new CompletableFuture<>();
    channel.attr(PENDING).set(pending);
    channel.attr(EXCHANGE).set(faults);
    FaultyWriter.send(channel, head, body, faults, true, pending::completeExceptionally, null);
    return await(channel, key, url, pending);
  }

  private RspHttpResponse await(
      Channel channel, String key, URI url, CompletableFuture<FullHttpResponse> pending)
      throws RspHttpException {
    FullHttpResponse response;
    try {
      response = pending.get(config.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      abandon(channel, pending);
      throw new RspHttpException(
          RspHttpException.Kind.TIMEOUT,
          "timeout: no complete response from "
              + url
              + " within "
              + config.responseTimeout()
              + "; fix: check the server is not stalled, or allow more time (e.g. lpa --timeout)",
          e);
    } catch (ExecutionException e) {
      channel.close();
      throw failure(url, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abandon(channel, pending);
      throw new RspHttpException(
          RspHttpException.Kind.CONNECTION_CLOSED, "interrupted waiting for " + url, e);
    }
    try {
      if (response.decoderResult().isFailure()) {
        // e.g. the connection ended within a Content-Length body
        channel.close();
        throw new RspHttpException(
            RspHttpException.Kind.TRUNCATED_RESPONSE,
            "response from "
                + url
                + " cut short after "
                + response.content().readableBytes()
                + " body bytes: "
                + rootMessage(response.decoderResult().cause()),
            response.decoderResult().cause(),
            response.status().code(),
            ByteBufUtil.getBytes(response.content()));
      }
      Map<String, String> responseHeaders = new LinkedHashMap<>();
      response.headers().forEach(h -> responseHeaders.putIfAbsent(h.getKey(), h.getValue()));
      RspHttpResponse result =
          new RspHttpResponse(
              response.status().code(), responseHeaders, ByteBufUtil.getBytes(response.content()));
      if (HttpUtil.isKeepAlive(response) && channel.isActive()) {
        idle.computeIfAbsent(key, k -> new ArrayDeque<>());
        Deque<Channel> queue = idle.get(key);
        synchronized (queue) {
          queue.push(channel);
        }
      } else {
        channel.close();
      }
      return result;
    } finally {
      response.release();
    }
  }

  /** Gives up on a request: a response arriving later is released, not leaked. */
  private static void abandon(Channel channel, CompletableFuture<FullHttpResponse> pending) {
    channel.attr(PENDING).compareAndSet(pending, null);
    pending.whenComplete(
        (late, error) -> {
          if (late != null) {
            late.release();
          }
        });
    pending.cancel(false);
    channel.close();
  }

  private Channel takeIdle(String key) {
    Deque<Channel> queue = idle.get(key);
    if (queue == null) {
      return null;
    }
    synchronized (queue) {
      Channel c;
      while ((c = queue.poll()) != null) {
        if (c.isActive()) {
          return c;
        }
      }
    }
    return null;
  }

  private Channel connect(
      String host, int port, boolean tls, URI url, List<Fault> connectFaults, List<Fault> tlsFaults)
      throws RspHttpException {
    String dial = config.resolve().getOrDefault(host.toLowerCase(Locale.ROOT), host);
    if (NetFaults.has(connectFaults, Fault.Refuse.class)) {
      // The server is never contacted, as when nothing listens on the port.
      throw new RspHttpException(
          RspHttpException.Kind.CONNECT_FAILED,
          "cannot connect to "
              + url
              + " (dialled "
              + dial
              + ":"
              + port
              + "): Connection refused ("
              + NetFaults.at(new Fault.Refuse(), FaultPoint.CONNECT)
              + ")",
          new java.net.ConnectException("Connection refused (injected)"));
    }
    boolean faulty = !config.faults().isEmpty();
    CompletableFuture<Void> handshake = new CompletableFuture<>();
    Bootstrap bootstrap =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ChannelPipeline p = ch.pipeline();
                    if (faulty) {
                      p.addLast(
                          WireFaults.NAME,
                          WireFaults.client(tlsFaults, handshake::completeExceptionally));
                    }
                    if (tls) {
                      // SNI and host-name verification use the URL's host, not the dialled one.
                      p.addLast("tls", config.sslContext().newHandler(ch.alloc(), host, port));
                    }
                    if (config.pipelineHook() != null) {
                      config.pipelineHook().accept(p);
                    }
                    p.addLast("http", new HttpClientCodec());
                    if (faulty) {
                      p.addLast(
                          InboundFaults.NAME,
                          new InboundFaults(
                              false,
                              head -> ch.attr(EXCHANGE).get(),
                              abort -> {
                                CompletableFuture<FullHttpResponse> pending =
                                    ch.attr(PENDING).getAndSet(null);
                                if (pending != null) {
                                  pending.completeExceptionally(abort);
                                }
                              }));
                    }
                    p.addLast("progress", new ResponseProgress());
                    p.addLast("aggregate", new HttpObjectAggregator(config.maxResponseBytes()));
                    p.addLast("rsp", new ResponseHandler(handshake, tls));
                  }
                });
    int dialPort = port;
    int colon = dial.lastIndexOf(':');
    if (colon > 0
        && (dial.startsWith("[") ? dial.charAt(colon - 1) == ']' : dial.indexOf(':') == colon)) {
      // a resolve entry with a port (a lab SM-DP+ serving each curve on its own port)
      dialPort = Integer.parseInt(dial.substring(colon + 1));
      dial = dial.substring(dial.startsWith("[") ? 1 : 0, dial.startsWith("[") ? colon - 1 : colon);
    }
    InetSocketAddress address = new InetSocketAddress(dial, dialPort);
    long delay = NetFaults.pauseNanos(connectFaults);
    ChannelFuture connected =
        delay > 0
            ? group
                .next()
                .schedule(() -> bootstrap.connect(address), delay, TimeUnit.NANOSECONDS)
                .awaitUninterruptibly()
                .getNow()
                .awaitUninterruptibly()
            : bootstrap.connect(address).awaitUninterruptibly();
    if (!connected.isSuccess()) {
      String dialled = dial + ":" + dialPort;
      throw new RspHttpException(
          RspHttpException.Kind.CONNECT_FAILED,
          "cannot connect to "
              + url
              + (dial.equals(host) && dialPort == port ? "" : " (dialled " + dialled + ")")
              + ": "
              + NetworkFailures.diagnose(connected.cause(), host, dialled)
                  .map(NetworkFailures.Diagnosis::line)
                  .orElse(String.valueOf(connected.cause().getMessage())),
          connected.cause());
    }
    if (tls) {
      try {
        handshake.get(config.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        connected.channel().close();
        throw new RspHttpException(
            RspHttpException.Kind.TIMEOUT,
            "timeout: no TLS handshake with "
                + url
                + " within "
                + config.responseTimeout()
                + "; fix: check that the port speaks TLS, or allow more time",
            e);
      } catch (ExecutionException e) {
        connected.channel().close();
        Throwable cause = e.getCause();
        if (cause instanceof NetFaults.InjectedFault injected) {
          throw new RspHttpException(
              injected.kind, "TLS handshake with " + url + ": " + injected.getMessage(), cause);
        }
        if (isReset(cause)) {
          throw new RspHttpException(
              RspHttpException.Kind.CONNECTION_RESET,
              "connection to " + url + " reset in the TLS handshake: " + rootMessage(cause),
              cause);
        }
        throw new RspHttpException(
            RspHttpException.Kind.TLS_FAILED,
            "TLS handshake with " + url + " failed: " + NetworkFailures.tls(cause, host).line(),
            cause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        connected.channel().close();
        throw new RspHttpException(
            RspHttpException.Kind.CONNECTION_CLOSED, "interrupted connecting to " + url, e);
      }
    }
    return connected.channel();
  }

  private static RspHttpException failure(URI url, Throwable cause) {
    if (cause instanceof NetFaults.InjectedFault injected) {
      return new RspHttpException(
          injected.kind,
          "exchange with " + url + ": " + injected.getMessage(),
          cause,
          injected.status,
          injected.partialBody);
    }
    if (cause instanceof TruncatedResponse t) {
      return new RspHttpException(
          RspHttpException.Kind.TRUNCATED_RESPONSE,
          "response from " + url + " cut short: " + t.getMessage(),
          cause,
          t.status,
          t.partialBody);
    }
    if (isReset(cause)) {
      return new RspHttpException(
          RspHttpException.Kind.CONNECTION_RESET,
          "connection to " + url + " reset by peer: " + rootMessage(cause),
          cause);
    }
    if (cause instanceof TooLongFrameException) {
      return new RspHttpException(
          RspHttpException.Kind.RESPONSE_TOO_LARGE, "response from " + url + " too large", cause);
    }
    if (cause instanceof SSLException) {
      return new RspHttpException(
          RspHttpException.Kind.TLS_FAILED,
          "TLS failure with " + url + ": " + NetworkFailures.tls(cause, url.getHost()).line(),
          cause);
    }
    return new RspHttpException(
        RspHttpException.Kind.CONNECTION_CLOSED,
        "connection to " + url + " ended before a complete response: " + rootMessage(cause),
        cause);
  }

  /** True for a RST from the peer, however deep the TLS layer wrapped it. */
  private static boolean isReset(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof java.net.SocketException || c instanceof java.io.IOException) {
        String m = c.getMessage();
        if (m != null && m.toLowerCase(Locale.ROOT).contains("connection reset")) {
          return true;
        }
      }
    }
    return false;
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  @Override
  public void close() {
    idle.values()
        .forEach(
            q -> {
              synchronized (q) {
                q.forEach(Channel::close);
                q.clear();
              }
            });
    if (ownsGroup) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  /** A response whose connection ended within its body. */
  private static final class TruncatedResponse extends java.io.IOException {
    private static final long serialVersionUID = 1L;
    final transient int status;
    final transient byte[] partialBody;

    TruncatedResponse(String message, int status, byte[] partialBody) {
      super(message);
      this.status = status;
      this.partialBody = partialBody;
    }
  }

  /**
   * Watches the response being received, so that a connection ending within a body reads as a
   * truncated response (with the bytes that did arrive) rather than as a bare close: the codec
   * drops an incomplete Content-Length body silently. Costs a retain per body chunk.
   */
  private static final class ResponseProgress
      extends io.netty.channel.ChannelInboundHandlerAdapter {
    private int status;
    private long expected;
    private final List<io.netty.buffer.ByteBuf> parts = new java.util.ArrayList<>(2);

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof io.netty.handler.codec.http.HttpResponse head) {
        clear();
        status = head.status().code();
        expected = HttpUtil.getContentLength(head, -1L);
      }
      if (msg instanceof io.netty.handler.codec.http.LastHttpContent) {
        clear();
      } else if (msg instanceof io.netty.handler.codec.http.HttpContent c && status != 0) {
        parts.add(c.content().retainedDuplicate());
      }
      ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      if (status != 0) {
        io.netty.buffer.CompositeByteBuf all = Unpooled.compositeBuffer(Math.max(2, parts.size()));
        parts.forEach(b -> all.addComponent(true, b));
        parts.clear();
        byte[] got = ByteBufUtil.getBytes(all);
        all.release();
        CompletableFuture<FullHttpResponse> pending = ctx.channel().attr(PENDING).getAndSet(null);
        if (pending != null) {
          pending.completeExceptionally(
              new TruncatedResponse(
                  "connection closed after "
                      + got.length
                      + (expected >= 0 ? " of " + expected : "")
                      + " response body bytes",
                  status,
                  got));
        }
        status = 0;
      }
      super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
      clear();
    }

    private void clear() {
      status = 0;
      parts.forEach(io.netty.buffer.ByteBuf::release);
      parts.clear();
    }
  }

  /** Completes the pending request of its channel; fails it when the connection dies. */
  private static final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
    private final CompletableFuture<Void> handshake;

    ResponseHandler(CompletableFuture<Void> handshake, boolean tls) {
      super(false);
      this.handshake = handshake;
      if (!tls) {
        handshake.complete(null);
      }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
      CompletableFuture<FullHttpResponse> pending = ctx.channel().attr(PENDING).getAndSet(null);
      if (pending == null || !pending.complete(response)) {
        response.release();
      }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt instanceof SslHandshakeCompletionEvent done) {
        if (done.isSuccess()) {
          handshake.complete(null);
        } else {
          handshake.completeExceptionally(done.cause());
        }
      }
      super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      handshake.completeExceptionally(new java.io.IOException("connection closed in handshake"));
      fail(ctx, new java.io.IOException("connection closed by peer"));
      super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      handshake.completeExceptionally(cause); // a reset in the handshake reads as a reset
      fail(ctx, cause);
      ctx.close();
    }

    private static void fail(ChannelHandlerContext ctx, Throwable cause) {
      CompletableFuture<FullHttpResponse> pending = ctx.channel().attr(PENDING).getAndSet(null);
      if (pending != null) {
        pending.completeExceptionally(cause);
      }
    }
  }
}

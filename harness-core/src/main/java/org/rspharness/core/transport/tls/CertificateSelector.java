package org.rspharness.core.transport.tls;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslClientHelloHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * SGP.22 section 2.6.6: one TLS port holding a DPtls certificate per curve, choosing the one the
 * client's ClientHello allows. In TLS 1.2 the certificate's curve must be in the client's
 * supported_groups (RFC 8422 section 5.1: a server that cannot restrict itself to them must not
 * negotiate ECC); in TLS 1.3 its signature scheme must be in signature_algorithms (secp256r1:
 * 0x0403; brainpoolP256r1: 0x081A, RFC 8734). A client that allows none is refused with a
 * handshake_failure alert and a reason naming what it offered, instead of being sent a certificate
 * it will reject ("wrong curve" in OpenSSL).
 *
 * <p>Each option keeps its own context, so NIST still runs on BoringSSL when it loads and brainpool
 * on Bouncy Castle JSSE. An {@link SslContext} built by {@link #asContext()} stands for the
 * selector wherever a server takes a context; {@code RspHttpServer} asks it for a handler.
 */
public final class CertificateSelector {

  /** TLS 1.2 named curve codes (RFC 8422, RFC 7027) and TLS 1.3 groups (RFC 8446, RFC 8734). */
  static final Map<Integer, String> GROUP_NAMES =
      Map.ofEntries(
          Map.entry(23, "secp256r1"),
          Map.entry(24, "secp384r1"),
          Map.entry(25, "secp521r1"),
          Map.entry(26, "brainpoolP256r1"),
          Map.entry(27, "brainpoolP384r1"),
          Map.entry(28, "brainpoolP512r1"),
          Map.entry(29, "x25519"),
          Map.entry(30, "x448"),
          Map.entry(31, "brainpoolP256r1tls13"),
          Map.entry(32, "brainpoolP384r1tls13"),
          Map.entry(33, "brainpoolP512r1tls13"),
          Map.entry(256, "ffdhe2048"),
          Map.entry(257, "ffdhe3072"),
          Map.entry(258, "ffdhe4096"));

  static final Map<Integer, String> SCHEME_NAMES =
      Map.ofEntries(
          Map.entry(0x0403, "ecdsa_secp256r1_sha256"),
          Map.entry(0x0503, "ecdsa_secp384r1_sha384"),
          Map.entry(0x0603, "ecdsa_secp521r1_sha512"),
          Map.entry(0x081A, "ecdsa_brainpoolP256r1tls13_sha256"),
          Map.entry(0x081B, "ecdsa_brainpoolP384r1tls13_sha384"),
          Map.entry(0x081C, "ecdsa_brainpoolP512r1tls13_sha512"),
          Map.entry(0x0804, "rsa_pss_rsae_sha256"),
          Map.entry(0x0401, "rsa_pkcs1_sha256"),
          Map.entry(0x0807, "ed25519"),
          Map.entry(0x0808, "ed448"));

  private static final int TLS13 = 0x0304;
  private static final int ECDSA_SHA256 = 0x0403;

  /**
   * One certificate the port can present.
   *
   * @param curve its curve, as reports name it
   * @param group12 the TLS 1.2 named curve its key is on
   * @param scheme13 the TLS 1.3 signature scheme it signs with
   * @param context the server context presenting it
   */
  public record Option(String curve, int group12, int scheme13, SslContext context) {
    /** A DPtls certificate on NIST P-256. */
    public static Option nist(SslContext context) {
      return new Option("secp256r1", 23, 0x0403, context);
    }

    /** A DPtls certificate on brainpoolP256r1. */
    public static Option brainpool(SslContext context) {
      return new Option("brainpoolP256r1", 26, 0x081A, context);
    }
  }

  /** What the ClientHello offered (-1 lists mean the extension was absent). */
  public record ClientHello(List<Integer> versions, List<Integer> groups, List<Integer> schemes) {
    /** Parses a ClientHello handshake message, with or without its 4-byte handshake header. */
    public static ClientHello parse(ByteBuf in) {
      int p = in.readerIndex();
      if (in.getUnsignedByte(p) == 1) { // handshake type client_hello, then a 3-byte length
        p += 4;
      }
      int legacyVersion = in.getUnsignedShort(p);
      p += 2 + 32;
      p += 1 + in.getUnsignedByte(p); // session id
      p += 2 + in.getUnsignedShort(p); // cipher suites
      p += 1 + in.getUnsignedByte(p); // compression methods
      List<Integer> versions = List.of(legacyVersion);
      List<Integer> groups = null;
      List<Integer> schemes = null;
      if (p + 2 <= in.writerIndex()) {
        int end = Math.min(in.writerIndex(), p + 2 + in.getUnsignedShort(p));
        p += 2;
        while (p + 4 <= end) {
          int type = in.getUnsignedShort(p);
          int len = in.getUnsignedShort(p + 2);
          int body = p + 4;
          switch (type) {
            case 10 -> groups = shorts(in, body + 2, in.getUnsignedShort(body));
            case 13 -> schemes = shorts(in, body + 2, in.getUnsignedShort(body));
            case 43 -> versions = shorts(in, body + 1, in.getUnsignedByte(body));
            default -> {}
          }
          p = body + len;
        }
      }
      return new ClientHello(versions, groups, schemes);
    }

    private static List<Integer> shorts(ByteBuf in, int from, int length) {
      List<Integer> out = new ArrayList<>();
      for (int i = 0; i + 1 < length; i += 2) {
        out.add(in.getUnsignedShort(from + i));
      }
      return out;
    }

    /** One line naming what was offered, for the refusal event. */
    String describe(boolean tls13) {
      return "client offered "
          + (tls13 ? "TLS 1.3, " : "TLS 1.2, ")
          + "groups "
          + names(groups, GROUP_NAMES)
          + ", signature schemes "
          + names(schemes, SCHEME_NAMES);
    }

    private static String names(List<Integer> codes, Map<Integer, String> table) {
      if (codes == null) {
        return "(extension absent)";
      }
      List<String> out = new ArrayList<>();
      for (int c : codes) {
        out.add(table.getOrDefault(c, String.format("0x%04X", c)));
      }
      return out.toString();
    }
  }

  /** The choice for one ClientHello: an option, or the reason none fits. */
  public record Choice(Option option, String refusal) {}

  private final List<Option> options;
  private final boolean serverTls13;

  /**
   * @param options in preference order (the first that the client allows is presented)
   * @param serverProtocols the protocol versions the contexts enable
   */
  public CertificateSelector(List<Option> options, List<String> serverProtocols) {
    if (options.isEmpty()) {
      throw new IllegalArgumentException("TLS: a certificate selector needs at least one option");
    }
    this.options = List.copyOf(options);
    this.serverTls13 = serverProtocols.contains("TLSv1.3");
  }

  public List<Option> options() {
    return options;
  }

  /** The certificate this ClientHello allows (null hello: not TLS, the first, to fail there). */
  public Choice choose(ClientHello hello) {
    if (hello == null) {
      return new Choice(options.get(0), null);
    }
    boolean tls13 = serverTls13 && hello.versions().contains(TLS13);
    for (Option o : options) {
      boolean ok =
          tls13
              ? hello.schemes() != null && hello.schemes().contains(o.scheme13())
              : (hello.groups() == null || hello.groups().contains(o.group12()))
                  && (hello.schemes() == null || hello.schemes().contains(ECDSA_SHA256));
      if (ok) {
        return new Choice(o, null);
      }
    }
    List<String> have = options.stream().map(Option::curve).toList();
    return new Choice(
        null,
        hello.describe(tls13)
            + "; none allows a DPtls certificate on "
            + String.join(" or ", have)
            + (tls13 ? " (TLS 1.3 needs its signature scheme)" : " (TLS 1.2 needs its curve)"));
  }

  /** A handler reading the ClientHello and putting the chosen context's SslHandler in its place. */
  public ChannelHandler newHandler(Consumer<String> onRefused) {
    return new Handler(onRefused);
  }

  /** This selector as a context, for servers that take one; its engine is the first option's. */
  public SslContext asContext() {
    return new Selecting(this);
  }

  /** The context a server stands for when it holds a selector (else null). */
  public static CertificateSelector of(SslContext context) {
    return context instanceof Selecting s ? s.selector : null;
  }

  private static final class Selecting extends io.netty.handler.ssl.DelegatingSslContext {
    private final CertificateSelector selector;

    Selecting(CertificateSelector selector) {
      super(selector.options.get(0).context());
      this.selector = selector;
    }

    @Override
    protected void initEngine(javax.net.ssl.SSLEngine engine) {}
  }

  /** handshake_failure (40), fatal, in a TLS 1.2 record. */
  private static final byte[] HANDSHAKE_FAILURE_ALERT = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 40};

  private final class Handler extends SslClientHelloHandler<Choice> {
    private final Consumer<String> onRefused;
    private boolean refused;

    Handler(Consumer<String> onRefused) {
      this.onRefused = onRefused;
    }

    @Override
    protected Future<Choice> lookup(ChannelHandlerContext ctx, ByteBuf clientHello) {
      Choice choice;
      try {
        choice = choose(clientHello == null ? null : ClientHello.parse(clientHello));
      } catch (IndexOutOfBoundsException truncated) {
        choice = choose(null); // the engine will reject the malformed hello itself
      }
      return ctx.executor().newSucceededFuture(choice);
    }

    @Override
    protected void onLookupComplete(ChannelHandlerContext ctx, Future<Choice> future) {
      Choice choice = future.getNow();
      if (choice.option() != null) {
        ctx.pipeline().replace(this, "tls", choice.option().context().newHandler(ctx.alloc()));
        return;
      }
      if (refused) {
        return; // bytes after the ClientHello of a connection already refused
      }
      refused = true;
      onRefused.accept(choice.refusal());
      ctx.writeAndFlush(Unpooled.wrappedBuffer(HANDSHAKE_FAILURE_ALERT))
          .addListener(ChannelFutureListener.CLOSE);
    }
  }
}

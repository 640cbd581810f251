package org.rspharness.smdp.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.function.Function;
import org.rspharness.asn1.rsp.EUICCInfo2;
import org.rspharness.core.asn1.Asn1Codec;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.crypto.EcPrivateKey;
import org.rspharness.core.crypto.EcPublicKey;
import org.rspharness.core.crypto.OneTimeKeyPair;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.MatchingId;
import org.rspharness.core.ids.TransactionId;
import org.rspharness.core.message.ExecutionStatus;
import org.rspharness.core.message.FunctionExecutionStatus;
import org.rspharness.core.message.StatusCodeData;
import org.rspharness.core.pki.Certificates;
import org.rspharness.smdp.bpp.BoundPackage;
import org.rspharness.smdp.callback.DownloadProgress;
import org.rspharness.smdp.callback.NotificationPoint;
import org.rspharness.smdp.order.Order;
import org.rspharness.smdp.order.ProfileState;
import org.rspharness.smdp.session.RspSession;

/**
 * The byte form of orders, sessions and callbacks in the store: a version byte, then fields in a
 * fixed order (length-prefixed, -1 for null). Hand-written rather than JSON: it runs for every
 * request that changes state, and a session carries two certificates and maybe a bound package.
 */
public final class StateCodec {

  /** The record format; a record of a newer version is refused at load, naming it. */
  public static final int VERSION = 1;

  private StateCodec() {}

  // --------------------------------------------------------------------------------- orders

  /** An order's mutable state. */
  public static byte[] order(Order.State s) {
    return write(
        out -> {
          out.writeUTF(s.state().name());
          str(out, s.eid() == null ? null : s.eid().value());
          str(out, s.matchingId() == null ? null : s.matchingId().value());
          str(out, s.confirmationCode());
          out.writeInt(s.ccAttemptsLeft());
          out.writeInt(s.downloadAttemptsLeft());
          out.writeLong(s.expiry() == null ? Long.MIN_VALUE : s.expiry().toEpochMilli());
          str(out, s.smdsEventId());
          str(out, s.smdsAddress());
          out.writeBoolean(s.defaultSmdp());
          binding(out, s.binding());
        });
  }

  /** Reads {@link #order}. */
  public static Order.State order(byte[] b) {
    return read(
        b,
        in -> {
          ProfileState state = ProfileState.valueOf(in.readUTF());
          String eid = str(in);
          String mid = str(in);
          String cc = str(in);
          int ccLeft = in.readInt();
          int dlLeft = in.readInt();
          long exp = in.readLong();
          String event = str(in);
          String smds = str(in);
          boolean dflt = in.readBoolean();
          BoundPackage binding = binding(in);
          return new Order.State(
              state,
              eid == null ? null : Eid.ofUnchecked(eid),
              mid == null ? null : mid.isEmpty() ? MatchingId.EMPTY : MatchingId.ofLenient(mid),
              cc,
              ccLeft,
              dlLeft,
              exp == Long.MIN_VALUE ? null : Instant.ofEpochMilli(exp),
              event,
              smds,
              dflt,
              binding);
        });
  }

  // ------------------------------------------------------------------------------- sessions

  /** A session (caller holds its lock); the binding by reference when it is its order's. */
  public static byte[] session(RspSession s) {
    return write(
        out -> {
          bytes(out, s.transactionId().bytes());
          bytes(out, s.serverChallenge());
          bytes(out, s.euiccChallenge());
          bytes(out, s.ciPkId());
          out.writeUTF(s.curve().name());
          out.writeUTF(s.serverAddress());
          out.writeLong(s.expiry().toEpochMilli());
          out.writeUTF(s.phase().name());
          bytes(out, s.euiccCertificate() == null ? null : encoded(s.euiccCertificate()));
          bytes(out, s.eumCertificate() == null ? null : encoded(s.eumCertificate()));
          str(out, s.eid() == null ? null : s.eid().value());
          bytes(out, s.euiccInfo2() == null ? null : Asn1Codec.encode(s.euiccInfo2()));
          bytes(out, s.euiccSignature1Tlv());
          bytes(out, s.smdpSignature2Tlv());
          bytes(out, s.storeMetadata());
          out.writeBoolean(s.ccRequired());
          str(out, s.order() == null ? null : s.order().iccid().value());
          BoundPackage bp = s.binding();
          if (bp == null) {
            out.writeByte(0);
          } else if (s.order() != null && bp == s.order().binding()) {
            out.writeByte(1); // the order's binding, stored with the order
          } else {
            out.writeByte(2);
            binding(out, bp);
          }
        });
  }

  /** Reads {@link #session}; {@code orders} finds the session's order by ICCID (null if gone). */
  public static RspSession session(byte[] b, Function<Iccid, Order> orders) {
    return read(
        b,
        in -> {
          TransactionId id = TransactionId.of(bytes(in));
          byte[] serverChallenge = bytes(in);
          byte[] euiccChallenge = bytes(in);
          byte[] ciPkId = bytes(in);
          Curve curve = Curve.valueOf(in.readUTF());
          String address = in.readUTF();
          Instant expiry = Instant.ofEpochMilli(in.readLong());
          RspSession s =
              new RspSession(id, serverChallenge, euiccChallenge, ciPkId, curve, address, expiry);
          s.phase(RspSession.Phase.valueOf(in.readUTF()));
          byte[] euicc = bytes(in);
          byte[] eum = bytes(in);
          String eid = str(in);
          byte[] info2 = bytes(in);
          byte[] sig1 = bytes(in);
          byte[] sig2 = bytes(in);
          byte[] metadata = bytes(in);
          boolean cc = in.readBoolean();
          String iccid = str(in);
          int bindingKind = in.readByte();
          BoundPackage own = bindingKind == 2 ? binding(in) : null;
          if (euicc != null) {
            s.authenticated(
                certificate(euicc),
                certificate(eum),
                eid == null ? null : Eid.ofUnchecked(eid),
                info2 == null ? null : Asn1Codec.decode(info2, EUICCInfo2::new),
                sig1 == null ? new byte[0] : sig1);
          }
          if (sig2 != null) {
            s.smdpSignature2Tlv(sig2);
          }
          if (metadata != null) {
            s.storeMetadata(metadata);
          }
          s.ccRequired(cc);
          Order order = iccid == null ? null : orders.apply(Iccid.ofUnchecked(iccid));
          s.order(order);
          if (bindingKind == 1 && order != null) {
            s.binding(order.locked(order::binding));
          } else if (own != null) {
            s.binding(own);
          }
          return s;
        });
  }

  // ------------------------------------------------------------------------------ callbacks

  /** A HandleDownloadProgressInfo waiting in the outbox. */
  public static byte[] callback(DownloadProgress p) {
    return write(
        out -> {
          str(out, p.eid() == null ? null : p.eid().value());
          out.writeUTF(p.iccid().value());
          out.writeUTF(p.profileType());
          out.writeUTF(p.timestamp().toString());
          out.writeUTF(p.point().name());
          out.writeUTF(p.status().status().name());
          StatusCodeData d = p.status().statusCodeData();
          out.writeBoolean(d != null);
          if (d != null) {
            out.writeUTF(d.subjectCode());
            out.writeUTF(d.reasonCode());
            str(out, d.subjectIdentifier());
            str(out, d.message());
          }
          bytes(out, p.resultData());
        });
  }

  /** Reads {@link #callback}. */
  public static DownloadProgress callback(byte[] b) {
    return read(
        b,
        in -> {
          String eid = str(in);
          Iccid iccid = Iccid.ofUnchecked(in.readUTF());
          String type = in.readUTF();
          OffsetDateTime at = OffsetDateTime.parse(in.readUTF());
          NotificationPoint point = NotificationPoint.valueOf(in.readUTF());
          ExecutionStatus status = ExecutionStatus.valueOf(in.readUTF());
          StatusCodeData d = null;
          if (in.readBoolean()) {
            d = new StatusCodeData(in.readUTF(), in.readUTF(), str(in), str(in));
          }
          byte[] result = bytes(in);
          return new DownloadProgress(
              eid == null ? null : Eid.ofUnchecked(eid),
              iccid,
              type,
              at,
              point,
              new FunctionExecutionStatus(status, d),
              result);
        });
  }

  /** One history line: from, to, cause and epoch milliseconds, tab-separated. */
  public static byte[] history(String from, String to, String cause, long at) {
    return (from + '\t' + to + '\t' + cause + '\t' + at).getBytes(StandardCharsets.UTF_8);
  }

  // -------------------------------------------------------------------------------- helpers

  private static void binding(DataOutputStream out, BoundPackage bp) throws IOException {
    out.writeBoolean(bp != null);
    if (bp == null) {
      return;
    }
    bytes(out, bp.encoded());
    key(out, bp.otPkDp());
    key(out, bp.otPkEuicc());
    out.writeBoolean(bp.dpKeys() != null);
    if (bp.dpKeys() != null) {
      out.writeUTF(bp.dpKeys().curve().name());
      bytes(out, bp.dpKeys().privateKey().scalarBytes());
      key(out, bp.dpKeys().publicKey());
    }
  }

  private static BoundPackage binding(DataInputStream in) throws IOException {
    if (!in.readBoolean()) {
      return null;
    }
    byte[] encoded = bytes(in);
    EcPublicKey dp = key(in);
    EcPublicKey euicc = key(in);
    OneTimeKeyPair keys = null;
    if (in.readBoolean()) {
      Curve c = Curve.valueOf(in.readUTF());
      EcPrivateKey sk = EcPrivateKey.fromScalar(c, bytes(in));
      keys = new OneTimeKeyPair(sk, key(in));
    }
    return new BoundPackage(encoded, dp, euicc, keys);
  }

  private static void key(DataOutputStream out, EcPublicKey k) throws IOException {
    out.writeBoolean(k != null);
    if (k != null) {
      out.writeUTF(k.curve().name());
      bytes(out, k.encoded());
    }
  }

  private static EcPublicKey key(DataInputStream in) throws IOException {
    if (!in.readBoolean()) {
      return null;
    }
    Curve c = Curve.valueOf(in.readUTF());
    return EcPublicKey.decode(c, bytes(in));
  }

  private static byte[] encoded(X509Certificate c) {
    try {
      return c.getEncoded();
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate certificate(byte[] der) throws IOException {
    try {
      return Certificates.parse(der);
    } catch (CertificateException e) {
      throw new IOException("stored certificate does not parse: " + e.getMessage(), e);
    }
  }

  private static void str(DataOutputStream out, String s) throws IOException {
    bytes(out, s == null ? null : s.getBytes(StandardCharsets.UTF_8));
  }

  private static String str(DataInputStream in) throws IOException {
    byte[] b = bytes(in);
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  private static void bytes(DataOutputStream out, byte[] b) throws IOException {
    if (b == null) {
      out.writeInt(-1);
    } else {
      out.writeInt(b.length);
      out.write(b);
    }
  }

  private static byte[] bytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    return in.readNBytes(n);
  }

  @FunctionalInterface
  private interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  @FunctionalInterface
  private interface Reader<T> {
    T read(DataInputStream in) throws IOException;
  }

  private static byte[] write(Writer w) {
    ByteArrayOutputStream bos = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bos)) {
      out.writeByte(VERSION);
      w.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bos.toByteArray();
  }

  private static <T> T read(byte[] b, Reader<T> r) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
      int v = in.readUnsignedByte();
      if (v != VERSION) {
        throw new IllegalStateException(
            "state record of format " + v + "; this SM-DP+ reads format " + VERSION);
      }
      return r.read(in);
    } catch (IOException e) {
      throw new IllegalStateException("state record does not read: " + e.getMessage(), e);
    }
  }
}

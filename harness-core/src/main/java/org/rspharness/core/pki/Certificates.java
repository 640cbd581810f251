package org.rspharness.core.pki;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import org.rspharness.core.crypto.BouncyCastle;
import org.rspharness.core.util.BoundedCache;
import org.rspharness.core.util.ByteKey;

/**
 * X.509 certificates parsed with Bouncy Castle, once per distinct encoding: every RSP session
 * carries the same few certificates (the eUICC's and EUM's to the SM-DP+, DPauth and DPpb to the
 * eUICC), and parsing them is a measurable share of a download. The parsed objects are immutable.
 * Bounded: past {@link #LIMIT} distinct encodings the cache starts again.
 */
public final class Certificates {

  static final int LIMIT = 4096;

  private static final BoundedCache<ByteKey, X509Certificate> PARSED = new BoundedCache<>(LIMIT);

  /** Encodings that passed {@link #parseStrict}: the check runs once per distinct certificate. */
  private static final BoundedCache<ByteKey, X509Certificate> STRICT = new BoundedCache<>(LIMIT);

  /** Encodings {@link #derProblem} found DER: servers send the same few certificates each time. */
  private static final BoundedCache<ByteKey, Boolean> DER = new BoundedCache<>(LIMIT);

  private Certificates() {}

  /**
   * The certificate encoded in {@code der[offset, offset + length)}, as {@link
   * CertificateFactory#generateCertificate} of the Bouncy Castle provider reads it.
   *
   * @throws CertificateException (or a RuntimeException of the provider) when it does not parse;
   *     failures are not cached
   */
  public static X509Certificate parse(byte[] der, int offset, int length)
      throws CertificateException {
    byte[] bytes = Arrays.copyOfRange(der, offset, offset + length);
    ByteKey key = ByteKey.of(bytes);
    X509Certificate cached = PARSED.get(key);
    if (cached != null) {
      return cached;
    }
    CertificateFactory f = CertificateFactory.getInstance("X.509", BouncyCastle.PROVIDER);
    X509Certificate parsed =
        (X509Certificate) f.generateCertificate(new ByteArrayInputStream(bytes));
    PARSED.put(key, parsed);
    return parsed;
  }

  /** As {@link #parse(byte[], int, int)} for the whole array. */
  public static X509Certificate parse(byte[] der) throws CertificateException {
    return parse(der, 0, der.length);
  }

  /**
   * RFC 5280 section 4.1 (and SGP.22 section 4.5.2, which profiles it): the certificate in {@code
   * der}, refused unless it is one DER value exactly (X.690 section 10: re-encoding what was read
   * gives the same bytes, so a signature checked over the parsed TBSCertificate is a signature over
   * the bytes received), its names hold valid strings (UTF8String as strict UTF-8), and its public
   * key decodes to a point on its curve.
   *
   * @throws CertificateException naming the first problem; never a RuntimeException
   */
  public static X509Certificate parseStrict(byte[] der) throws CertificateException {
    ByteKey key = ByteKey.of(der);
    X509Certificate cached = STRICT.get(key);
    if (cached != null) {
      return cached;
    }
    org.bouncycastle.asn1.x509.Certificate structure;
    try (org.bouncycastle.asn1.ASN1InputStream in =
        new org.bouncycastle.asn1.ASN1InputStream(der, true)) {
      org.bouncycastle.asn1.ASN1Primitive p = in.readObject();
      if (p == null) {
        throw new CertificateException("empty certificate");
      }
      String notDer = notDer(p, der);
      if (notDer != null) {
        throw new CertificateException("not DER (X.690 section 10): " + notDer);
      }
      structure = org.bouncycastle.asn1.x509.Certificate.getInstance(p);
      checkName(structure.getSubject(), "subject");
      checkName(structure.getIssuer(), "issuer");
    } catch (java.io.IOException | RuntimeException e) {
      throw new CertificateException("not a DER certificate: " + e.getMessage(), e);
    }
    X509Certificate parsed;
    try {
      parsed = parse(der);
      if (parsed.getPublicKey() instanceof java.security.interfaces.ECPublicKey) {
        // Bouncy Castle refuses an off-curve point on decoding; this also catches the identity
        checkOnCurve(structure.getSubjectPublicKeyInfo());
      }
    } catch (RuntimeException e) {
      throw new CertificateException("public key: " + e.getMessage(), e);
    }
    STRICT.put(key, parsed);
    return parsed;
  }

  /**
   * X.690 section 10: why the certificate in {@code der[offset, offset + length)} is not in its
   * distinguished encoding (the first byte that differs from the DER re-encoding of what was read,
   * or the lengths), or empty when it is DER; a value that does not parse at all is left to {@link
   * #parse}.
   */
  public static java.util.Optional<String> derProblem(byte[] der, int offset, int length) {
    byte[] bytes = Arrays.copyOfRange(der, offset, offset + length);
    ByteKey key = ByteKey.of(bytes);
    if (DER.get(key) != null || STRICT.get(key) != null) {
      return java.util.Optional.empty();
    }
    try (org.bouncycastle.asn1.ASN1InputStream in =
        new org.bouncycastle.asn1.ASN1InputStream(bytes, true)) {
      org.bouncycastle.asn1.ASN1Primitive p = in.readObject();
      String problem = p == null ? null : notDer(p, bytes);
      if (problem == null) {
        DER.put(key, Boolean.TRUE);
      }
      return java.util.Optional.ofNullable(problem);
    } catch (java.io.IOException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  private static String notDer(org.bouncycastle.asn1.ASN1Primitive read, byte[] received)
      throws java.io.IOException {
    byte[] again = read.getEncoded(org.bouncycastle.asn1.ASN1Encoding.DER);
    if (Arrays.equals(again, received)) {
      return null;
    }
    return again.length == received.length
        ? "byte " + Arrays.mismatch(again, received) + " is not in its distinguished form"
        : received.length + " bytes received, the value is " + again.length;
  }

  private static void checkOnCurve(org.bouncycastle.asn1.x509.SubjectPublicKeyInfo spki)
      throws CertificateException {
    org.bouncycastle.asn1.x9.X962Parameters params =
        org.bouncycastle.asn1.x9.X962Parameters.getInstance(spki.getAlgorithm().getParameters());
    if (!params.isNamedCurve()) {
      throw new CertificateException("public key: not on a named curve");
    }
    org.bouncycastle.asn1.x9.X9ECParameters curve =
        org.bouncycastle.asn1.x9.ECNamedCurveTable.getByOID(
            (org.bouncycastle.asn1.ASN1ObjectIdentifier) params.getParameters());
    if (curve == null) {
      throw new CertificateException("public key: unknown curve " + params.getParameters());
    }
    org.bouncycastle.math.ec.ECPoint q =
        curve.getCurve().decodePoint(spki.getPublicKeyData().getOctets());
    if (q.isInfinity() || !q.isValid()) {
      throw new CertificateException("public key: the point is not on " + params.getParameters());
    }
  }

  /** Every string of a name decodes: a UTF8String as strict UTF-8 (RFC 3629), no replacement. */
  private static void checkName(org.bouncycastle.asn1.x500.X500Name name, String which)
      throws CertificateException {
    for (org.bouncycastle.asn1.x500.RDN rdn : name.getRDNs()) {
      for (org.bouncycastle.asn1.x500.AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
        org.bouncycastle.asn1.ASN1Primitive v = atv.getValue().toASN1Primitive();
        if (v instanceof org.bouncycastle.asn1.ASN1UTF8String) {
          byte[] tlv;
          try {
            tlv = v.getEncoded(org.bouncycastle.asn1.ASN1Encoding.DER);
          } catch (java.io.IOException e) {
            throw new CertificateException(which + ": " + e.getMessage(), e);
          }
          org.bouncycastle.asn1.ASN1OctetString octets =
              org.bouncycastle.asn1.DEROctetString.getInstance(rewrapAsOctetString(tlv));
          try {
            java.nio.charset.StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(octets.getOctets()));
          } catch (java.nio.charset.CharacterCodingException e) {
            throw new CertificateException(
                which + ": attribute " + atv.getType().getId() + " is not valid UTF-8");
          }
        } else if (v instanceof org.bouncycastle.asn1.ASN1String str) {
          str.getString();
        }
      }
    }
  }

  /** The same TLV with tag OCTET STRING, to read a string's content octets as they were sent. */
  private static byte[] rewrapAsOctetString(byte[] tlv) {
    byte[] copy = tlv.clone();
    copy[0] = 0x04;
    return copy;
  }
}

package org.rspharness.certs;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.pki.BadVariant;
import org.rspharness.core.pki.CertFacts;
import org.rspharness.core.pki.Credential;
import org.rspharness.core.pki.Role;
import org.rspharness.core.random.RandomSource;

/**
 * Builds the SGP.22 certificate hierarchy in the exact shape of the GSMA SGP.26 test certificates:
 * same names, extensions (order, criticality, encodings), policies and validity lengths; fresh
 * keys. Deterministic for a seeded {@link RandomSource} and a fixed {@link #validFrom}: keys and
 * serial numbers come from the source, signatures use RFC 6979 nonces.
 *
 * <p>Where we differ from SGP.26, on purpose: serial numbers are random 63-bit values (SGP.26 uses
 * fixed ones); the eUICC certificate ends at 9999-12-31 (RFC 5280's "no expiry"; SGP.26 uses year
 * 7496, also GeneralizedTime); the EUM lasts 34 years (SGP.26: 34 years less 8 days). The SM-DS
 * certificates are absent from our SGP.26 set: they follow the SM-DP+ ones with policies
 * id-rspRole-ds-auth/-ds-tls, CN "TEST SM-DS" / the SM-DS host, and SAN RID 2.999.20, which is our
 * own choice.
 */
public final class TestPkiBuilder {

  /** The SGP.23/SGP.26 test EID. */
  public static final String SGP26_EID = "89049032123451234512345678901235";

  /** The host name SGP.26 puts in its valid DPtls certificate. */
  public static final String SGP26_SMDP_HOST = "testsmdpplus1.example.com";

  /** The root SM-DS host of generated PKIs (the software eUICC's default rootDsAddress). */
  public static final String SMDS_ROOT_HOST = "testrootsmds.example.com";

  /** The alternative SM-DS host generated DStls certificates also name. */
  public static final String SMDS_ALTERNATIVE_HOST = "testsmds2.example.com";

  /** RFC 5280 section 4.1.2.5: "no well-defined expiration date" (the eUICC certificate). */
  static final Instant NO_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

  private static final List<String> CRL_DP_AB =
      List.of("http://ci.test.example.com/CRL-A.crl", "http://ci.test.example.com/CRL-B.crl");
  private static final List<String> CRL_DP_B = List.of("http://ci.test.example.com/CRL-B.crl");
  private static final List<String> CRL_DP_TLS =
      List.of("http://ci.test.example.com/CRL-1.crl", "http://ci.test.example.com/CRL-2.crl");

  private RandomSource random = RandomSource.secure();
  private Clock clock = Clock.systemUTC();
  private Instant validFrom;
  private Set<Curve> curves = EnumSet.allOf(Curve.class);
  private Eid eid = Eid.of(SGP26_EID);
  private String eidPrefix;
  private String smdpHost = SGP26_SMDP_HOST;
  private String smdsHost = SMDS_ROOT_HOST;
  private List<String> smdsAlternativeHosts = List.of(SMDS_ALTERNATIVE_HOST);
  private String ciOid = "2.999.1";
  private String eumOid = "2.999.5";
  private String smdpOid = "2.999.10";
  private String smdsOid = "2.999.20";
  private boolean variants;
  private final Map<Curve, Credential> givenCis = new EnumMap<>(Curve.class);

  TestPkiBuilder() {}

  /**
   * Issues everything of the CI's curve under this existing CI instead of a fresh one: e.g. the
   * SGP.26 test CI, which test eUICCs trust, to reissue expired DPtls certificates. The credential
   * needs the CI's private key.
   */
  public TestPkiBuilder ci(Credential ci) {
    Objects.requireNonNull(ci, "ci");
    String subject = CertFacts.subject(ci.certificate());
    if (!ci.hasPrivateKey()) {
      throw new IllegalArgumentException(
          "ci: no private key for CI '"
              + subject
              + "'; the CI's SK_CI_ECDSA_*.pem is needed to issue certificates");
    }
    if (!Keys.matches(ci.privateKey(), ci.certificate().getPublicKey())) {
      throw new IllegalArgumentException("ci: the private key does not match CI '" + subject + "'");
    }
    if (ci.certificate().getBasicConstraints() < 0
        || !CertFacts.keyUsages(ci.certificate()).contains("keyCertSign")) {
      throw new IllegalArgumentException(
          "ci: '" + subject + "' is not a CA certificate with" + " keyCertSign");
    }
    givenCis.put(CertFacts.curve(ci.certificate()), ci);
    return this;
  }

  /** Source of key material and serial numbers; seeded for reproducible PKIs. */
  public TestPkiBuilder random(RandomSource random) {
    this.random = Objects.requireNonNull(random, "random");
    return this;
  }

  /** Clock giving the validity start when {@link #validFrom} is not set (one hour before now). */
  public TestPkiBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** Start of validity of all regular certificates (truncated to whole seconds). */
  public TestPkiBuilder validFrom(Instant validFrom) {
    this.validFrom = Objects.requireNonNull(validFrom, "validFrom");
    return this;
  }

  /** The curves to build (default both). */
  public TestPkiBuilder curves(Set<Curve> curves) {
    if (curves == null || curves.isEmpty()) {
      throw new IllegalArgumentException("curves: at least one curve is needed");
    }
    this.curves = EnumSet.copyOf(curves);
    return this;
  }

  /** The EID in the eUICC certificates (default SGP.26's 89049032123451234512345678901235). */
  public TestPkiBuilder eid(Eid eid) {
    this.eid = Objects.requireNonNull(eid, "eid");
    return this;
  }

  /**
   * The EID prefix the EUM may sign (its name-constraint serialNumber); default the EID's first 8
   * digits, as SGP.26 has it.
   */
  public TestPkiBuilder eidPrefix(String prefix) {
    if (prefix == null
        || prefix.isEmpty()
        || prefix.length() > 30
        || !prefix.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
      throw new IllegalArgumentException(
          "eidPrefix: expected 1 to 30 decimal digits, got '" + prefix + "'");
    }
    this.eidPrefix = prefix;
    return this;
  }

  /** The SM-DP+ host name for the DPtls subject CN and SAN dNSName. */
  public TestPkiBuilder smdpHost(String host) {
    this.smdpHost = requireHost(host, "smdpHost");
    return this;
  }

  /** The SM-DS host name for the DStls subject CN and first SAN dNSName. */
  public TestPkiBuilder smdsHost(String host) {
    this.smdsHost = requireHost(host, "smdsHost");
    return this;
  }

  /**
   * More SM-DS host names in the DStls SAN (default {@value #SMDS_ALTERNATIVE_HOST}): one PKI then
   * serves a root and alternative SM-DSs, as a lab runs them.
   */
  public TestPkiBuilder smdsAlternativeHosts(List<String> hosts) {
    List<String> checked = new ArrayList<>();
    for (String h : hosts) {
      checked.add(requireHost(h, "smdsAlternativeHosts"));
    }
    this.smdsAlternativeHosts = List.copyOf(checked);
    return this;
  }

  /** The SM-DP+ OID in the SAN registeredID of DPauth, DPpb and DPtls (SGP.26: 2.999.10). */
  public TestPkiBuilder smdpOid(String oid) {
    this.smdpOid = requireOid(oid, "smdpOid");
    return this;
  }

  /** Whether to build the {@link BadVariant}s too. */
  public TestPkiBuilder variants(boolean variants) {
    this.variants = variants;
    return this;
  }

  private static String requireHost(String host, String field) {
    if (host == null
        || !host.matches(
            "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]"
                + "([A-Za-z0-9-]*[A-Za-z0-9])?)*")) {
      throw new IllegalArgumentException(field + ": not a DNS host name: '" + host + "'");
    }
    return host;
  }

  private static String requireOid(String oid, String field) {
    if (oid == null || ASN1ObjectIdentifier.tryFromID(oid) == null) {
      throw new IllegalArgumentException(field + ": not an OID: '" + oid + "'");
    }
    return oid;
  }

  /** Builds the PKI. */
  public TestPki build() {
    String prefix = eidPrefix != null ? eidPrefix : eid.value().substring(0, 8);
    if (!eid.startsWith(prefix)) {
      throw new IllegalArgumentException(
          "eid: " + eid + " does not start with the EUM's EID prefix " + prefix);
    }
    Instant t0 =
        (validFrom != null ? validFrom : clock.instant().minus(Duration.ofHours(1)))
            .truncatedTo(ChronoUnit.SECONDS);
    Map<Curve, Map<Role, Credential>> all = new EnumMap<>(Curve.class);
    Map<Curve, X509CRL> crls = new EnumMap<>(Curve.class);
    Map<Curve, Map<BadVariant, Credential>> bad = new EnumMap<>(Curve.class);
    for (Curve curve : curves) {
      new PerCurve(curve, t0, prefix).build(all, crls, bad);
    }
    return new TestPki(all, crls, bad, t0, eid, smdpHost);
  }

  /** The work for one curve; fields keep the issuers at hand. */
  private final class PerCurve {
    private final Curve curve;
    private final Instant t0;
    private final String prefix;

    PerCurve(Curve curve, Instant t0, String prefix) {
      this.curve = curve;
      this.t0 = t0;
      this.prefix = prefix;
    }

    void build(
        Map<Curve, Map<Role, Credential>> all,
        Map<Curve, X509CRL> crls,
        Map<Curve, Map<BadVariant, Credential>> bad) {
      Map<Role, Credential> m = new EnumMap<>(Role.class);
      Credential ciCred = givenCis.get(curve);
      if (ciCred == null) {
        KeyPair ciKeys = keys();
        ciCred = new Credential(ci(ciKeys, ciName()), ciKeys.getPrivate(), List.of());
      }
      X509Certificate ci = ciCred.certificate();
      m.put(Role.CI, ciCred);
      List<X509Certificate> underCi = List.of(ci);

      KeyPair eumKeys = keys();
      X509Certificate eum = eum(ciCred, eumKeys, dn("ES", "RSP Test EUM", null, "EUM Test"), false);
      Credential eumCred = new Credential(eum, eumKeys.getPrivate(), underCi);
      m.put(Role.EUM, eumCred);
      List<X509Certificate> underEum = List.of(eum, ci);

      KeyPair euiccKeys = keys();
      m.put(
          Role.EUICC,
          new Credential(
              euicc(eumCred, euiccKeys, eid.value(), false), euiccKeys.getPrivate(), underEum));

      Instant tenYears = t0.plus(Duration.ofDays(3650));
      Instant tlsEnd = t0.plus(Duration.ofDays(200));
      for (Role r : List.of(Role.DP_AUTH, Role.DP_PB, Role.DS_AUTH)) {
        KeyPair k = keys();
        m.put(
            r,
            new Credential(
                signing(ciCred, k, r, r.policyOid(), ku(KeyUsage.digitalSignature), t0, tenYears),
                k.getPrivate(),
                underCi));
      }
      KeyPair dpTls = keys();
      m.put(
          Role.DP_TLS,
          new Credential(
              tls(ciCred, dpTls, Role.DP_TLS, List.of(smdpHost), smdpOid, t0, tlsEnd),
              dpTls.getPrivate(),
              underCi));
      KeyPair dsTls = keys();
      m.put(
          Role.DS_TLS,
          new Credential(
              tls(
                  ciCred,
                  dsTls,
                  Role.DS_TLS,
                  java.util.stream.Stream.concat(
                          java.util.stream.Stream.of(smdsHost), smdsAlternativeHosts.stream())
                      .distinct()
                      .toList(),
                  smdsOid,
                  t0,
                  tlsEnd),
              dsTls.getPrivate(),
              underCi));
      all.put(curve, m);

      List<BigInteger> revoked = new ArrayList<>();
      if (variants) {
        bad.put(curve, variants(ciCred, eumCred, revoked, tenYears));
      }
      crls.put(curve, crl(ciCred, revoked));
    }

    private Map<BadVariant, Credential> variants(
        Credential ci, Credential eum, List<BigInteger> revoked, Instant tenYears) {
      Map<BadVariant, Credential> v = new EnumMap<>(BadVariant.class);
      List<X509Certificate> underCi = List.of(ci.certificate());
      List<X509Certificate> underEum = List.of(eum.certificate(), ci.certificate());
      KeyUsage ds = ku(KeyUsage.digitalSignature);
      String dpAuth = Role.DP_AUTH.policyOid();
      Instant year = t0.atZone(ZoneOffset.UTC).plusYears(1).toInstant();
      for (BadVariant b : BadVariant.values()) {
        KeyPair k = keys();
        X509Certificate cert =
            switch (b) {
              case EXPIRED ->
                  signing(
                      ci,
                      k,
                      Role.DP_AUTH,
                      dpAuth,
                      ds,
                      t0.atZone(ZoneOffset.UTC).minusYears(2).toInstant(),
                      t0.atZone(ZoneOffset.UTC).minusYears(1).toInstant());
              case NOT_YET_VALID -> signing(ci, k, Role.DP_AUTH, dpAuth, ds, year, tenYears);
              case UNKNOWN_CI -> {
                KeyPair otherKeys = keys();
                Credential other =
                    new Credential(
                        ci(otherKeys, name(ci.certificate())), otherKeys.getPrivate(), List.of());
                yield signing(other, k, Role.DP_AUTH, dpAuth, ds, t0, tenYears);
              }
              case SELF_SIGNED_EUM -> {
                X500Name name = dn("ES", "RSP Test EUM", null, "EUM Test");
                yield eum(
                    new Credential(ci.certificate(), k.getPrivate(), List.of()), k, name, true);
              }
              case SELF_SIGNED_EUICC -> euicc(eum, k, eid.value(), true);
              case WRONG_ROLE_POLICY ->
                  signing(ci, k, Role.DP_AUTH, Role.DP_PB.policyOid(), ds, t0, tenYears);
              case EID_OUTSIDE_EUM_RANGE -> euicc(eum, k, outsideRange().value(), false);
              case WRONG_KEY_USAGE ->
                  signing(ci, k, Role.DP_AUTH, dpAuth, ku(KeyUsage.keyAgreement), t0, tenYears);
              case REVOKED -> {
                X509Certificate c = signing(ci, k, Role.DP_AUTH, dpAuth, ds, t0, tenYears);
                revoked.add(c.getSerialNumber());
                yield c;
              }
            };
        v.put(b, new Credential(cert, k.getPrivate(), b.role() == Role.EUICC ? underEum : underCi));
      }
      return v;
    }

    /** An EID of the same shape as ours whose prefix differs in its last digit. */
    private Eid outsideRange() {
      char[] digits = eid.value().substring(0, 30).toCharArray();
      int i = prefix.length() - 1;
      digits[i] = (char) ('0' + (digits[i] - '0' + 1) % 10);
      return Eid.withCheckDigits(new String(digits));
    }

    private KeyPair keys() {
      return Keys.generate(curve, random.asSecureRandom());
    }

    /** SGP.26 CI: self-signed, 35 years, SKI, BC CA, CP ci, KU keyCertSign+cRLSign, SAN RID. */
    private X509Certificate ci(KeyPair k, X500Name name) {
      List<Ext> ext =
          List.of(
              ski(k.getPublic()),
              new Ext(Extension.basicConstraints, true, new BasicConstraints(true)),
              policy(Role.CI.policyOid(), true),
              new Ext(Extension.keyUsage, true, ku(KeyUsage.keyCertSign | KeyUsage.cRLSign)),
              sanRid(ciOid),
              crlDp(CRL_DP_AB));
      return sign(name, k.getPrivate(), name, k.getPublic(), t0, plusYears(t0, 35), ext);
    }

    /** SGP.26 EUM: CA pathlen 0, name constraints O + serialNumber prefix, 34 years. */
    private X509Certificate eum(Credential issuer, KeyPair k, X500Name subject, boolean self) {
      X500Name permitted =
          new X500NameBuilder(BCStyle.INSTANCE)
              .addRDN(BCStyle.O, "RSP Test EUM")
              .addRDN(BCStyle.SERIALNUMBER, prefix)
              .build();
      List<Ext> ext =
          List.of(
              aki(self ? k.getPublic() : issuer.certificate().getPublicKey()),
              ski(k.getPublic()),
              new Ext(Extension.keyUsage, true, ku(KeyUsage.keyCertSign)),
              policy(Role.EUM.policyOid(), true),
              sanRid(eumOid),
              new Ext(Extension.basicConstraints, true, new BasicConstraints(0)),
              crlDp(CRL_DP_B),
              new Ext(
                  Extension.nameConstraints,
                  true,
                  new NameConstraints(
                      new GeneralSubtree[] {new GeneralSubtree(new GeneralName(permitted))},
                      null)));
      X500Name issuerName = self ? subject : name(issuer.certificate());
      return sign(
          issuerName,
          self ? k.getPrivate() : issuer.privateKey(),
          subject,
          k.getPublic(),
          t0,
          plusYears(t0, 34),
          ext);
    }

    /** SGP.26 eUICC: EID in subject serialNumber, KU digitalSignature, no expiry. */
    private X509Certificate euicc(Credential eum, KeyPair k, String eidValue, boolean self) {
      X500Name subject = dn("ES", "RSP Test EUM", eidValue, "Test eUICC");
      List<Ext> ext =
          List.of(
              aki(self ? k.getPublic() : eum.certificate().getPublicKey()),
              ski(k.getPublic()),
              new Ext(Extension.keyUsage, true, ku(KeyUsage.digitalSignature)),
              policy(Role.EUICC.policyOid(), true));
      return sign(
          self ? subject : name(eum.certificate()),
          self ? k.getPrivate() : eum.privateKey(),
          subject,
          k.getPublic(),
          t0,
          NO_EXPIRY,
          ext);
    }

    /** SGP.26 DPauth/DPpb (and DSauth alike): O=ACME, SAN RID, KU, CP critical, CRL DPs. */
    private X509Certificate signing(
        Credential ci,
        KeyPair k,
        Role role,
        String policyOid,
        KeyUsage keyUsage,
        Instant from,
        Instant to) {
      boolean ds = role == Role.DS_AUTH;
      X500Name subject =
          new X500NameBuilder(BCStyle.INSTANCE)
              .addRDN(BCStyle.O, "ACME")
              .addRDN(BCStyle.CN, ds ? "TEST SM-DS" : "TEST SM-DP+")
              .build();
      List<Ext> ext =
          List.of(
              aki(ci.certificate().getPublicKey()),
              ski(k.getPublic()),
              sanRid(ds ? smdsOid : smdpOid),
              new Ext(Extension.keyUsage, true, keyUsage),
              policy(policyOid, true),
              crlDp(CRL_DP_AB));
      return sign(name(ci.certificate()), ci.privateKey(), subject, k.getPublic(), from, to, ext);
    }

    /** SGP.26 DPtls (and DStls alike): KU, EKU server+client, CP non-critical, SAN DNS + RID. */
    private X509Certificate tls(
        Credential ci,
        KeyPair k,
        Role role,
        List<String> hosts,
        String rid,
        Instant from,
        Instant to) {
      String host = hosts.get(0);
      List<GeneralName> san = new ArrayList<>();
      for (String h : hosts) {
        san.add(new GeneralName(GeneralName.dNSName, h));
      }
      san.add(new GeneralName(GeneralName.registeredID, rid));
      X500Name subject =
          new X500NameBuilder(BCStyle.INSTANCE)
              .addRDN(BCStyle.O, "ACME")
              .addRDN(BCStyle.CN, host)
              .build();
      List<Ext> ext =
          List.of(
              new Ext(Extension.keyUsage, true, ku(KeyUsage.digitalSignature)),
              new Ext(
                  Extension.extendedKeyUsage,
                  true,
                  new ExtendedKeyUsage(
                      new KeyPurposeId[] {
                        KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                      })),
              policy(role.policyOid(), false),
              ski(k.getPublic()),
              aki(ci.certificate().getPublicKey()),
              new Ext(
                  Extension.subjectAlternativeName,
                  false,
                  new GeneralNames(san.toArray(GeneralName[]::new))),
              crlDp(CRL_DP_TLS));
      return sign(name(ci.certificate()), ci.privateKey(), subject, k.getPublic(), from, to, ext);
    }

    private X509CRL crl(Credential ci, List<BigInteger> revoked) {
      X509v2CRLBuilder b = new X509v2CRLBuilder(name(ci.certificate()), time(t0));
      b.setNextUpdate(time(plusYears(t0, 1)));
      for (BigInteger serial : revoked) {
        b.addCRLEntry(serial, Date.from(t0), CRLReason.keyCompromise);
      }
      try {
        b.addExtension(aki(ci.certificate().getPublicKey()).asExtension());
        b.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.ONE));
        X509CRLHolder h = b.build(Keys.signer(ci.privateKey()));
        return new JcaX509CRLConverter().setProvider(Keys.BC).getCRL(h);
      } catch (IOException | GeneralSecurityException e) {
        throw new IllegalStateException("CRL issuance failed", e);
      }
    }

    private X509Certificate sign(
        X500Name issuer,
        PrivateKey issuerKey,
        X500Name subject,
        PublicKey subjectKey,
        Instant from,
        Instant to,
        List<Ext> extensions) {
      X509v3CertificateBuilder b =
          new X509v3CertificateBuilder(
              issuer,
              serial(),
              time(from),
              time(to),
              subject,
              SubjectPublicKeyInfo.getInstance(subjectKey.getEncoded()));
      try {
        for (Ext e : extensions) {
          b.addExtension(e.asExtension());
        }
        X509CertificateHolder h = b.build(Keys.signer(issuerKey));
        return new JcaX509CertificateConverter().setProvider(Keys.BC).getCertificate(h);
      } catch (IOException | GeneralSecurityException e) {
        throw new IllegalStateException("certificate issuance failed for " + subject, e);
      }
    }

    /** A positive 8-byte serial number from the random source. */
    private BigInteger serial() {
      byte[] b = random.bytes(8);
      b[0] &= 0x7f;
      BigInteger s = new BigInteger(1, b);
      return s.signum() == 0 ? BigInteger.ONE : s;
    }
  }

  private static X500Name ciName() {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.CN, "Test CI")
        .addRDN(BCStyle.OU, "TESTCERT")
        .addRDN(BCStyle.O, "RSPTEST")
        .addRDN(BCStyle.C, "IT")
        .build();
  }

  private static X500Name dn(String c, String o, String serialNumber, String cn) {
    X500NameBuilder b =
        new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, c).addRDN(BCStyle.O, o);
    if (serialNumber != null) {
      b.addRDN(BCStyle.SERIALNUMBER, serialNumber);
    }
    return b.addRDN(BCStyle.CN, cn).build();
  }

  private static X500Name name(X509Certificate cert) {
    return X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
  }

  private static Time time(Instant t) {
    // Time picks UTCTime up to 2049 and GeneralizedTime after, as RFC 5280 requires.
    return new Time(Date.from(t), Locale.ROOT);
  }

  private static Instant plusYears(Instant t, int years) {
    return t.atZone(ZoneOffset.UTC).plusYears(years).toInstant();
  }

  private static KeyUsage ku(int bits) {
    return new KeyUsage(bits);
  }

  private static Ext ski(PublicKey key) {
    SubjectKeyIdentifier ski = extensionUtils().createSubjectKeyIdentifier(key);
    return new Ext(Extension.subjectKeyIdentifier, false, ski);
  }

  private static Ext aki(PublicKey issuerKey) {
    byte[] id = extensionUtils().createSubjectKeyIdentifier(issuerKey).getKeyIdentifier();
    return new Ext(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(id));
  }

  private static JcaX509ExtensionUtils extensionUtils() {
    try {
      // RFC 5280 section 4.2.1.2 method (1): SHA-1 of the subjectPublicKey bits, as SGP.26 does.
      return new JcaX509ExtensionUtils();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-1 is mandatory in every JDK", e);
    }
  }

  private static Ext policy(String oid, boolean critical) {
    return new Ext(
        Extension.certificatePolicies,
        critical,
        new CertificatePolicies(new PolicyInformation(new ASN1ObjectIdentifier(oid))));
  }

  private static Ext sanRid(String oid) {
    return new Ext(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(new GeneralName(GeneralName.registeredID, oid)));
  }

  private static Ext crlDp(List<String> uris) {
    DistributionPoint[] dps =
        uris.stream()
            .map(
                u ->
                    new DistributionPoint(
                        new DistributionPointName(
                            new GeneralNames(
                                new GeneralName(GeneralName.uniformResourceIdentifier, u))),
                        null,
                        null))
            .toArray(DistributionPoint[]::new);
    return new Ext(Extension.cRLDistributionPoints, false, new CRLDistPoint(dps));
  }

  /** One extension to add, in SGP.26's order. */
  private record Ext(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
    Extension asExtension() throws IOException {
      return new Extension(oid, critical, value.toASN1Primitive().getEncoded("DER"));
    }
  }
}

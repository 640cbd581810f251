package org.rspharness.certs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.pki.BadVariant;
import org.rspharness.core.pki.CertFacts;
import org.rspharness.core.pki.Credential;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.core.pki.PkiException;
import org.rspharness.core.pki.Role;

/**
 * The SGP.26 directory layout: writes a {@link TestPki} as SGP.26 ships its test certificates (role
 * directories, DER certificates, SEC1 PEM private keys, PEM public keys) and loads any such
 * directory, the real SGP.26 folder included, as a {@link CredentialSource}.
 *
 * <pre>
 * CertificateIssuer/ CERT_CI_ECDSA_{NIST,BRP}.der .pem, SK_CI_ECDSA_*.pem, CRL_CI_ECDSA_*.crl
 * EUM/               CERT_EUM_ECDSA_*.der, SK_EUM_ECDSA_*.pem, PK_EUM_ECDSA_*.pem
 * eUICC/             CERT_EUICC_ECDSA_*.der, SK_EUICC_ECDSA_*.pem, PK_EUICC_ECDSA_*.pem
 * DPauth/            CERT_S_SM_DPauth_ECDSA_*.der, SK_S_SM_DPauth_ECDSA_*.pem, PK_...
 * DPpb/              CERT_S_SM_DPpb_ECDSA_*.der, SK_S_SM_DPpb_ECDSA_*.pem, PK_...
 * DPtls/             CERT_S_SM_DP_VARO_TLS_*.der, SK_S_SM_DP_TLS_*.pem, PK_S_SM_DP_TLS_*.pem
 * DSauth/, DStls/    the SM-DS certificates, named likewise (CERT_S_SM_DSauth_ECDSA_*, ...)
 * variants/&lt;name&gt;/    one directory per {@link BadVariant} (e.g. variants/expired/),
 *                    files named as for the role the variant stands in for
 * </pre>
 */
public final class PkiDirectory {

  /** The sub-directory holding the bad variants. */
  public static final String VARIANTS = "variants";

  private PkiDirectory() {}

  /** Name of the CRL file of the CI of {@code curve}. */
  public static String crlFile(Curve curve) {
    return "CRL_CI_ECDSA_" + curve.fileTag() + ".crl";
  }

  /** Writes {@code pki} into {@code dir} (created if needed; existing files are replaced). */
  public static void write(TestPki pki, Path dir) {
    try {
      for (Curve curve : pki.curves()) {
        for (Map.Entry<Role, Credential> e : pki.credentials(curve).entrySet()) {
          writeCredential(dir.resolve(e.getKey().directory()), e.getKey(), curve, e.getValue());
          if (e.getKey() == Role.CI) {
            // SGP.26 ships the CI certificate in PEM too.
            Files.writeString(
                dir.resolve(Role.CI.directory())
                    .resolve("CERT_CI_ECDSA_" + curve.fileTag() + ".pem"),
                Keys.pem("CERTIFICATE", e.getValue().certificate().getEncoded()),
                StandardCharsets.US_ASCII);
          }
        }
        X509CRL crl = pki.crl(curve).orElse(null);
        if (crl != null) {
          Files.write(dir.resolve(Role.CI.directory()).resolve(crlFile(curve)), crl.getEncoded());
        }
        for (Map.Entry<BadVariant, Credential> e : pki.variants(curve).entrySet()) {
          Path vdir = dir.resolve(VARIANTS).resolve(e.getKey().directoryName());
          writeCredential(vdir, e.getKey().role(), curve, e.getValue());
        }
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new PkiException("cannot write PKI directory " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void writeCredential(Path roleDir, Role role, Curve curve, Credential c)
      throws IOException, GeneralSecurityException {
    Files.createDirectories(roleDir);
    Files.write(roleDir.resolve(role.certificateFile(curve)), c.certificate().getEncoded());
    if (c.privateKey() != null) {
      Files.writeString(
          roleDir.resolve(role.privateKeyFile(curve)),
          Keys.toSec1Pem(c.privateKey()),
          StandardCharsets.US_ASCII);
    }
    if (role.publicKeyFile(curve).isPresent()) {
      Files.writeString(
          roleDir.resolve(role.publicKeyFile(curve).get()),
          Keys.toPublicKeyPem(c.certificate().getPublicKey()),
          StandardCharsets.US_ASCII);
    }
  }

  /** Loads {@code dir}, choosing among several candidates of a role those valid now. */
  public static LoadedPki load(Path dir) {
    return load(dir, Instant.now());
  }

  /**
   * Loads {@code dir}: every certificate is classified by its policy OID and key curve (not by file
   * name) and every private key is matched to its certificate by public key. Where a role has
   * several certificates on a curve, the default is one whose chain validates at {@code at}.
   *
   * @throws PkiException naming the file for unreadable files and keys that match no certificate
   */
  public static LoadedPki load(Path dir, Instant at) {
    if (!Files.isDirectory(dir)) {
      throw new PkiException(
          "PKI directory "
              + dir
              + " does not exist or is not a directory;"
              + " create one with: rsp-harness certs generate --out "
              + dir);
    }
    Scan main = scan(dir, dir, true);
    List<PkiEntry> entries = main.entries(null);
    List<PkiEntry> variantEntries = new ArrayList<>();
    Path vroot = dir.resolve(VARIANTS);
    if (Files.isDirectory(vroot)) {
      for (Path vdir : list(vroot)) {
        if (!Files.isDirectory(vdir)) {
          continue;
        }
        String name = vdir.getFileName().toString();
        BadVariant v =
            BadVariant.byDirectoryName(name)
                .orElseThrow(
                    () ->
                        new PkiException(
                            "unknown variant directory "
                                + vdir
                                + "; expected one of "
                                + Arrays.stream(BadVariant.values())
                                    .map(BadVariant::directoryName)
                                    .toList()));
        variantEntries.addAll(scan(dir, vdir, false).entries(v));
      }
    }
    return new LoadedPki(dir, entries, variantEntries, main.crls, at);
  }

  /** What one directory tree holds. */
  private static final class Scan {
    final List<Found<X509Certificate>> certs = new ArrayList<>();
    final List<Found<PrivateKey>> keys = new ArrayList<>();
    final List<X509CRL> crls = new ArrayList<>();
    final Path root;

    Scan(Path root) {
      this.root = root;
    }

    List<PkiEntry> entries(BadVariant variant) {
      List<PkiEntry> out = new ArrayList<>();
      boolean[] used = new boolean[keys.size()];
      for (Found<X509Certificate> c : certs) {
        PrivateKey key = null;
        Path keyFile = null;
        for (int i = 0; i < keys.size(); i++) {
          if (Keys.matches(keys.get(i).value, c.value.getPublicKey())) {
            key = keys.get(i).value;
            keyFile = keys.get(i).file;
            used[i] = true;
            break;
          }
        }
        out.add(
            new PkiEntry(
                c.file,
                c.value,
                CertFacts.role(c.value),
                CertFacts.curve(c.value),
                key,
                keyFile,
                java.util.Optional.ofNullable(variant)));
      }
      for (int i = 0; i < keys.size(); i++) {
        if (!used[i]) {
          Found<PrivateKey> k = keys.get(i);
          throw new PkiException(
              "private key "
                  + k.file
                  + " matches no certificate in "
                  + root
                  + " (by public key); put its certificate beside it or remove the key");
        }
      }
      return out;
    }
  }

  private record Found<T>(Path file, T value) {}

  private static Scan scan(Path pkiRoot, Path dir, boolean skipVariants) {
    Scan s = new Scan(dir);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(p -> !(skipVariants && p.startsWith(pkiRoot.resolve(VARIANTS))))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new PkiException("cannot list PKI directory " + dir + ": " + e.getMessage(), e);
    }
    for (Path f : files) {
      String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
      if (name.endsWith(".der")
          || name.endsWith(".cer")
          || name.endsWith(".crt")
          || name.endsWith(".crl")) {
        readDer(f, s);
      } else if (name.endsWith(".pem")) {
        readPem(f, s);
      }
    }
    return s;
  }

  private static void readDer(Path f, Scan s) {
    byte[] der;
    try {
      der = Files.readAllBytes(f);
    } catch (IOException e) {
      throw new PkiException("cannot read " + f + ": " + e.getMessage(), e);
    }
    if (der.length > 0 && der[0] == '-') {
      readPem(f, s);
      return;
    }
    X509CertificateHolder holder = null;
    try {
      holder = new X509CertificateHolder(der);
    } catch (IOException | RuntimeException notACert) {
      // try a CRL next
    }
    if (holder != null) {
      try {
        addCertificate(f, holder, s);
      } catch (IOException e) {
        throw new PkiException("certificate " + f + " cannot be read: " + e.getMessage(), e);
      }
      return;
    }
    try {
      s.crls.add(toCrl(new X509CRLHolder(der)));
    } catch (IOException | RuntimeException e) {
      throw new PkiException(
          "file "
              + f
              + " is neither a DER X.509 certificate nor a DER CRL;"
              + " SGP.26 certificates are DER (CERT_*.der)",
          e);
    }
  }

  private static void readPem(Path f, Scan s) {
    int objects = 0;
    try (Reader r = Files.newBufferedReader(f, StandardCharsets.US_ASCII);
        PEMParser p = new PEMParser(r)) {
      Object o;
      JcaPEMKeyConverter conv = new JcaPEMKeyConverter().setProvider(Keys.BC);
      ASN1ObjectIdentifier ecParameters = null;
      while ((o = p.readObject()) != null) {
        objects++;
        if (o instanceof ASN1ObjectIdentifier oid) {
          ecParameters = oid; // EC PARAMETERS: the curve, for a SEC1 key that omits it
        } else if (o instanceof X509CertificateHolder h) {
          addCertificate(f, h, s);
        } else if (o instanceof PEMKeyPair kp) {
          PrivateKeyInfo info = kp.getPrivateKeyInfo();
          if (info.getPrivateKeyAlgorithm().getParameters() == null && ecParameters != null) {
            info =
                new PrivateKeyInfo(
                    new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, ecParameters),
                    info.parsePrivateKey());
          }
          s.keys.add(new Found<>(f, conv.getPrivateKey(info)));
        } else if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
          throw new PkiException(
              "encrypted private key in "
                  + f
                  + ": not supported; write it"
                  + " unencrypted, e.g. openssl ec -in "
                  + f.getFileName()
                  + " -out plain.pem");
        } else if (o instanceof PrivateKeyInfo pki) {
          s.keys.add(new Found<>(f, conv.getPrivateKey(pki)));
        } else if (o instanceof X509CRLHolder crl) {
          s.crls.add(toCrl(crl));
        }
        // EC PARAMETERS and PUBLIC KEY blocks carry nothing the certificates do not.
      }
    } catch (PkiException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new PkiException(
          "unreadable PEM file "
              + f
              + ": "
              + e.getMessage()
              + "; expected PEM blocks (EC PARAMETERS + EC PRIVATE KEY, PUBLIC KEY or CERTIFICATE)",
          e);
    }
    if (objects == 0) {
      throw new PkiException(
          "unreadable PEM file "
              + f
              + ": no PEM block found; expected"
              + " -----BEGIN EC PRIVATE KEY----- (SEC1), PUBLIC KEY or CERTIFICATE");
    }
  }

  private static void addCertificate(Path f, X509CertificateHolder h, Scan s) throws IOException {
    X509Certificate cert;
    try {
      cert =
          (X509Certificate)
              CertificateFactory.getInstance("X.509", Keys.BC)
                  .generateCertificate(new ByteArrayInputStream(h.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new PkiException("certificate in " + f + " cannot be parsed: " + e.getMessage(), e);
    }
    for (Found<X509Certificate> c : s.certs) {
      if (c.value.equals(cert)) {
        return; // the same certificate in DER and PEM (SGP.26 ships the CI both ways)
      }
    }
    if (Curve.find(cert.getPublicKey()).isEmpty()) {
      throw new PkiException(
          "certificate "
              + f
              + " has a key on neither P-256 nor"
              + " brainpoolP256r1; SGP.22 PKIs use only these curves");
    }
    s.certs.add(new Found<>(f, cert));
  }

  private static X509CRL toCrl(X509CRLHolder h) throws IOException {
    try {
      return (X509CRL)
          CertificateFactory.getInstance("X.509", Keys.BC)
              .generateCRL(new ByteArrayInputStream(h.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    } catch (IOException e) {
      throw new PkiException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }
}

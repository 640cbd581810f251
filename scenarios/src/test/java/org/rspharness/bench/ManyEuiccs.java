package org.rspharness.bench;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.rspharness.core.crypto.BouncyCastle;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.crypto.OneTimeKeyPair;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.random.RandomSource;
import org.rspharness.euicc.testkit.LightEuicc.Identity;

/**
 * Many eUICCs of one EUM, so the SM-DP+ meets a new eUICC key and certificate as it would in the
 * field: each a copy of the template eUICC certificate with its own key pair and EID (same EUM
 * prefix), signed by the EUM. More of them than any cache of the SM-DP+ holds, so no eUICC
 * certificate, key or signature check is found cached when its eUICC comes round again.
 */
final class ManyEuiccs {

  private ManyEuiccs() {}

  static List<Identity> issue(
      X509Certificate template, PrivateKey eumKey, int count, RandomSource random)
      throws Exception {
    X509CertificateHolder t = new X509CertificateHolder(template.getEncoded());
    ContentSigner signer =
        new JcaContentSignerBuilder("SHA256withECDSA")
            .setProvider(BouncyCastle.PROVIDER)
            .build(eumKey);
    String eid = org.rspharness.core.pki.CertFacts.eid(template).orElseThrow();
    List<Identity> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      OneTimeKeyPair kp = OneTimeKeyPair.generate(Curve.NIST_P256, random);
      SubjectPublicKeyInfo spki = kp.publicKey().toSubjectPublicKeyInfo();
      // Same EUM prefix (first 18 digits), then a counter, then the check digits.
      String newEid =
          Eid.withCheckDigits(eid.substring(0, 18) + String.format(Locale.ROOT, "%012d", i))
              .value();
      X509v3CertificateBuilder b =
          new X509v3CertificateBuilder(
              t.getIssuer(),
              BigInteger.valueOf(1_000_000L + i),
              t.getNotBefore(),
              t.getNotAfter(),
              withSerialNumber(t.getSubject(), newEid),
              spki);
      for (Object oid : t.getExtensionOIDs()) {
        ASN1ObjectIdentifier id = (ASN1ObjectIdentifier) oid;
        if (id.equals(Extension.subjectKeyIdentifier)) {
          b.addExtension(id, false, new BcX509ExtensionUtils().createSubjectKeyIdentifier(spki));
        } else {
          b.addExtension(t.getExtension(id));
        }
      }
      out.add(new Identity(kp.privateKey(), b.build(signer).getEncoded()));
    }
    return out;
  }

  private static X500Name withSerialNumber(X500Name name, String eid) {
    X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
    for (RDN rdn : name.getRDNs()) {
      AttributeTypeAndValue atv = rdn.getFirst();
      if (atv.getType().equals(BCStyle.SERIALNUMBER)) {
        b.addRDN(BCStyle.SERIALNUMBER, eid);
      } else {
        b.addRDN(atv);
      }
    }
    return b.build();
  }
}

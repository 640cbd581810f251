package org.rspharness.core.asn1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.beanit.asn1bean.ber.types.BerType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rspharness.asn1.pkix.Certificate;
import org.rspharness.asn1.rsp.BoundProfilePackage;
import org.rspharness.asn1.rsp.ConfigureISDPRequest;
import org.rspharness.asn1.rsp.EUICCInfo1;
import org.rspharness.asn1.rsp.EUICCInfo2;
import org.rspharness.asn1.rsp.EuiccConfiguredAddressesResponse;
import org.rspharness.asn1.rsp.GetEuiccChallengeResponse;
import org.rspharness.asn1.rsp.GetEuiccDataResponse;
import org.rspharness.asn1.rsp.ListNotificationResponse;
import org.rspharness.asn1.rsp.PendingNotification;
import org.rspharness.asn1.rsp.ProfileInfo;
import org.rspharness.asn1.rsp.ProfileInfoListResponse;
import org.rspharness.asn1.rsp.ReplaceSessionKeysRequest;
import org.rspharness.asn1.rsp.RetrieveNotificationsListResponse;
import org.rspharness.asn1.rsp.ServerSigned1;
import org.rspharness.asn1.rsp.StoreMetadataRequest;
import org.rspharness.asn1.saip.AlgoParameter;
import org.rspharness.asn1.saip.File;
import org.rspharness.asn1.saip.ProfileElement;
import org.rspharness.core.testsupport.ReferenceData;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.util.Hex;

/**
 * Every golden vector (real eUICC captures, published test data, the TS.48 test profiles) decodes
 * through the generated classes and re-encodes to the very same bytes; signed parts taken as
 * received verify against the eUICC certificate in the capture.
 */
class GoldenVectorsTest {

  private static final String ES10 = "real-euicc-es10-responses.txt";
  private static final String NOTIFICATIONS = "real-euicc-retrieve-notifications-list.txt";
  private static final String BPP = "bound-profile-package-pysim-test.der";
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  /** Type of each entry of the ES10 vector file; an unmapped entry fails the test. */
  private static final Map<String, Supplier<? extends BerType>> ES10_TYPES =
      Map.ofEntries(
          Map.entry("EID_RESPONSE", GetEuiccDataResponse::new),
          Map.entry("CHALLENGE_RESPONSE", GetEuiccChallengeResponse::new),
          Map.entry("INFO1_RESPONSE", EUICCInfo1::new),
          Map.entry("CONFIGURED_ADDRESSES_RESPONSE", EuiccConfiguredAddressesResponse::new),
          Map.entry("INFO2_RESPONSE", EUICCInfo2::new),
          Map.entry("LIST_NOTIFICATION_RESPONSE", ListNotificationResponse::new),
          Map.entry("PROFILES_RESPONSE", ProfileInfoListResponse::new),
          Map.entry("INFO1_TESTCI", EUICCInfo1::new),
          Map.entry("PYSIM_STORE_METADATA_1", StoreMetadataRequest::new),
          Map.entry("PYSIM_STORE_METADATA_2", StoreMetadataRequest::new),
          Map.entry("PYSIM_CONFIGURE_ISDP", ConfigureISDPRequest::new),
          Map.entry("PYSIM_REPLACE_SESSION_KEYS", ReplaceSessionKeysRequest::new),
          Map.entry("PYSIM_GET_EID", GetEuiccDataResponse::new),
          Map.entry("MODE51_INFO1", EUICCInfo1::new),
          Map.entry("MODE51_SERVER_SIGNED1", ServerSigned1::new));

  static Stream<Named<Executable>> vectors() throws IOException {
    List<Named<Executable>> cases = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : es10Entries().entrySet()) {
      cases.add(Named.of(ES10 + "#" + e.getKey(), () -> es10RoundTrip(e.getKey(), e.getValue())));
    }
    cases.add(Named.of(NOTIFICATIONS, GoldenVectorsTest::notificationsRoundTripAndVerify));
    cases.add(Named.of(BPP, GoldenVectorsTest::bppRoundTrips));
    // One case per reference file; without the folder, one visible case that skips (fails with
    // CI=true) in place of the cases that cannot be generated.
    Path profiles = ReferenceData.dir().resolve("profiles");
    if (Files.isDirectory(profiles)) {
      try (Stream<Path> files = Files.list(profiles)) {
        files
            .filter(p -> p.getFileName().toString().endsWith(".der"))
            .sorted()
            .forEach(
                p ->
                    cases.add(
                        Named.of(
                            "profiles/" + p.getFileName(),
                            () -> profile(ReferenceData.require("profiles/" + p.getFileName())))));
      }
    } else {
      cases.add(
          Named.of(
              "profiles/*.der (TS.48 profile packages: reference folder absent)",
              () -> ReferenceData.require("profiles")));
    }
    Path sgp26 = ReferenceData.dir().resolve("sgp26");
    if (Files.isDirectory(sgp26)) {
      try (Stream<Path> files = Files.walk(sgp26)) {
        files
            .filter(p -> p.getFileName().toString().matches("CERT_.*\\.der"))
            .sorted()
            .forEach(
                p -> {
                  String name = "sgp26/" + sgp26.relativize(p);
                  cases.add(
                      Named.of(name, () -> certificateRoundTrips(ReferenceData.require(name))));
                });
      }
    } else {
      cases.add(
          Named.of(
              "sgp26/**/CERT_*.der (SGP.26 certificates: reference folder absent)",
              () -> ReferenceData.require("sgp26")));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void goldenVector(Executable check) throws Throwable {
    check.execute();
  }

  private static void es10RoundTrip(String key, byte[] bytes) {
    Supplier<? extends BerType> type = ES10_TYPES.get(key);
    if (type == null) {
      fail("no type mapped for vector " + key);
    }
    BerType decoded = Asn1Codec.decode(bytes, type);
    assertThat(Hex.encode(Asn1Codec.encode(decoded))).isEqualTo(Hex.encode(bytes));
    // A few fields, to prove the bytes landed in the right places and not in extensionBytes.
    switch (key) {
      case "EID_RESPONSE" ->
          assertThat(Hex.encode(((GetEuiccDataResponse) decoded).getEidValue().value))
              .isEqualTo("89086030202200000026000178339240");
      case "CONFIGURED_ADDRESSES_RESPONSE" ->
          assertThat(((EuiccConfiguredAddressesResponse) decoded).getRootDsAddress().toString())
              .isEqualTo("testrootsmds.gsma.com");
      case "INFO2_RESPONSE" -> {
        EUICCInfo2 info2 = (EUICCInfo2) decoded;
        assertThat(Hex.encode(info2.getSvn().value)).isEqualTo("020202");
        assertThat(info2.getSasAcreditationNumber().toString()).isEqualTo("ED-ZI-UP-0826");
      }
      case "PROFILES_RESPONSE" -> {
        List<ProfileInfo> infos =
            ((ProfileInfoListResponse) decoded).getProfileInfoListOk().getProfileInfo();
        assertThat(infos).isNotEmpty();
        assertThat(Hex.encode(infos.get(0).getIccid().value)).isEqualTo("98583215220524122410");
        // The vendor element BF76 is unknown to v2.x and must survive in extensionBytes.
        assertThat(Hex.encode(infos.get(0).getExtensionBytes())).startsWith("BF76");
      }
      case "MODE51_SERVER_SIGNED1" ->
          assertThat(((ServerSigned1) decoded).getServerAddress().toString())
              .isEqualTo("testsmdpplus1.example.com");
      default -> {
        // round trip only
      }
    }
  }

  private static void notificationsRoundTripAndVerify() throws Exception {
    byte[] bytes = Hex.decode(resource(NOTIFICATIONS));
    RetrieveNotificationsListResponse decoded =
        Asn1Codec.decode(bytes, RetrieveNotificationsListResponse::new);
    assertThat(Hex.encode(Asn1Codec.encode(decoded))).isEqualTo(Hex.encode(bytes));
    List<PendingNotification> typed = decoded.getNotificationList().getPendingNotification();

    List<Tlv> pending = SignedParts.pendingNotifications(bytes);
    assertThat(pending).extracting(Tlv::tagHex).containsExactly("BF37", "30", "BF37", "30");
    assertThat(typed).hasSize(pending.size());
    // The eUICC certificate travels in every OtherSignedNotification; PIRs carry none.
    X509Certificate euiccCert = certificate(pending.get(1).child(2).encoded());
    assertThat(euiccCert.getSubjectX500Principal().toString())
        .contains("89086030202200000026000178339240");

    for (Tlv notification : pending) {
      SignedPart part = SignedParts.pendingNotification(notification);
      // PIR: the whole ProfileInstallationResultData TLV (BF27 tag and length included);
      // others: the whole tbsOtherNotification TLV (BF2F ...). Values alone do not verify.
      assertThat(part.tbs().tagHex()).isEqualTo(notification.tag() == 0xBF37 ? "BF27" : "BF2F");
      assertThat(verify(euiccCert, part.signedBytes(), part.signature()))
          .as("signature of %s over the received %s TLV", notification.tagHex(), part.tbs())
          .isTrue();
      assertThat(verify(euiccCert, part.tbs().value(), part.signature())).isFalse();
    }
  }

  private static void bppRoundTrips() throws IOException {
    byte[] bytes = resourceBytes(BPP);
    BoundProfilePackage bpp = Asn1Codec.decode(bytes, BoundProfilePackage::new);
    assertThat(Asn1Codec.encode(bpp)).isEqualTo(bytes);
    assertThat(bpp.getSequenceOf86().getBerOctetString()).isNotEmpty();
    assertThat(bpp.getInitialiseSecureChannelRequest().getSmdpSign().value).hasSize(64);
  }

  private static void profile(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    List<ProfileElement> elements = Asn1Codec.decodeAll(bytes, ProfileElement::new);
    assertThat(Asn1Codec.encodeAll(elements)).isEqualTo(bytes);
    assertThat(elements.get(0).getHeader()).as("first PE is the ProfileHeader").isNotNull();
    assertThat(elements.get(elements.size() - 1).getEnd()).as("last PE is PE-End").isNotNull();

    byte[] headerIccid = elements.get(0).getHeader().getIccid().value;
    assertThat(headerIccid).hasSize(10);
    List<byte[]> efIccid =
        elements.stream()
            .filter(pe -> pe.getMf() != null)
            .map(pe -> fillFileContent(pe.getMf().getEfIccid()))
            .toList();
    assertThat(efIccid).hasSize(1);
    // Same ICCID, two codings: the header holds the digits in order ("89..."), EF.ICCID holds
    // them nibble-swapped as on a UICC ("98...").
    assertThat(Hex.encode(headerIccid)).startsWith("89");
    assertThat(Hex.encode(swapNibbles(efIccid.get(0)))).isEqualTo(Hex.encode(headerIccid));

    // The other personalisable values are typed too: EF.IMSI of the USIM, K and OPc.
    ProfileElement usim = elements.stream().filter(pe -> pe.getUsim() != null).findFirst().get();
    byte[] imsi = fillFileContent(usim.getUsim().getEfImsi());
    assertThat(imsi).hasSize(9);
    assertThat(imsi[0]).as("EF.IMSI length byte").isEqualTo((byte) 8);
    List<AlgoParameter> aka =
        elements.stream()
            .filter(pe -> pe.getAkaParameter() != null)
            .map(pe -> pe.getAkaParameter().getAlgoConfiguration().getAlgoParameter())
            .filter(java.util.Objects::nonNull)
            .toList();
    assertThat(aka).isNotEmpty();
    assertThat(aka.get(0).getKey().value).hasSize(16);
  }

  private static byte[] swapNibbles(byte[] in) {
    byte[] out = new byte[in.length];
    for (int i = 0; i < in.length; i++) {
      out[i] = (byte) (((in[i] & 0x0F) << 4) | ((in[i] >> 4) & 0x0F));
    }
    return out;
  }

  /** The PKIX subset decodes real certificates (P-256 and brainpool) and re-encodes them. */
  private static void certificateRoundTrips(Path file) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    Certificate cert = Asn1Codec.decode(bytes, Certificate::new);
    assertThat(Asn1Codec.encode(cert)).isEqualTo(bytes);
    // The typed view agrees with the JCA's reading of the same bytes.
    assertThat(cert.getTbsCertificate().getSerialNumber().value)
        .isEqualTo(certificate(bytes).getSerialNumber());
  }

  private static byte[] fillFileContent(File file) {
    return file.getCHOICE().stream()
        .filter(c -> c.getFillFileContent() != null)
        .map(c -> c.getFillFileContent().value)
        .findFirst()
        .orElseThrow(() -> new AssertionError("EF.ICCID has no fillFileContent"));
  }

  private static boolean verify(X509Certificate cert, byte[] data, byte[] rs) throws Exception {
    assertThat(rs).hasSize(64);
    byte[] der =
        new DERSequence(
                new ASN1Integer[] {
                  new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(rs, 0, 32))),
                  new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(rs, 32, 64)))
                })
            .getEncoded();
    Signature verifier = Signature.getInstance("SHA256withECDSA", BC);
    verifier.initVerify(cert.getPublicKey());
    verifier.update(data);
    return verifier.verify(der);
  }

  private static X509Certificate certificate(byte[] der) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509", BC)
            .generateCertificate(new ByteArrayInputStream(der));
  }

  /** KEY=hex lines; '#' comments; whitespace inside the hex is formatting. */
  private static Map<String, byte[]> es10Entries() throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (String line : resource(ES10).split("\n")) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      int eq = l.indexOf('=');
      out.put(l.substring(0, eq), Hex.decode(l.substring(eq + 1)));
    }
    return out;
  }

  private static String resource(String name) throws IOException {
    return new String(resourceBytes(name), StandardCharsets.US_ASCII);
  }

  private static byte[] resourceBytes(String name) throws IOException {
    try (InputStream in = GoldenVectorsTest.class.getResourceAsStream("/vectors/" + name)) {
      if (in == null) {
        throw new IOException("missing test resource /vectors/" + name);
      }
      return in.readAllBytes();
    }
  }
}

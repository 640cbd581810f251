package org.rspharness.lpa;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.core.tlv.TlvWriter;
import org.rspharness.euicc.card.Es10Response;
import org.rspharness.euicc.card.StatusWord;
import org.rspharness.lpa.es9.TlsTestPki;

/**
 * The ES10 side of an eUICC played from a script, for LPA flow tests: well-formed responses with no
 * cryptography. It keeps pending notifications (the PIR after a load) until NotificationSent.
 */
final class ScriptedEuicc {

  static final byte[] CHALLENGE = filled(16, 0x20);
  static final byte[] CERT = certificate();

  private static byte[] certificate() {
    try {
      return TlsTestPki.create(org.rspharness.core.crypto.Curve.NIST_P256, "x").ci.getEncoded();
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Which BPP sequence (1-based) gets the PIR; 0 = the last one. */
  int pirAtSequence = 0;

  /** The PIR answered. */
  byte[] pir = pir(true, 1);

  /** When set, this BPP sequence (1-based) is refused with 6A80. */
  int refuseSequence = -1;

  /** AuthenticateServer answers an error (invalidSignature) instead of OK. */
  boolean authenticateError = false;

  /** The RAT answered to GetRAT. */
  byte[] rat = TlvBuilder.constructed(0xBF43).add(TlvBuilder.constructed(0xA0)).build();

  /** The enable result. */
  int enableResult = 0;

  final Map<Long, byte[]> pending = new LinkedHashMap<>();
  final List<Integer> cancelReasons = new ArrayList<>();
  final List<Long> notificationsSent = new ArrayList<>();
  private int bppSequences;

  Es10Response handle(byte[] command) {
    int tag = command.length >= 2 ? (command[0] & 0xFF) << 8 | (command[1] & 0xFF) : 0;
    if ((command[0] & 0xFF) == 0xA0
        || (command[0] & 0xFF) == 0xA1
        || (command[0] & 0xFF) == 0xA2
        || (command[0] & 0xFF) == 0xA3
        || (command[0] & 0xFF) == 0x88
        || (command[0] & 0xFF) == 0x86
        || tag == 0xBF36) {
      return bppSequence(command);
    }
    Tlv t = Tlv.parse(command);
    return switch (tag) {
      case 0xBF2E -> Es10Response.of(TlvBuilder.constructed(0xBF2E).add(0x80, CHALLENGE).build());
      case 0xBF20 -> Es10Response.of(euiccInfo1());
      case 0xBF38 -> Es10Response.of(authenticateServer(t));
      case 0xBF21 -> Es10Response.of(prepareDownload());
      case 0xBF41 -> {
        cancelReasons.add(t.get(0x81).value()[0] & 0xFF);
        yield Es10Response.of(cancelOk(t.get(0x80).value(), t.get(0x81).value()));
      }
      case 0xBF43 -> Es10Response.of(rat);
      case 0xBF2B -> Es10Response.of(notificationsList());
      case 0xBF30 -> {
        long seq = t.get(0x80).value()[0];
        notificationsSent.add(seq);
        int status = pending.remove(seq) == null ? 1 : 0;
        yield Es10Response.of(
            TlvBuilder.constructed(0xBF30).add(0x80, new byte[] {(byte) status}).build());
      }
      case 0xBF31 -> {
        if (enableResult == 0) {
          pending.put(2L, otherNotification(2, 0x40));
        }
        yield Es10Response.of(
            TlvBuilder.constructed(0xBF31).add(0x80, new byte[] {(byte) enableResult}).build());
      }
      default -> Es10Response.status(StatusWord.REFERENCED_DATA_NOT_FOUND);
    };
  }

  private Es10Response bppSequence(byte[] command) {
    if ((command[0] & 0xFF) == 0xBF) {
      bppSequences = 0;
    }
    bppSequences++;
    if (bppSequences == refuseSequence) {
      return Es10Response.status(StatusWord.WRONG_DATA);
    }
    boolean last = pirAtSequence > 0 ? bppSequences == pirAtSequence : isLastSequence(command);
    if (last) {
      pending.put(1L, pir);
      return Es10Response.of(pir);
    }
    return Es10Response.noData();
  }

  /** The scripted BPP of {@link LpaTest} ends with one 86 of 10 bytes of value 0x30. */
  private static boolean isLastSequence(byte[] command) {
    return (command[0] & 0xFF) == 0x86 && command.length == 12 && command[11] == 0x39;
  }

  static byte[] euiccInfo1() {
    byte[] ski = TlvWriter.encode(0x04, filled(20, 0x55));
    return TlvBuilder.constructed(0xBF20)
        .add(0x82, new byte[] {2, 2, 0})
        .add(TlvBuilder.constructed(0xA9).addEncoded(ski))
        .add(TlvBuilder.constructed(0xAA).addEncoded(ski))
        .build();
  }

  static byte[] euiccInfo2() {
    byte[] ski = TlvWriter.encode(0x04, filled(20, 0x55));
    return TlvBuilder.constructed(0xBF22)
        .add(0x81, new byte[] {2, 3, 1})
        .add(0x82, new byte[] {2, 2, 0})
        .add(0x83, new byte[] {1, 0, 0})
        .add(0x84, new byte[] {(byte) 0x81, 1, 0})
        .add(0x85, new byte[] {5, 0x7F, 0x00})
        .add(0x88, new byte[] {6, 0x40})
        .add(TlvBuilder.constructed(0xA9).addEncoded(ski))
        .add(TlvBuilder.constructed(0xAA).addEncoded(ski))
        .add(0x04, new byte[] {1, 0, 0})
        .add(0x0C, new byte[0])
        .build();
  }

  private byte[] authenticateServer(Tlv request) {
    Tlv signed1 = request.child(0);
    byte[] tx = signed1.get(0x80).value();
    if (authenticateError) {
      return TlvBuilder.constructed(0xBF38)
          .add(TlvBuilder.constructed(0xA1).add(0x80, tx).add(0x02, new byte[] {2}))
          .build();
    }
    byte[] euiccSigned1 =
        TlvBuilder.constructed(0x30)
            .add(0x80, tx)
            .add(0x83, signed1.get(0x83).value())
            .add(0x84, signed1.get(0x84).value())
            .addEncoded(euiccInfo2())
            .add(request.child(4))
            .build();
    return TlvBuilder.constructed(0xBF38)
        .add(
            TlvBuilder.constructed(0xA0)
                .addEncoded(euiccSigned1)
                .add(0x5F37, filled(64, 1))
                .addEncoded(CERT)
                .addEncoded(CERT))
        .build();
  }

  private static byte[] prepareDownload() {
    byte[] signed2 =
        TlvBuilder.constructed(0x30).add(0x80, filled(16, 0x10)).add(0x5F49, filled(65, 4)).build();
    return TlvBuilder.constructed(0xBF21)
        .add(TlvBuilder.constructed(0xA0).addEncoded(signed2).add(0x5F37, filled(64, 2)))
        .build();
  }

  private static byte[] cancelOk(byte[] tx, byte[] reason) {
    byte[] signed =
        TlvBuilder.constructed(0x30)
            .add(0x80, tx)
            .add(0x81, new byte[] {0x2B, 0x06, 0x01, 0x04, 0x01})
            .add(0x82, reason)
            .build();
    return TlvBuilder.constructed(0xBF41)
        .add(TlvBuilder.constructed(0xA0).addEncoded(signed).add(0x5F37, filled(64, 3)))
        .build();
  }

  private byte[] notificationsList() {
    TlvBuilder list = TlvBuilder.constructed(0xA0);
    pending.values().forEach(list::addEncoded);
    return TlvBuilder.constructed(0xBF2B).add(list).build();
  }

  static byte[] metadata(long seq, int operationBits, String address) {
    byte[] bits =
        switch (operationBits) {
          case 0x80 -> new byte[] {7, (byte) 0x80};
          case 0x40 -> new byte[] {6, 0x40};
          case 0x20 -> new byte[] {5, 0x20};
          default -> new byte[] {4, 0x10};
        };
    return TlvBuilder.constructed(0xBF2F)
        .add(0x80, new byte[] {(byte) seq})
        .add(0x81, bits)
        .add(0x0C, address.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .build();
  }

  static byte[] pir(boolean success, long seq) {
    TlvBuilder result =
        success
            ? TlvBuilder.constructed(0xA0)
                .add(0x4F, filled(16, 0x70))
                .add(0x04, new byte[] {0x30, 0x00})
            : TlvBuilder.constructed(0xA1).add(0x80, new byte[] {2}).add(0x81, new byte[] {10});
    byte[] data =
        TlvBuilder.constructed(0xBF27)
            .add(0x80, filled(16, 0x10))
            .addEncoded(metadata(seq, 0x80, " testsmdpplus1.example.com "))
            .add(TlvBuilder.constructed(0xA2).add(result))
            .build();
    return TlvBuilder.constructed(0xBF37).addEncoded(data).add(0x5F37, filled(64, 9)).build();
  }

  static byte[] otherNotification(long seq, int operation) {
    return TlvBuilder.constructed(0x30)
        .addEncoded(metadata(seq, operation, "testsmdpplus1.example.com"))
        .add(0x5F37, filled(64, 5))
        .addEncoded(CERT)
        .addEncoded(CERT)
        .build();
  }

  static byte[] filled(int n, int seed) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (seed + i);
    }
    return b;
  }
}

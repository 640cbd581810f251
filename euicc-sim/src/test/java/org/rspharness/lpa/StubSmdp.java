package org.rspharness.lpa;

import java.util.ArrayList;
import java.util.List;
import org.rspharness.core.es9.AuthenticateClientRequest;
import org.rspharness.core.es9.AuthenticateClientResponseEs9;
import org.rspharness.core.es9.CancelSessionRequestEs9;
import org.rspharness.core.es9.CancelSessionResponseEs9;
import org.rspharness.core.es9.GetBoundProfilePackageRequest;
import org.rspharness.core.es9.GetBoundProfilePackageResponse;
import org.rspharness.core.es9.HandleNotification;
import org.rspharness.core.es9.InitiateAuthenticationRequest;
import org.rspharness.core.es9.InitiateAuthenticationResponse;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.ids.TransactionId;
import org.rspharness.core.message.ResponseHeader;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.core.tlv.TlvWriter;
import org.rspharness.lpa.es9.Es9Exception;
import org.rspharness.lpa.es9.Es9Plus;

/** An SM-DP+ in memory answering well-formed ES9+ responses without cryptography. */
final class StubSmdp implements Es9Plus {

  static final TransactionId TX = TransactionId.of(ScriptedEuicc.filled(16, 0x10));
  static final Iccid ICCID = Iccid.of("89000123456789012341");

  final List<String> calls = new ArrayList<>();
  final List<Object> requests = new ArrayList<>();
  boolean ccRequired;
  byte[] profilePolicyRules;

  /** Thrown by the function of that name (once per call). */
  String failFunction;

  Es9Exception failure;
  int notificationFailures;

  static byte[] bpp() {
    return TlvBuilder.constructed(0xBF36)
        .add(TlvBuilder.constructed(0xBF23).add(0x80, TX.bytes()))
        .add(TlvBuilder.constructed(0xA0).add(0x87, ScriptedEuicc.filled(20, 1)))
        .add(TlvBuilder.constructed(0xA1).add(0x88, ScriptedEuicc.filled(150, 2)))
        .add(
            TlvBuilder.constructed(0xA3)
                .add(0x86, ScriptedEuicc.filled(300, 3))
                .add(0x86, ScriptedEuicc.filled(10, 0x30)))
        .build();
  }

  private void maybeFail(String function) throws Es9Exception {
    calls.add(function);
    if (function.equals(failFunction)) {
      throw failure;
    }
  }

  @Override
  public InitiateAuthenticationResponse initiateAuthentication(
      SmdpAddress smdp, InitiateAuthenticationRequest request) throws Es9Exception {
    requests.add(request);
    maybeFail("initiateAuthentication");
    byte[] signed1 =
        TlvBuilder.constructed(0x30)
            .add(0x80, TX.bytes())
            .add(0x81, request.euiccChallenge())
            .add(0x83, smdp.value().getBytes())
            .add(0x84, ScriptedEuicc.filled(16, 0x60))
            .build();
    return new InitiateAuthenticationResponse(
        ResponseHeader.success(),
        TX,
        signed1,
        TlvWriter.encode(0x5F37, ScriptedEuicc.filled(64, 1)),
        TlvWriter.encode(0x04, ScriptedEuicc.filled(20, 0x55)),
        ScriptedEuicc.CERT);
  }

  @Override
  public AuthenticateClientResponseEs9 authenticateClient(
      SmdpAddress smdp, AuthenticateClientRequest request) throws Es9Exception {
    requests.add(request);
    maybeFail("authenticateClient");
    TlvBuilder metadata =
        TlvBuilder.constructed(0xBF25)
            .add(0x5A, ICCID.toEfIccid())
            .add(0x91, "Harness Mobile".getBytes())
            .add(0x92, "Test profile".getBytes());
    if (profilePolicyRules != null) {
      metadata
          .add(TlvBuilder.constructed(0xB7).add(0x80, new byte[] {0x00, (byte) 0xF1, 0x10}))
          .add(0x99, profilePolicyRules);
    }
    byte[] signed2 =
        TlvBuilder.constructed(0x30)
            .add(0x80, TX.bytes())
            .add(0x01, new byte[] {(byte) (ccRequired ? 0xFF : 0x00)})
            .build();
    return new AuthenticateClientResponseEs9(
        ResponseHeader.success(),
        TX,
        metadata.build(),
        signed2,
        TlvWriter.encode(0x5F37, ScriptedEuicc.filled(64, 2)),
        ScriptedEuicc.CERT);
  }

  @Override
  public GetBoundProfilePackageResponse getBoundProfilePackage(
      SmdpAddress smdp, GetBoundProfilePackageRequest request) throws Es9Exception {
    requests.add(request);
    maybeFail("getBoundProfilePackage");
    return new GetBoundProfilePackageResponse(ResponseHeader.success(), TX, bpp());
  }

  @Override
  public CancelSessionResponseEs9 cancelSession(SmdpAddress smdp, CancelSessionRequestEs9 request)
      throws Es9Exception {
    requests.add(request);
    maybeFail("cancelSession");
    return new CancelSessionResponseEs9(ResponseHeader.success());
  }

  @Override
  public void handleNotification(SmdpAddress address, HandleNotification request)
      throws Es9Exception {
    requests.add(request);
    maybeFail("handleNotification");
    if (notificationFailures > 0) {
      notificationFailures--;
      throw failure;
    }
  }
}

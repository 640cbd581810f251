package org.rspharness.lpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rspharness.core.crypto.ConfirmationCode;
import org.rspharness.core.es9.AuthenticateClientRequest;
import org.rspharness.core.es9.CancelSessionRequestEs9;
import org.rspharness.core.es9.HandleNotification;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.RecordingSink;
import org.rspharness.core.ids.ActivationCode;
import org.rspharness.core.message.ExecutionStatus;
import org.rspharness.core.message.StatusCodeData;
import org.rspharness.core.status.StatusCode;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.core.transport.http.RspHttpException;
import org.rspharness.lpa.es10.Es10Client;
import org.rspharness.lpa.es10.RecordingCard;
import org.rspharness.lpa.es9.Es9Exception;

class LpaTest {

  static final ActivationCode AC = ActivationCode.parse("LPA:1$testsmdpplus1.example.com$MID-42");

  final ScriptedEuicc euicc = new ScriptedEuicc();
  final RecordingCard card = RecordingCard.scripted(euicc::handle);
  final StubSmdp smdp = new StubSmdp();
  final RecordingSink sink = new RecordingSink();
  final Lpa lpa =
      new Lpa(
          new Es10Client(card, EventLog.disabled()),
          smdp,
          EventLog.system().addSink(sink),
          Lpa.Config.defaults());

  /** A download of {@link #AC} without a confirmation code, every consent given. */
  private DownloadResult download() {
    return lpa.download(AC, null, ConsentHook.ACCEPT_ALL);
  }

  /** The SM-DP+ answers {@code function} with a failed status of {@code code}. */
  private void smdpRefuses(String function, StatusCode code) {
    smdp.failFunction = function;
    smdp.failure =
        Es9Exception.functionFailed(function, ExecutionStatus.FAILED, StatusCodeData.of(code));
  }

  private List<String> es10Tags() {
    return card.es10Commands.stream()
        .map(
            c ->
                (c[0] & 0x1F) == 0x1F
                    ? String.format("%02X%02X", c[0], c[1])
                    : String.format("%02X", c[0]))
        .toList();
  }

  @Test
  void downloadsInstallsAndDeliversTheInstallNotification() {
    DownloadResult r = download();

    assertThat(r.outcome()).isEqualTo(DownloadOutcome.INSTALLED);
    assertThat(r.iccid()).isEqualTo(StubSmdp.ICCID);
    assertThat(r.notificationDelivered()).isTrue();
    assertThat(r.failedStep()).isNull();
    assertThat(smdp.calls)
        .containsExactly(
            "initiateAuthentication",
            "authenticateClient",
            "getBoundProfilePackage",
            "handleNotification");
    assertThat(es10Tags().subList(0, 4)).containsExactly("BF2E", "BF20", "BF38", "BF21");
    assertThat(es10Tags().get(es10Tags().size() - 1)).isEqualTo("BF30");
    assertThat(euicc.pending).isEmpty();
    assertThat(euicc.cancelReasons).isEmpty();
    // ctxParams1 carries the matchingId of the activation code.
    Tlv ctx = Tlv.parse(card.es10Commands.get(2)).child(4);
    assertThat(new String(ctx.get(0x80).value())).isEqualTo("MID-42");
    // The PIR goes to the SM-DP+ exactly as the card sent it.
    HandleNotification hn = (HandleNotification) smdp.requests.get(smdp.requests.size() - 1);
    assertThat(hn.pendingNotification()).isEqualTo(euicc.pir);
    // The SM-DP+ gets the eUICC's AuthenticateServerResponse verbatim.
    AuthenticateClientRequest ac = (AuthenticateClientRequest) smdp.requests.get(1);
    assertThat(Tlv.parse(ac.authenticateServerResponse()).tagHex()).isEqualTo("BF38");
    assertThat(sink.payloads(EventPayload.StepStarted.class).map(EventPayload.StepStarted::step))
        .contains("INITIATE_AUTHENTICATION", "LOAD_BOUND_PROFILE_PACKAGE");
  }

  @Test
  void hashesTheConfirmationCodeWithTheTransactionId() {
    smdp.ccRequired = true;
    DownloadResult r = lpa.download(AC, "1234", ConsentHook.ACCEPT_ALL);

    assertThat(r.installed()).isTrue();
    byte[] prepare = card.es10Commands.get(3);
    Tlv hashCc = Tlv.parse(prepare).get(0x04);
    assertThat(hashCc.value()).isEqualTo(ConfirmationCode.hashCc("1234", StubSmdp.TX.bytes()));
  }

  @Test
  void asksTheHookForAMissingConfirmationCodeAndPostponesWithoutOne() {
    smdp.ccRequired = true;
    DownloadResult r = download();

    assertThat(r.outcome()).isEqualTo(DownloadOutcome.POSTPONED);
    assertThat(euicc.cancelReasons).containsExactly(Lpa.POSTPONED);

    ConsentHook withCode =
        new ConsentHook() {
          @Override
          public Consent decide(ProfileMetadata metadata) {
            return Consent.ACCEPT;
          }

          @Override
          public Optional<String> confirmationCode(ProfileMetadata metadata) {
            return Optional.of("9876");
          }
        };
    assertThat(lpa.download(AC, null, withCode).installed()).isTrue();
  }

  @Test
  void refusedConsentCancelsWithEndUserRejectionOnBothSides() {
    DownloadResult r = lpa.download(AC, null, metadata -> Consent.REJECT);

    assertThat(r.outcome()).isEqualTo(DownloadOutcome.REJECTED);
    assertThat(r.cancelReason()).isEqualTo(Lpa.END_USER_REJECTION);
    assertThat(r.failedStep()).isEqualTo(DownloadStep.CONSENT);
    assertThat(euicc.cancelReasons).containsExactly(0);
    assertThat(smdp.calls).endsWith("cancelSession").doesNotContain("getBoundProfilePackage");
    CancelSessionRequestEs9 cancel =
        (CancelSessionRequestEs9) smdp.requests.get(smdp.requests.size() - 1);
    Tlv signed = Tlv.parse(cancel.cancelSessionResponse());
    assertThat(signed.tagHex()).isEqualTo("BF41");
    assertThat(signed.get(0xA0).child(0).get(0x82).value()).containsExactly(0);
    assertThat(es10Tags()).doesNotContain("BF21");
  }

  @Test
  void postponedConsentCancelsWithPostponed() {
    DownloadResult r = lpa.download(AC, null, metadata -> Consent.POSTPONE);
    assertThat(r.outcome()).isEqualTo(DownloadOutcome.POSTPONED);
    assertThat(euicc.cancelReasons).containsExactly(Lpa.POSTPONED);
  }

  @Test
  void anSmdpFailureCarriesItsStatusCodeAndCancelsTheSession() {
    smdpRefuses("getBoundProfilePackage", StatusCodes.DOWNLOAD_ORDER_RETRIES_EXCEEDED);

    DownloadResult r = download();

    assertThat(r.outcome()).isEqualTo(DownloadOutcome.FAILED);
    assertThat(r.failedStep()).isEqualTo(DownloadStep.GET_BOUND_PROFILE_PACKAGE);
    assertThat(r.statusCode().subjectCode()).isEqualTo("8.8.5");
    assertThat(r.statusCode().reasonCode()).isEqualTo("6.4");
    assertThat(r.cancelReason()).isEqualTo(Lpa.UNDEFINED_REASON);
    assertThat(euicc.cancelReasons).containsExactly(127);
    assertThat(r.describe()).contains("8.8.5/6.4").contains("GET_BOUND_PROFILE_PACKAGE");
  }

  @Test
  void aRefusedConfirmationCodeCancelsAsPostponedSoTheUserCanRetry() {
    smdpRefuses("getBoundProfilePackage", StatusCodes.CONFIRMATION_CODE_REFUSED);

    DownloadResult r = lpa.download(AC, "0000", ConsentHook.ACCEPT_ALL);

    assertThat(r.outcome()).isEqualTo(DownloadOutcome.FAILED);
    assertThat(r.cancelReason()).isEqualTo(Lpa.POSTPONED);
    assertThat(euicc.cancelReasons).containsExactly(Lpa.POSTPONED);
  }

  @Test
  void aTimeoutCancelsWithReasonTimeout() {
    smdp.failFunction = "getBoundProfilePackage";
    smdp.failure =
        Es9Exception.transport(
            "getBoundProfilePackage", RspHttpException.Kind.TIMEOUT, "no response in 30 s", null);

    DownloadResult r = download();

    assertThat(r.cancelReason()).isEqualTo(Lpa.TIMEOUT);
    assertThat(euicc.cancelReasons).containsExactly(2);
  }

  @Test
  void aFailureBeforeAuthenticateServerCancelsNothing() {
    smdpRefuses("initiateAuthentication", StatusCodes.SMDP_NO_SUPPORTED_CI_PKID);

    DownloadResult r = download();

    assertThat(r.failedStep()).isEqualTo(DownloadStep.INITIATE_AUTHENTICATION);
    assertThat(r.cancelReason()).isNull();
    assertThat(euicc.cancelReasons).isEmpty();
    assertThat(smdp.calls).containsExactly("initiateAuthentication");
  }

  /**
   * SGP.22 5.7.14 and 5.6.5: after a refused authenticateClient the LPA still ends the eUICC's
   * session (ES10b.CancelSession, which needs no SM-DP+), but sends no ES9+.CancelSession: the
   * SM-DP+ ended its session when it refused, so there is nothing there to cancel, and the user
   * sees the refusal, not a follow-on "cancelSession failed".
   */
  @Test
  void aRefusedAuthenticateClientCancelsOnlyTheEuiccsSession() {
    smdpRefuses("authenticateClient", StatusCodes.MATCHING_ID_REFUSED);

    DownloadResult r = download();

    assertThat(r.failedStep()).isEqualTo(DownloadStep.AUTHENTICATE_CLIENT);
    assertThat(r.statusCode().subjectCode()).isEqualTo("8.2.6");
    assertThat(r.statusCode().reasonCode()).isEqualTo("3.8");
    assertThat(es10Tags()).contains("BF41");
    assertThat(euicc.cancelReasons).hasSize(1);
    assertThat(smdp.calls).containsExactly("initiateAuthentication", "authenticateClient");
    assertThat(r.describe()).contains("8.2.6/3.8").doesNotContain("cancelSession failed");
  }

  @Test
  void anEuiccAuthenticationErrorIsForwardedAndReported() {
    euicc.authenticateError = true;
    smdpRefuses("authenticateClient", StatusCodes.EUICC_SIGNATURE_INVALID);

    DownloadResult r = download();

    assertThat(r.failedStep()).isEqualTo(DownloadStep.AUTHENTICATE_SERVER);
    assertThat(r.euiccError()).isEqualTo("authenticateErrorCode=invalidSignature(2)");
    assertThat(smdp.calls).containsExactly("initiateAuthentication", "authenticateClient");
  }

  @Test
  void anEarlyProfileInstallationResultErrorIsReportedAndDelivered() {
    euicc.pir = ScriptedEuicc.pir(false, 1);
    euicc.pirAtSequence = 3;

    DownloadResult r = download();

    assertThat(r.outcome()).isEqualTo(DownloadOutcome.INSTALL_FAILED);
    assertThat(r.euiccError())
        .isEqualTo(
            "errorReason=installFailedDueToInsufficientMemoryForProfile(10)"
                + " bppCommandId=storeMetadata(2)");
    assertThat(r.notificationDelivered()).isTrue();
    assertThat(r.message()).contains("after segment 3 of 7");
    assertThat(euicc.cancelReasons).isEmpty();
    long bppSequences =
        card.es10Commands.stream().filter(c -> (c[0] & 0xFF) != 0xBF || c[1] == 0x36).count();
    assertThat(bppSequences).isEqualTo(3);
  }

  @Test
  void aSegmentRefusedByTheCardCancelsWithLoadBppExecutionError() {
    euicc.refuseSequence = 2;

    DownloadResult r = download();

    assertThat(r.outcome()).isEqualTo(DownloadOutcome.FAILED);
    assertThat(r.failedStep()).isEqualTo(DownloadStep.LOAD_BOUND_PROFILE_PACKAGE);
    assertThat(r.euiccError()).isEqualTo("SW 6A80");
    assertThat(euicc.cancelReasons).containsExactly(Lpa.LOAD_BPP_EXECUTION_ERROR);
  }

  @Test
  void aProfileWithPprsTheRatDoesNotAllowCancelsWithPprNotAllowed() {
    smdp.profilePolicyRules = new byte[] {6, 0x40}; // ppr1

    DownloadResult r = download();

    assertThat(r.cancelReason()).isEqualTo(Lpa.PPR_NOT_ALLOWED);
    assertThat(euicc.cancelReasons).containsExactly(3);
  }

  @Test
  void aProfileWithPprsAllowedByTheRatIsDownloaded() {
    smdp.profilePolicyRules = new byte[] {6, 0x40};
    euicc.rat =
        TlvBuilder.constructed(0xBF43)
            .add(
                TlvBuilder.constructed(0xA0)
                    .add(
                        TlvBuilder.constructed(0x30)
                            .add(0x80, new byte[] {6, 0x40})
                            .add(
                                TlvBuilder.constructed(0xA1)
                                    .add(
                                        TlvBuilder.constructed(0x30)
                                            .add(0x80, new byte[] {0x00, (byte) 0xFE, 0x10})))
                            .add(0x82, new byte[] {7, 0})))
            .build();

    assertThat(download().installed()).isTrue();
  }

  @Test
  void notificationsAreRetriedAndRemovedOnlyAfterDelivery() {
    euicc.pending.put(5L, ScriptedEuicc.otherNotification(5, 0x20));
    smdp.failure =
        Es9Exception.transport(
            "handleNotification", RspHttpException.Kind.CONNECT_FAILED, "refused", null);
    smdp.notificationFailures = 3;

    List<NotificationDelivery> first = lpa.processNotifications();

    assertThat(first)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.delivered()).isFalse();
              assertThat(d.attempts()).isEqualTo(3);
              assertThat(d.operation()).isEqualTo("disable");
            });
    assertThat(euicc.notificationsSent).isEmpty();
    assertThat(euicc.pending).containsKey(5L);

    smdp.notificationFailures = 2;
    List<NotificationDelivery> second = lpa.processNotifications();
    assertThat(second)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.delivered()).isTrue();
              assertThat(d.attempts()).isEqualTo(3);
            });
    assertThat(euicc.notificationsSent).containsExactly(5L);
    assertThat(euicc.pending).isEmpty();
  }

  @Test
  void enableProcessesItsNotification() {
    ProfileOperationResult r = lpa.enable(StubSmdp.ICCID);

    assertThat(r.ok()).isTrue();
    assertThat(r.notifications())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.operation()).isEqualTo("enable");
              assertThat(d.delivered()).isTrue();
            });
    assertThat(euicc.notificationsSent).containsExactly(2L);
  }

  @Test
  void aRefusedEnableNamesTheResultAndSendsNothing() {
    euicc.enableResult = 2;
    ProfileOperationResult r = lpa.enable(StubSmdp.ICCID);
    assertThat(r.ok()).isFalse();
    assertThat(r.resultName()).isEqualTo("profileNotInDisabledState");
    assertThat(smdp.calls).isEmpty();
  }
}

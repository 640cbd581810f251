package org.rspharness.smdp.es9;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rspharness.certs.TestPki;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.es9.AuthenticateClientRequest;
import org.rspharness.core.es9.AuthenticateClientResponseEs9;
import org.rspharness.core.es9.CancelSessionRequestEs9;
import org.rspharness.core.es9.CancelSessionResponseEs9;
import org.rspharness.core.es9.GetBoundProfilePackageRequest;
import org.rspharness.core.es9.GetBoundProfilePackageResponse;
import org.rspharness.core.es9.HandleNotification;
import org.rspharness.core.es9.InitiateAuthenticationRequest;
import org.rspharness.core.es9.InitiateAuthenticationResponse;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.ids.ActivationCode;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.MatchingId;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.time.ManualClock;
import org.rspharness.euicc.Euicc;
import org.rspharness.euicc.config.EuiccConfig;
import org.rspharness.euicc.config.EuiccIdentity;
import org.rspharness.lpa.ConsentHook;
import org.rspharness.lpa.DownloadResult;
import org.rspharness.lpa.Lpa;
import org.rspharness.lpa.es10.Es10Client;
import org.rspharness.lpa.es9.Es9Exception;
import org.rspharness.lpa.es9.Es9Plus;
import org.rspharness.lpa.es9.Es9PlusClient;
import org.rspharness.smdp.SmdpSimulator;
import org.rspharness.smdp.bpp.ProfilePackages;
import org.rspharness.smdp.order.Order;
import org.rspharness.smdp.order.OrderMetadata;
import org.rspharness.smdp.order.ProfileState;
import org.rspharness.smdp.transport.SmdpServer;

/**
 * SGP.22 v3 section 6.6: the same download, once in the JSON binding and once in the ASN.1 binding,
 * against identically seeded SM-DP+s and eUICCs over loopback TLS. Every ES9+ answer the LPA
 * received is compared member by member: the bindings carry the same values (signatures and the
 * bound profile package included), and the same failure code.
 */
class Es9BindingsTest {

  private static final Curve CURVE = Curve.NIST_P256;
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static final TestPki PKI =
      TestPki.builder()
          .random(RandomSource.seeded(3333))
          .curves(Set.of(CURVE))
          .validFrom(NOW.minus(Duration.ofDays(30)))
          .build();
  private static final String HOST = PKI.smdpHost();
  private static final String ICCID19 = "894900000000003333";

  /** What the LPA got from one call: the response record or the failure's code. */
  private record Answer(String function, Object response, String failure) {}

  /** Records every answer of the ES9+ client it wraps. */
  private static final class Recording implements Es9Plus {
    final Es9Plus inner;
    final List<Answer> answers = new ArrayList<>();

    Recording(Es9Plus inner) {
      this.inner = inner;
    }

    private interface Call<T> {
      T run() throws Es9Exception;
    }

    private <T> T record(String function, Call<T> call) throws Es9Exception {
      try {
        T r = call.run();
        answers.add(new Answer(function, r, null));
        return r;
      } catch (Es9Exception e) {
        answers.add(
            new Answer(
                function,
                null,
                e.statusCodeData()
                    .map(d -> d.subjectCode() + "/" + d.reasonCode())
                    .orElse(e.kind().name())));
        throw e;
      }
    }

    @Override
    public InitiateAuthenticationResponse initiateAuthentication(
        SmdpAddress smdp, InitiateAuthenticationRequest request) throws Es9Exception {
      return record("initiateAuthentication", () -> inner.initiateAuthentication(smdp, request));
    }

    @Override
    public AuthenticateClientResponseEs9 authenticateClient(
        SmdpAddress smdp, AuthenticateClientRequest request) throws Es9Exception {
      return record("authenticateClient", () -> inner.authenticateClient(smdp, request));
    }

    @Override
    public GetBoundProfilePackageResponse getBoundProfilePackage(
        SmdpAddress smdp, GetBoundProfilePackageRequest request) throws Es9Exception {
      return record("getBoundProfilePackage", () -> inner.getBoundProfilePackage(smdp, request));
    }

    @Override
    public CancelSessionResponseEs9 cancelSession(SmdpAddress smdp, CancelSessionRequestEs9 request)
        throws Es9Exception {
      return record("cancelSession", () -> inner.cancelSession(smdp, request));
    }

    @Override
    public void handleNotification(SmdpAddress address, HandleNotification request)
        throws Es9Exception {
      record(
          "handleNotification",
          () -> {
            inner.handleNotification(address, request);
            return "204";
          });
    }
  }

  /** One download in {@code binding} against a fresh, identically seeded world. */
  private static List<Answer> run(boolean asn1, String matchingId) throws Exception {
    ManualClock clock = ManualClock.at(NOW);
    Iccid iccid = Iccid.withCheckDigit(ICCID19);
    Order order =
        Order.builder(iccid, "lab")
            .state(ProfileState.RELEASED)
            .matchingId(MatchingId.of("BIND-1"))
            .metadata(OrderMetadata.of("RSP Harness", "Binding profile"))
            .profilePackage(() -> ProfilePackages.minimal(iccid, "lab"))
            .build();
    SmdpSimulator smdp =
        SmdpSimulator.builder(PKI, HOST)
            .orders(List.of(order))
            .clock(clock)
            .random(RandomSource.seeded(42))
            .build();
    try (SmdpServer server =
            SmdpServer.start(
                PKI,
                SmdpServer.Config.es9Only(HOST, 0),
                smdp.es9Endpoint(),
                null,
                new SimpleMeterRegistry(),
                EventLog.disabled());
        Es9PlusClient http =
            new Es9PlusClient(
                Es9PlusClient.Config.defaults(List.of(PKI.ci(CURVE).certificate()))
                    .withResolve(Map.of(HOST, "127.0.0.1:" + server.es9Port(CURVE).orElseThrow())),
                EventLog.disabled())) {
      Euicc euicc =
          Euicc.builder(EuiccIdentity.from(PKI, Set.of(CURVE)))
              .config(EuiccConfig.defaults().withCurves(Set.of(CURVE)))
              .clock(clock)
              .random(RandomSource.seeded(7))
              .build();
      Recording es9 = new Recording(asn1 ? http.asn1() : http);
      Lpa lpa =
          new Lpa(
              new Es10Client(euicc, EventLog.disabled()),
              es9,
              EventLog.disabled(),
              Lpa.Config.defaults());
      DownloadResult r =
          lpa.download(
              ActivationCode.parse("1$" + HOST + "$" + matchingId), null, ConsentHook.ACCEPT_ALL);
      assertThat(r.installed()).isEqualTo(matchingId.equals("BIND-1"));
      return es9.answers;
    }
  }

  @Test
  void aDownloadGetsTheSameAnswersInTheJsonAndTheAsn1Binding() throws Exception {
    List<Answer> json = run(false, "BIND-1");
    List<Answer> asn1 = run(true, "BIND-1");
    assertThat(json)
        .extracting(Answer::function)
        .containsExactly(
            "initiateAuthentication",
            "authenticateClient",
            "getBoundProfilePackage",
            "handleNotification");
    assertSameAnswers(json, asn1);
  }

  @Test
  void aRefusedMatchingIdIsTheSameCodeInBothBindings() throws Exception {
    List<Answer> json = run(false, "NOPE-1");
    List<Answer> asn1 = run(true, "NOPE-1");
    assertThat(json.get(1).failure()).isEqualTo("8.2.6/3.8");
    assertSameAnswers(json, asn1);
  }

  private static void assertSameAnswers(List<Answer> json, List<Answer> asn1) throws Exception {
    assertThat(asn1).hasSameSizeAs(json);
    for (int i = 0; i < json.size(); i++) {
      Answer j = json.get(i);
      Answer a = asn1.get(i);
      assertThat(a.function()).isEqualTo(j.function());
      assertThat(a.failure()).as(j.function()).isEqualTo(j.failure());
      if (j.response() instanceof Record rec) {
        assertThat(a.response()).isInstanceOf(rec.getClass());
        for (RecordComponent c : rec.getClass().getRecordComponents()) {
          Object x = c.getAccessor().invoke(rec);
          Object y = c.getAccessor().invoke(a.response());
          String what = j.function() + "." + c.getName();
          if (x instanceof byte[] bx) {
            assertThat(Arrays.equals(bx, (byte[]) y)).as(what).isTrue();
          } else {
            assertThat(y).as(what).isEqualTo(x);
          }
        }
      } else {
        assertThat(a.response()).isEqualTo(j.response());
      }
    }
  }
}

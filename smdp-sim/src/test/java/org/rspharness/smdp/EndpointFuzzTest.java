package org.rspharness.smdp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rspharness.core.es2.CancelOrderRequest;
import org.rspharness.core.es2.ConfirmOrderRequest;
import org.rspharness.core.es2.DownloadOrderRequest;
import org.rspharness.core.es2.FinalProfileStatusIndicator;
import org.rspharness.core.es2.ReleaseProfileRequest;
import org.rspharness.core.es9.AuthenticateClientRequest;
import org.rspharness.core.es9.AuthenticateClientResponseEs9;
import org.rspharness.core.es9.CancelSessionRequestEs9;
import org.rspharness.core.es9.GetBoundProfilePackageRequest;
import org.rspharness.core.es9.HandleNotification;
import org.rspharness.core.es9.InitiateAuthenticationRequest;
import org.rspharness.core.es9.InitiateAuthenticationResponse;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.MatchingId;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.message.RequestHeader;
import org.rspharness.core.pki.CertFacts;
import org.rspharness.core.pki.Role;
import org.rspharness.core.transport.http.RspHttpHandler;
import org.rspharness.core.transport.http.RspHttpResponse;
import org.rspharness.smdp.order.ProfileState;

/**
 * Thousands of mutated requests (bit flips, truncations, removed members, bad base64, broken ASN.1
 * inside valid base64, wrong JSON types, random JSON) to every ES9+ and ES2+ function through the
 * endpoints: never a 500, never an escaped exception, always a well-formed header with a code.
 */
class EndpointFuzzTest {

  private static final ObjectMapper M = new ObjectMapper();
  private static final int PER_FUNCTION = 450;

  record Seed(RspHttpHandler handler, String path, byte[] body) {}

  @Test
  void mutatedRequestsNeverBreakTheEndpoints() throws Exception {
    SmdpFixture f =
        new SmdpFixture()
            .start(
                SmdpFixture.released("894900000000000901", "FUZZ-1").reusable(true).build(),
                SmdpFixture.available("894900000000000902", "gold").build(),
                SmdpFixture.available("894900000000000903", "gold")
                    .state(ProfileState.ALLOCATED)
                    .build());
    f.euicc.matchingId = "FUZZ-1";
    List<Seed> seeds = seeds(f);
    Random rnd = new Random(20261125L);
    int requests = 0;
    Map<String, Integer> outcomes = new LinkedHashMap<>();
    for (Seed seed : seeds) {
      for (int i = 0; i < PER_FUNCTION; i++) {
        byte[] body = mutate(seed.body(), rnd);
        RspHttpResponse r = seed.handler().handle(SmdpFixture.post(seed.path(), body));
        requests++;
        String what = check(seed.path(), body, r);
        outcomes.merge(what, 1, Integer::sum);
      }
    }
    assertThat(requests).isEqualTo(seeds.size() * PER_FUNCTION);
    assertThat(f.sink.payloads(EventPayload.Note.class).map(EventPayload.Note::text))
        .noneMatch(t -> t.contains("internal error"));
    // the mutations reach past the JSON layer into the functions' own checks
    assertThat(outcomes.keySet()).contains("Failed 1.2/2.1", "Failed 1.2/2.2");
    assertThat(outcomes.keySet().stream().filter(k -> k.startsWith("Failed 8.")).count())
        .as("distinct function-level codes: " + outcomes)
        .isGreaterThanOrEqualTo(3);
  }

  static String check(String path, byte[] body, RspHttpResponse r) throws Exception {
    String ctx = path + " <- " + new String(body, StandardCharsets.UTF_8);
    assertThat(r.status()).as(ctx).isIn(200, 204);
    if (r.status() == 204) {
      assertThat(path).as(ctx).endsWith("handleNotification");
      assertThat(r.body()).isEmpty();
      return "204";
    }
    assertThat(r.header("Content-Type")).isEqualTo("application/json;charset=UTF-8");
    JsonNode fes = M.readTree(r.body()).path("header").path("functionExecutionStatus");
    String status = fes.path("status").asText();
    assertThat(status).as(ctx).isIn("Executed-Success", "Failed");
    if (status.equals("Failed")) {
      String subject = fes.path("statusCodeData").path("subjectCode").asText();
      String reason = fes.path("statusCodeData").path("reasonCode").asText();
      assertThat(subject).as(ctx).matches("[0-9]+(\\.[0-9]+)*");
      assertThat(reason).as(ctx).matches("[0-9]+(\\.[0-9]+)*");
      return "Failed " + subject + "/" + reason;
    }
    return status;
  }

  static List<Seed> seeds(SmdpFixture f) {
    RspHttpHandler es9 = f.smdp.es9Endpoint();
    RspHttpHandler es2 = f.smdp.es2Endpoint();
    String p9 = "/gsma/rsp2/es9plus/";
    String p2 = "/gsma/rsp2/es2plus/";
    InitiateAuthenticationResponse ia = f.initiate();
    AuthenticateClientResponseEs9 ac = f.authenticate(ia);
    byte[] asr = f.lastAsr;
    byte[] pdr = f.euicc.prepareDownload(ac, asr, null);
    // a second session for cancelSession and handleNotification
    InitiateAuthenticationResponse ia2 = f.initiate();
    AuthenticateClientResponseEs9 ac2 = f.authenticate(ia2);
    String dpPbOid =
        CertFacts.registeredIds(SmdpFixture.PKI.credential(Role.DP_PB, f.curve).certificate())
            .get(0);
    byte[] pir =
        f.euicc.profileInstallationResult(
            ac2.transactionId().bytes(),
            Iccid.withCheckDigit("894900000000000901"),
            dpPbOid,
            true,
            SmdpFixture.HOST);
    byte[] cancel = f.euicc.cancelSession(ac2.transactionId().bytes(), f.smdpOid(), 1);
    RequestHeader h = new RequestHeader("op", "1");
    List<Seed> out = new ArrayList<>();
    out.add(
        new Seed(
            es9,
            p9 + "initiateAuthentication",
            SmdpFixture.json(
                new InitiateAuthenticationRequest(
                    f.euicc.challenge(), f.euicc.euiccInfo1(), SmdpAddress.of(SmdpFixture.HOST)))));
    InitiateAuthenticationResponse ia3 = f.initiate();
    out.add(
        new Seed(
            es9,
            p9 + "authenticateClient",
            SmdpFixture.json(
                new AuthenticateClientRequest(
                    ia3.transactionId(), f.euicc.authenticateServer(ia3)))));
    out.add(
        new Seed(
            es9,
            p9 + "getBoundProfilePackage",
            SmdpFixture.json(new GetBoundProfilePackageRequest(ac.transactionId(), pdr))));
    out.add(
        new Seed(es9, p9 + "handleNotification", SmdpFixture.json(new HandleNotification(pir))));
    // a signed notification carrying the eUICC and EUM certificates, for certificate mutations
    out.add(
        new Seed(
            es9,
            p9 + "handleNotification",
            SmdpFixture.json(
                new HandleNotification(
                    f.euicc.otherNotification(
                        3, Iccid.withCheckDigit("894900000000000901"), SmdpFixture.HOST)))));
    out.add(
        new Seed(
            es9,
            p9 + "cancelSession",
            SmdpFixture.json(new CancelSessionRequestEs9(ac2.transactionId(), cancel))));
    out.add(
        new Seed(
            es2,
            p2 + "downloadOrder",
            SmdpFixture.json(
                new DownloadOrderRequest(
                    h, null, Iccid.withCheckDigit("894900000000000902"), "gold"))));
    out.add(
        new Seed(
            es2,
            p2 + "confirmOrder",
            SmdpFixture.json(
                new ConfirmOrderRequest(
                    h,
                    Iccid.withCheckDigit("894900000000000903"),
                    null,
                    MatchingId.of("F-2"),
                    "1234",
                    "smds.example.com",
                    true))));
    out.add(
        new Seed(
            es2,
            p2 + "cancelOrder",
            SmdpFixture.json(
                new CancelOrderRequest(
                    h,
                    Iccid.withCheckDigit("894900000000000903"),
                    null,
                    null,
                    FinalProfileStatusIndicator.AVAILABLE))));
    out.add(
        new Seed(
            es2,
            p2 + "releaseProfile",
            SmdpFixture.json(
                new ReleaseProfileRequest(h, Iccid.withCheckDigit("894900000000000903")))));
    return out;
  }

  static byte[] mutate(byte[] body, Random rnd) throws Exception {
    switch (rnd.nextInt(8)) {
      case 0 -> {
        byte[] b = body.clone();
        for (int i = 0, n = 1 + rnd.nextInt(3); i < n; i++) {
          b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
        }
        return b;
      }
      case 1 -> {
        return java.util.Arrays.copyOf(body, rnd.nextInt(body.length));
      }
      case 2 -> {
        ObjectNode o = (ObjectNode) M.readTree(body);
        removeRandomMember(o, rnd);
        return M.writeValueAsBytes(o);
      }
      case 3 -> {
        ObjectNode o = (ObjectNode) M.readTree(body);
        String member = randomMember(o, rnd);
        String[] bad = {"@@@@", "QUJD", "QUJDRA=", "AAAA\nAAAA", "", "=====", "é"};
        o.put(member, bad[rnd.nextInt(bad.length)]);
        return M.writeValueAsBytes(o);
      }
      case 4, 5 -> {
        // valid JSON and base64, broken ASN.1 or values inside
        ObjectNode o = (ObjectNode) M.readTree(body);
        String member = randomMember(o, rnd);
        JsonNode v = o.get(member);
        if (v.isTextual()) {
          byte[] raw;
          try {
            raw = Base64.getDecoder().decode(v.asText());
          } catch (IllegalArgumentException e) {
            raw = v.asText().getBytes(StandardCharsets.UTF_8);
          }
          if (raw.length > 0) {
            int kind = rnd.nextInt(3);
            if (kind == 0) {
              raw[rnd.nextInt(raw.length)] ^= (byte) (1 << rnd.nextInt(8));
            } else if (kind == 1) {
              raw = java.util.Arrays.copyOf(raw, rnd.nextInt(raw.length));
            } else {
              raw[rnd.nextInt(Math.min(raw.length, 4))] = (byte) rnd.nextInt(256);
            }
          }
          o.put(member, Base64.getEncoder().encodeToString(raw));
        }
        return M.writeValueAsBytes(o);
      }
      case 6 -> {
        ObjectNode o = (ObjectNode) M.readTree(body);
        String member = randomMember(o, rnd);
        switch (rnd.nextInt(4)) {
          case 0 -> o.put(member, rnd.nextInt());
          case 1 -> o.putNull(member);
          case 2 -> o.putArray(member).add("x");
          default -> o.put(member, true);
        }
        return M.writeValueAsBytes(o);
      }
      default -> {
        return M.writeValueAsBytes(randomJson(rnd, 0));
      }
    }
  }

  private static String randomMember(ObjectNode o, Random rnd) {
    List<String> names = new ArrayList<>();
    o.fieldNames().forEachRemaining(names::add);
    return names.get(rnd.nextInt(names.size()));
  }

  private static void removeRandomMember(ObjectNode o, Random rnd) {
    String name = randomMember(o, rnd);
    JsonNode child = o.get(name);
    if (child instanceof ObjectNode inner && inner.size() > 0 && rnd.nextBoolean()) {
      removeRandomMember(inner, rnd);
    } else {
      o.remove(name);
    }
  }

  private static JsonNode randomJson(Random rnd, int depth) {
    JsonNodeFactory n = JsonNodeFactory.instance;
    int k = depth > 2 ? rnd.nextInt(4) : rnd.nextInt(6);
    return switch (k) {
      case 0 -> n.textNode(Long.toString(rnd.nextLong(), 36));
      case 1 -> n.numberNode(rnd.nextInt());
      case 2 -> n.booleanNode(rnd.nextBoolean());
      case 3 -> n.nullNode();
      case 4 -> {
        ArrayNode a = n.arrayNode();
        for (int i = 0; i < rnd.nextInt(4); i++) {
          a.add(randomJson(rnd, depth + 1));
        }
        yield a;
      }
      default -> {
        ObjectNode o = n.objectNode();
        String[] names = {
          "header", "transactionId", "euiccChallenge", "iccid", "eid", "x", "releaseFlag"
        };
        for (int i = 0; i < rnd.nextInt(4); i++) {
          o.set(names[rnd.nextInt(names.length)], randomJson(rnd, depth + 1));
        }
        yield o;
      }
    };
  }
}

package org.rspharness.scenario.engine;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.es2.CancelOrderRequest;
import org.rspharness.core.es2.CancelOrderResponse;
import org.rspharness.core.es2.ConfirmOrderRequest;
import org.rspharness.core.es2.ConfirmOrderResponse;
import org.rspharness.core.es2.DownloadOrderRequest;
import org.rspharness.core.es2.DownloadOrderResponse;
import org.rspharness.core.es2.FinalProfileStatusIndicator;
import org.rspharness.core.es2.HandleDownloadProgressInfoRequest;
import org.rspharness.core.es2.ReleaseProfileRequest;
import org.rspharness.core.es2.ReleaseProfileResponse;
import org.rspharness.core.ids.ActivationCode;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.MatchingId;
import org.rspharness.core.message.RequestHeader;
import org.rspharness.core.message.ResponseHeader;
import org.rspharness.core.message.RspJson;
import org.rspharness.core.message.StatusCodeData;
import org.rspharness.core.transport.http.RspHttpException;
import org.rspharness.core.transport.http.RspHttpResponse;
import org.rspharness.lpa.ConsentHook;
import org.rspharness.lpa.DownloadResult;
import org.rspharness.lpa.NotificationDelivery;
import org.rspharness.lpa.ProfileOperationResult;
import org.rspharness.lpa.es10.Es10Client;
import org.rspharness.lpa.es10.Es10Exception;
import org.rspharness.scenario.model.Action;

/** Runs the leaf actions of a scenario against its {@link World}. */
final class Actions {

  private static final RspJson JSON = RspJson.lenient();

  private final World world;
  private int calls;

  Actions(World world) {
    this.world = world;
  }

  /** Runs one leaf action (its templates already filled). */
  StepResult run(Action a) throws InterruptedException {
    if (a instanceof Action.DownloadOrder o) {
      return downloadOrder(o);
    } else if (a instanceof Action.ConfirmOrder o) {
      return confirmOrder(o);
    } else if (a instanceof Action.CancelOrder o) {
      return cancelOrder(o);
    } else if (a instanceof Action.ReleaseProfile o) {
      return releaseProfile(o);
    } else if (a instanceof Action.WaitForCallback o) {
      return waitForCallback(o);
    } else if (a instanceof Action.Download d) {
      return download(d);
    } else if (a instanceof Action.Discover d) {
      return discover(d);
    } else if (a instanceof Action.Enable d) {
      return profileOp(device(d).lpa().enable(iccid(d.iccid())), d.iccid());
    } else if (a instanceof Action.Disable d) {
      return profileOp(device(d).lpa().disable(iccid(d.iccid())), d.iccid());
    } else if (a instanceof Action.Delete d) {
      return profileOp(device(d).lpa().delete(iccid(d.iccid())), d.iccid());
    } else if (a instanceof Action.Nickname d) {
      return profileOp(device(d).lpa().setNickname(iccid(d.iccid()), d.nickname()), d.iccid());
    } else if (a instanceof Action.MemoryReset d) {
      return memoryReset(d);
    } else if (a instanceof Action.ProcessNotifications d) {
      return processNotifications(d);
    } else if (a instanceof Action.PowerCycle d) {
      return powerCycle(d);
    } else if (a instanceof Action.Es10 d) {
      return es10(d);
    } else if (a instanceof Action.AdvanceClock c) {
      if (!world.embedded()) {
        throw new StepFailure("advanceClock: a remote SM-DP+ keeps its own time");
      }
      return StepResult.ok("protocol time now " + world.clock.advance(c.by()), Map.of());
    }
    throw new IllegalStateException(a.key() + " runs in the engine, not as a leaf action");
  }

  // ----------------------------------------------------------------- ES2+ (operator)

  private RequestHeader header() {
    synchronized (this) {
      calls++;
      return new RequestHeader("rsp-harness", world.scenario.name() + "-" + calls);
    }
  }

  private <T> T call(String function, Object request, Class<T> type) {
    if (world.operator == null) {
      throw new StepFailure(
          function + ": no ES2+ access to this SM-DP+; give smdp.es2 {url, clientCert, clientKey}");
    }
    RspHttpResponse r;
    try {
      r = world.operator.call(function, JSON.write(request));
    } catch (RspHttpException e) {
      throw new StepFailure(function + ": " + e.getMessage());
    }
    if (r.status() != 200) {
      throw new StepFailure(
          function + ": HTTP " + r.status() + " " + abbreviate(Operator.text(r.body())));
    }
    try {
      return JSON.read(r.body(), type);
    } catch (CodecException e) {
      throw new StepFailure(function + ": malformed response: " + e.getMessage());
    }
  }

  private static StepResult fromHeader(
      String function, ResponseHeader h, Map<String, String> fields) {
    if (h.executed()) {
      return StepResult.ok(function + " executed", fields);
    }
    StatusCodeData d = h.functionExecutionStatus().statusCodeData();
    String code = d == null ? null : d.subjectCode() + "/" + d.reasonCode();
    return new StepResult(
        false,
        code,
        null,
        null,
        function + " failed" + (d == null ? "" : ": " + d.describe()),
        fields);
  }

  private StepResult downloadOrder(Action.DownloadOrder o) {
    DownloadOrderResponse r =
        call(
            "downloadOrder",
            new DownloadOrderRequest(
                header(),
                o.eid() == null ? null : Eid.of(o.eid()),
                o.iccid() == null ? null : iccid(o.iccid()),
                o.profileType()),
            DownloadOrderResponse.class);
    Map<String, String> f = new HashMap<>();
    if (r.iccid() != null) {
      f.put("iccid", r.iccid().value());
    }
    if (o.eid() != null) {
      f.put("eid", o.eid());
    }
    return fromHeader("downloadOrder", r.header(), f);
  }

  private StepResult confirmOrder(Action.ConfirmOrder o) {
    ConfirmOrderResponse r =
        call(
            "confirmOrder",
            new ConfirmOrderRequest(
                header(),
                iccid(o.iccid()),
                o.eid() == null ? null : Eid.of(o.eid()),
                o.matchingId() == null ? null : MatchingId.of(o.matchingId()),
                o.confirmationCode(),
                o.smdsAddress(),
                o.releaseFlag()),
            ConfirmOrderResponse.class);
    Map<String, String> f = new HashMap<>();
    f.put("iccid", o.iccid());
    if (r.eid() != null) {
      f.put("eid", r.eid().value());
    }
    String address = r.smdpAddress() != null ? r.smdpAddress().toString() : world.smdpAddress;
    f.put("smdpAddress", address);
    if (r.matchingId() != null) {
      f.put("matchingId", r.matchingId().value());
      f.put("activationCode", "1$" + address + "$" + r.matchingId().value());
    }
    return fromHeader("confirmOrder", r.header(), f);
  }

  private StepResult cancelOrder(Action.CancelOrder o) {
    CancelOrderResponse r =
        call(
            "cancelOrder",
            new CancelOrderRequest(
                header(),
                iccid(o.iccid()),
                o.eid() == null ? null : Eid.of(o.eid()),
                o.matchingId() == null ? null : MatchingId.of(o.matchingId()),
                o.finalProfileStatus() == Action.FinalStatus.AVAILABLE
                    ? FinalProfileStatusIndicator.AVAILABLE
                    : FinalProfileStatusIndicator.UNAVAILABLE),
            CancelOrderResponse.class);
    return fromHeader("cancelOrder", r.header(), Map.of("iccid", o.iccid()));
  }

  private StepResult releaseProfile(Action.ReleaseProfile o) {
    ReleaseProfileResponse r =
        call(
            "releaseProfile",
            new ReleaseProfileRequest(header(), iccid(o.iccid())),
            ReleaseProfileResponse.class);
    return fromHeader("releaseProfile", r.header(), Map.of("iccid", o.iccid()));
  }

  private StepResult waitForCallback(Action.WaitForCallback o) throws InterruptedException {
    if (!world.embedded()) {
      throw new StepFailure(
          "waitForCallback: callbacks are received from the embedded SM-DP+ only");
    }
    long end = System.nanoTime() + o.timeout().toNanos();
    while (true) {
      List<HandleDownloadProgressInfoRequest> all = world.callbacks.all();
      for (HandleDownloadProgressInfoRequest c : all) {
        if (c.iccid() != null
            && c.iccid().value().equals(o.iccid())
            && (o.notificationPointId() == null
                || o.notificationPointId().equals(c.notificationPointId()))) {
          return StepResult.ok(
              "callback at notification point " + c.notificationPointId(),
              Map.of("iccid", o.iccid()));
        }
      }
      long left = end - System.nanoTime();
      if (left <= 0) {
        return StepResult.failed(
            "no HandleDownloadProgressInfo for "
                + o.iccid()
                + (o.notificationPointId() == null
                    ? ""
                    : " at notification point " + o.notificationPointId())
                + " within "
                + o.timeout().toMillis()
                + " ms ("
                + all.size()
                + " callbacks received)");
      }
      world.callbacks.awaitChange(all.size(), Math.max(1, left / 1_000_000));
    }
  }

  // ----------------------------------------------------------------- devices

  private World.DeviceRuntime device(Action.Device d) {
    return world.devices.get(d.device());
  }

  private StepResult download(Action.Download d) {
    World.DeviceRuntime dev = device(d);
    DownloadResult r;
    String ac = d.activationCode();
    if (ac == null) {
      r = dev.lpa().downloadFromDefaultSmdp(d.confirmationCode(), consent(d));
    } else {
      ActivationCode code;
      try {
        code = ActivationCode.parse(ac);
      } catch (IllegalArgumentException | CodecException e) {
        throw new StepFailure("activationCode '" + ac + "': " + e.getMessage());
      }
      r = dev.lpa().download(code, d.confirmationCode(), consent(d));
    }
    if (dev.euicc() == null && r.installed() && r.iccid() != null) {
      world.readerInstalls.add(Map.entry(dev, r.iccid()));
    }
    Map<String, String> f = new HashMap<>();
    if (r.iccid() != null) {
      f.put("iccid", r.iccid().value());
    }
    if (r.transactionId() != null) {
      f.put("transactionId", r.transactionId().toString());
    }
    f.put("eid", dev.eid().value());
    if (ac != null) {
      f.put("activationCode", ac);
    }
    String status =
        r.statusCode() == null
            ? null
            : r.statusCode().subjectCode() + "/" + r.statusCode().reasonCode();
    return new StepResult(
        r.installed(), status, euiccResult(r.euiccError()), null, r.describe(), f);
  }

  /**
   * SGP.22 section 3.6.2: discovery at the SM-DS, then one download per event; succeeds when at
   * least one event was found and every one installed. Captures {@code eventIds} (comma-separated)
   * and the first installed {@code iccid}.
   */
  private StepResult discover(Action.Discover d) {
    World.DeviceRuntime dev = device(d);
    org.rspharness.lpa.DiscoveryResult r;
    try {
      r =
          dev.lpa()
              .discover(
                  d.smds() == null
                      ? null
                      : org.rspharness.core.ids.SmdpAddress.parseLenient(d.smds()),
                  ConsentHook.ACCEPT_ALL);
    } catch (IllegalArgumentException e) {
      throw new StepFailure("discover: smds '" + d.smds() + "': " + e.getMessage());
    }
    Map<String, String> f = new HashMap<>();
    f.put("eid", dev.eid().value());
    f.put("smds", r.smds());
    f.put("eventIds", String.join(",", r.events().stream().map(e -> e.eventId()).toList()));
    String status =
        r.statusCode() == null
            ? null
            : r.statusCode().subjectCode() + "/" + r.statusCode().reasonCode();
    String euicc = null;
    for (DownloadResult x : r.downloads()) {
      if (x.installed() && x.iccid() != null && !f.containsKey("iccid")) {
        f.put("iccid", x.iccid().value());
      }
      if (!x.installed() && status == null && x.statusCode() != null) {
        status = x.statusCode().subjectCode() + "/" + x.statusCode().reasonCode();
        euicc = euiccResult(x.euiccError());
      }
    }
    String message =
        r.message()
            + (r.ok() && r.events().isEmpty() ? " (nothing to download)" : "")
            + r.downloads().stream().map(x -> "; " + x.describe()).reduce("", String::concat);
    return new StepResult(r.installedAll(), status, euicc, null, message, f);
  }

  private static ConsentHook consent(Action.Download d) {
    return switch (d.consent()) {
      case ACCEPT -> ConsentHook.ACCEPT_ALL;
      case REJECT -> metadata -> org.rspharness.lpa.Consent.REJECT;
      case POSTPONE -> metadata -> org.rspharness.lpa.Consent.POSTPONE;
    };
  }

  /** The eUICC's result name from the LPA's description, e.g. {@code invalidSignature}. */
  private static String euiccResult(String euiccError) {
    if (euiccError == null) {
      return null;
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("([A-Za-z][A-Za-z0-9]*)\\(\\d+\\)").matcher(euiccError);
    return m.find() ? m.group(1) : null;
  }

  private StepResult profileOp(ProfileOperationResult r, String iccid) {
    String message = r.operation() + ": " + r.resultName() + "(" + r.resultCode() + ")";
    return new StepResult(
        r.ok(), null, r.ok() ? null : r.resultName(), null, message, Map.of("iccid", iccid));
  }

  private StepResult memoryReset(Action.MemoryReset d) {
    int options =
        (d.deleteOperationalProfiles() ? Es10Client.RESET_DELETE_OPERATIONAL_PROFILES : 0)
            | (d.deleteFieldLoadedTestProfiles() ? Es10Client.RESET_DELETE_TEST_PROFILES : 0)
            | (d.resetDefaultSmdpAddress() ? Es10Client.RESET_DEFAULT_SMDP_ADDRESS : 0);
    ProfileOperationResult r = device(d).lpa().memoryReset(options);
    return new StepResult(
        r.ok(),
        null,
        r.ok() ? null : r.resultName(),
        null,
        r.operation() + ": " + r.resultName(),
        Map.of());
  }

  private StepResult processNotifications(Action.ProcessNotifications d) {
    List<NotificationDelivery> done = device(d).lpa().processNotifications();
    long failed = done.stream().filter(n -> !n.delivered()).count();
    Map<String, String> f = new HashMap<>();
    if (!done.isEmpty()) {
      f.put("seqNumber", Long.toString(done.get(done.size() - 1).seqNumber()));
    }
    String message =
        done.size()
            + " notification(s), "
            + failed
            + " not delivered"
            + done.stream()
                .filter(n -> !n.delivered())
                .map(n -> "; " + n.seqNumber() + " " + n.operation() + ": " + n.error())
                .reduce("", String::concat);
    return new StepResult(failed == 0, null, null, null, message, f);
  }

  private StepResult powerCycle(Action.PowerCycle d) {
    World.DeviceRuntime dev = device(d);
    dev.card().reset();
    dev.es10().forgetChannel();
    return StepResult.ok("power cycled", Map.of());
  }

  private StepResult es10(Action.Es10 d) {
    World.DeviceRuntime dev = device(d);
    byte[] command;
    try {
      command = HexFormat.of().parseHex(d.command());
    } catch (IllegalArgumentException e) {
      throw new StepFailure("es10.command: '" + d.command() + "' is not hex");
    }
    try {
      byte[] response = dev.es10().transmit("es10", command);
      String hex = HexFormat.of().withUpperCase().formatHex(response);
      return new StepResult(
          true,
          null,
          null,
          "9000",
          "response " + abbreviate(hex),
          Map.of("response", hex, "sw", "9000"));
    } catch (Es10Exception e) {
      String sw = String.format("%04X", e.statusWord());
      return new StepResult(false, null, null, sw, e.getMessage(), Map.of("sw", sw));
    }
  }

  static Iccid iccid(String text) {
    try {
      return Iccid.of(text);
    } catch (IllegalArgumentException e) {
      throw new StepFailure("iccid '" + text + "': " + e.getMessage());
    }
  }

  private static String abbreviate(String s) {
    String t = s.replaceAll("\\s+", " ").strip();
    return t.length() > 200 ? t.substring(0, 200) + "..." : t;
  }
}

package org.rspharness.scenario.model;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Java DSL for scenarios: builds the same {@link Scenario} records as {@link ScenarioLoader},
 * checked by the same constructor.
 *
 * <pre>{@code
 * Scenario s = ScenarioBuilder.scenario("nominal-download-nist")
 *     .seed(42)
 *     .embeddedSmdp(Map.of("profiles", List.of(Map.of("iccid", "8900...", "profileType", "lab"))))
 *     .device(Device.of("phone"))
 *     .step(ScenarioBuilder.downloadOrder("8900...").named("order").capture("iccid", "iccid"))
 *     .step(ScenarioBuilder.download("phone", "1$smdp.example.com$${matchingId}"))
 *     .build();
 * }</pre>
 */
public final class ScenarioBuilder {

  private final String name;
  private String description;
  private long seed;
  private Smdp smdp;
  private Pki pki;
  private final List<Device> devices = new ArrayList<>();
  private final List<Step> steps = new ArrayList<>();
  private final List<Expectation> expect = new ArrayList<>();

  private ScenarioBuilder(String name) {
    this.name = name;
  }

  /** Starts a scenario. */
  public static ScenarioBuilder scenario(String name) {
    return new ScenarioBuilder(name);
  }

  /** One line saying what the scenario shows. */
  public ScenarioBuilder description(String d) {
    this.description = d;
    return this;
  }

  /** The seed of all randomness. */
  public ScenarioBuilder seed(long s) {
    this.seed = s;
    return this;
  }

  /** An embedded SM-DP+ with an inline inventory (smdp-sim's inventory format as a tree). */
  public ScenarioBuilder embeddedSmdp(Map<String, Object> inventory) {
    this.smdp = new Smdp.Embedded(new Smdp.InlineInventory(inventory));
    return this;
  }

  /** An embedded SM-DP+ with an inventory file. */
  public ScenarioBuilder embeddedSmdp(Path inventoryFile) {
    this.smdp = new Smdp.Embedded(new Smdp.InventoryFile(inventoryFile));
    return this;
  }

  /** A remote SM-DP+ ({@code es2} null when the scenario has no operator steps). */
  public ScenarioBuilder remoteSmdp(URI url, Smdp.Es2 es2) {
    this.smdp = new Smdp.Remote(url, es2);
    return this;
  }

  /** The PKI (default: generated from the scenario's seed). */
  public ScenarioBuilder pki(Pki p) {
    this.pki = p;
    return this;
  }

  /** Adds a device. */
  public ScenarioBuilder device(Device d) {
    devices.add(d);
    return this;
  }

  /** Adds a step. */
  public ScenarioBuilder step(Step s) {
    steps.add(s);
    return this;
  }

  /** Adds a step expecting success, nothing captured. */
  public ScenarioBuilder step(Action a) {
    return step(Step.of(a));
  }

  /** Adds a scenario-level expectation. */
  public ScenarioBuilder expect(Expectation e) {
    expect.add(e);
    return this;
  }

  /** The scenario, checked as a whole (IllegalArgumentException / ScenarioException). */
  public Scenario build() {
    return new Scenario(name, description, seed, new Topology(smdp, pki, devices), steps, expect);
  }

  // --- step shorthands -------------------------------------------------------------------------

  /** ES2+.DownloadOrder for an ICCID. */
  public static Step downloadOrder(String iccid) {
    return Step.of(new Action.DownloadOrder(null, iccid, null));
  }

  /** ES2+.ConfirmOrder with release. */
  public static Step confirmOrder(String iccid, String matchingId, String confirmationCode) {
    return Step.of(new Action.ConfirmOrder(iccid, null, matchingId, confirmationCode, null, true));
  }

  /** A download by activation code (null: from the default SM-DP+). */
  public static Step download(String device, String activationCode) {
    return Step.of(new Action.Download(device, activationCode, null));
  }

  /** A download by activation code answering the confirmation code prompt. */
  public static Step download(String device, String activationCode, String confirmationCode) {
    return Step.of(new Action.Download(device, activationCode, confirmationCode));
  }

  /** ES10c.EnableProfile. */
  public static Step enable(String device, String iccid) {
    return Step.of(new Action.Enable(device, iccid, false));
  }

  /** ES10c.DisableProfile. */
  public static Step disable(String device, String iccid) {
    return Step.of(new Action.Disable(device, iccid, false));
  }

  /** ES10c.DeleteProfile. */
  public static Step delete(String device, String iccid) {
    return Step.of(new Action.Delete(device, iccid));
  }

  /** Sends the pending notifications. */
  public static Step processNotifications(String device) {
    return Step.of(new Action.ProcessNotifications(device));
  }

  /** Waits for a HandleDownloadProgressInfo callback. */
  public static Step waitForCallback(String iccid, Integer point, Duration timeout) {
    return Step.of(new Action.WaitForCallback(iccid, point, timeout));
  }

  /** Runs branches at once. */
  public static Step parallel(Step... branches) {
    return Step.of(new Action.Parallel(List.of(branches)));
  }
}

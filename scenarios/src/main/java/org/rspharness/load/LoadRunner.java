package org.rspharness.load;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.fault.FaultPlan;
import org.rspharness.core.ids.ActivationCode;
import org.rspharness.core.message.StatusCodeData;
import org.rspharness.core.net.ClientTransport;
import org.rspharness.core.transport.NettyClientTransport;
import org.rspharness.euicc.Euicc;
import org.rspharness.euicc.config.EuiccConfig;
import org.rspharness.lpa.ConsentHook;
import org.rspharness.lpa.DownloadOutcome;
import org.rspharness.lpa.DownloadResult;
import org.rspharness.lpa.Lpa;
import org.rspharness.lpa.ProfileOperationResult;
import org.rspharness.lpa.es10.Es10Client;
import org.rspharness.lpa.es9.Es9PlusClient;
import org.rspharness.scenario.kpi.Kpis;
import org.rspharness.scenario.kpi.Percentiles;

/**
 * Drives many virtual devices against an SM-DP+: each activation takes an idle device, downloads a
 * profile with a fresh activation code (retrying up to {@link LoadConfig#attempts()} times with a
 * new order), optionally enables it, and reports each operation as a step (scenario {@value
 * #SCENARIO}, action {@code download}/{@code enable}, device = the device's name), so that {@link
 * Kpis#of} computes the run's KPIs from the events alone.
 *
 * <p>Devices are made when first used: their eUICC, EID and certificate come from {@link
 * EuiccFactory}. At most {@code concurrency} activations run at once (each on its own thread; a
 * device runs one at a time); during the ramp-up the limit grows evenly from 1. Each activation
 * uses its own ES9+ client (so its own TLS connection, as a real device would) on a shared pair of
 * I/O threads.
 *
 * <p>Events: the run's {@link EventLog} receives everything (write it to a file with a sink of your
 * own); the KPIs are computed as the events happen ({@link LoadKpis}), none is kept. The eUICCs do
 * not log (the LPA side logs every APDU once, with source {@code lpa/DEVICE}).
 */
public final class LoadRunner {

  /** The scenario name of every step of a load run. */
  public static final String SCENARIO = "load";

  private static final Lpa.Config LPA_DEFAULTS = Lpa.Config.defaults();

  private final LoadConfig config;
  private final LoadTarget target;
  private final EventLog events;
  private final LoadProgress progress;
  private final LoadKpis recorder;
  private final EuiccFactory factory;
  private final Device[] devices;
  private final int nameWidth;
  private final Function<String, FaultPlan> faults;
  private LoadDevices setup = LoadDevices.DEFAULT;

  private final AtomicLong started = new AtomicLong();
  private final AtomicLong succeeded = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final long[] recent = new long[1024];
  private long recentCount;
  private final Counter okCounter;
  private final Counter failCounter;
  private final Timer activationTimer;

  /**
   * A run of {@code config} against {@code target}; {@code events} gets every event (a fresh log:
   * the runner adds its own sink), {@code progress} a snapshot every second.
   */
  public LoadRunner(LoadConfig config, LoadTarget target, EventLog events, LoadProgress progress) {
    this(config, target, events, progress, name -> FaultPlan.none());
  }

  /**
   * The same with faults on the devices' side: {@code faults} gives each device (by name, when it
   * is made) its plan, which its eUICC (card layer) and its ES9+ clients (client network layer,
   * with the plan's network profile) apply.
   */
  public LoadRunner(
      LoadConfig config,
      LoadTarget target,
      EventLog events,
      LoadProgress progress,
      Function<String, FaultPlan> faults) {
    this.faults = faults;
    this.config = config;
    this.target = target;
    this.events = events;
    this.progress = progress;
    this.recorder = LoadKpis.attach(events, config.recordApdus());
    this.factory = new EuiccFactory(target.pki(), Set.of(config.curve()), config.seed());
    this.devices = new Device[config.devices()];
    this.nameWidth = Integer.toString(config.allDevices() - 1).length();
    MeterRegistry registry = target.registry();
    this.okCounter =
        Counter.builder("rsp.load.activations")
            .description("activations of the load run by outcome, as they finish")
            .tag("outcome", "success")
            .register(registry);
    this.failCounter =
        Counter.builder("rsp.load.activations")
            .description("activations of the load run by outcome, as they finish")
            .tag("outcome", "failure")
            .register(registry);
    this.activationTimer =
        Timer.builder("rsp.load.time.to.activate")
            .description("time to activate of the successful activations, as they finish")
            .publishPercentiles(0.5, 0.9, 0.95, 0.99)
            .publishPercentileHistogram()
            .register(registry);
  }

  /**
   * The LPA behaviour of every device and, optionally, a PC/SC reader whose card is the run's one
   * device; IllegalArgumentException when the run asks a reader for more than one device or
   * activation at a time.
   */
  public LoadRunner devices(LoadDevices d) {
    d.check(config);
    this.setup = d;
    return this;
  }

  /** What a run did. */
  public record Result(Kpis kpis, long activations, long succeeded, Duration elapsed) {}

  /** Runs to the end (count reached, or duration over and the running activations finished). */
  public Result run() throws InterruptedException {
    int c = config.concurrency();
    long rampNanos = config.rampUp().toNanos();
    Semaphore permits = new Semaphore(rampNanos > 0 ? 1 : c);
    BlockingQueue<Integer> idle = new ArrayBlockingQueue<>(config.devices());
    for (int i = 0; i < config.devices(); i++) {
      idle.add(i);
    }
    ExecutorService workers =
        Executors.newFixedThreadPool(
            Math.min(c, config.devices()), daemon("load-worker", new AtomicInteger()));
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(daemon("load-timer", new AtomicInteger()));
    ClientTransport io = NettyClientTransport.create(2);
    long t0 = System.nanoTime();
    if (rampNanos > 0 && c > 1) {
      for (int k = 1; k < c; k++) {
        timer.schedule(() -> permits.release(), rampNanos * k / (c - 1), TimeUnit.NANOSECONDS);
      }
    }
    long[] lastDone = {0};
    long[] lastAt = {t0};
    timer.scheduleAtFixedRate(() -> report(t0, lastDone, lastAt), 1, 1, TimeUnit.SECONDS);
    long deadline = config.duration() == null ? Long.MAX_VALUE : t0 + config.duration().toNanos();
    try {
      long launched = 0;
      while (config.duration() != null || launched < config.count()) {
        long left = deadline - System.nanoTime();
        if (left <= 0
            || !permits.tryAcquire(Math.min(left, 3_600_000_000_000L), TimeUnit.NANOSECONDS)) {
          break;
        }
        if (System.nanoTime() >= deadline) {
          permits.release();
          break;
        }
        Integer device = idle.take();
        ActivationCode first = target.nextActivationCode();
        if (first == null) {
          idle.add(device);
          permits.release();
          break; // the target has no order left
        }
        long job = launched++;
        started.incrementAndGet();
        inFlight.incrementAndGet();
        workers.execute(
            () -> {
              try {
                activate(device, job, first, io);
              } finally {
                inFlight.decrementAndGet();
                idle.add(device);
                permits.release();
              }
            });
      }
    } finally {
      workers.shutdown();
      workers.awaitTermination(1, TimeUnit.DAYS);
      timer.shutdownNow();
      io.close();
      if (readerCard != null) {
        readerCard.close();
      }
    }
    report(t0, lastDone, lastAt);
    Kpis kpis = recorder.finish();
    return new Result(
        kpis, started.get(), succeeded.get(), Duration.ofNanos(System.nanoTime() - t0));
  }

  private static java.util.concurrent.ThreadFactory daemon(String name, AtomicInteger n) {
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private void report(long t0, long[] lastDone, long[] lastAt) {
    long now = System.nanoTime();
    long done = succeeded.get() + failed.get();
    double perSecond = now == lastAt[0] ? 0 : (done - lastDone[0]) / ((now - lastAt[0]) / 1e9);
    lastDone[0] = done;
    lastAt[0] = now;
    progress.update(
        new LoadProgress.Snapshot(
            Duration.ofNanos(now - t0),
            started.get(),
            succeeded.get(),
            failed.get(),
            inFlight.get(),
            perSecond,
            recentP95()));
  }

  private synchronized void recordRecent(long nanos) {
    recent[(int) (recentCount++ % recent.length)] = nanos;
  }

  private synchronized long recentP95() {
    int n = (int) Math.min(recentCount, recent.length);
    if (n == 0) {
      return -1;
    }
    long[] copy = java.util.Arrays.copyOf(recent, n);
    return Percentiles.of(copy).p95();
  }

  /**
   * A virtual device: its card and ES10 client, made on first use. The card is a software eUICC or
   * the card in the run's reader. Each activation starts from the software eUICC as it left the
   * factory (its identity kept, no profile), so a long run does not pile profiles up on a few
   * eUICCs; a reader's card is kept (its profiles are deleted after each activation instead).
   */
  private static final class Device {
    final String name;
    final org.rspharness.euicc.config.EuiccIdentity identity;
    final Euicc euicc;
    final org.rspharness.euicc.card.Card card;
    final Es10Client es10;
    final FaultPlan faults;

    Device(
        String name,
        org.rspharness.euicc.config.EuiccIdentity identity,
        Euicc euicc,
        org.rspharness.euicc.card.Card card,
        Es10Client es10,
        FaultPlan faults) {
      this.name = name;
      this.identity = identity;
      this.euicc = euicc;
      this.card = card;
      this.es10 = es10;
      this.faults = faults;
    }
  }

  private Device device(int index) {
    // only the job holding this index touches its slot; the pool hand-over publishes it
    Device d = devices[index];
    if (d == null || (d.euicc != null && !d.euicc.state().profiles().isEmpty())) {
      int global = config.firstDevice() + index;
      String name =
          d != null
              ? d.name
              : "dev" + "0".repeat(nameWidth - Integer.toString(global).length()) + global;
      FaultPlan plan = d != null ? d.faults : faults.apply(name);
      org.rspharness.euicc.config.EuiccIdentity identity = null;
      Euicc euicc = null;
      org.rspharness.euicc.card.Card card;
      if (setup.reader() != null) {
        card = openReader(setup.reader());
      } else {
        identity = d != null ? d.identity : factory.identity(global);
        euicc =
            Euicc.builder(identity)
                .config(EuiccConfig.defaults().withCurves(Set.of(config.curve())))
                .faults(plan)
                .strict(setup.strict())
                .build();
        card = euicc;
      }
      Es10Client es10 =
          new Es10Client(
              card,
              events,
              setup.lpa().es10Options("lpa/" + name).withRecordData(config.recordApdus()));
      d = new Device(name, identity, euicc, card, es10, plan);
      devices[index] = d;
    }
    return d;
  }

  /** The card in PC/SC reader {@code name}; closed when the run ends. */
  private org.rspharness.euicc.card.Card openReader(String name) {
    try {
      org.rspharness.euicc.transport.pcsc.PcscCard c =
          org.rspharness.euicc.transport.pcsc.PcscCard.open(name);
      readerCard = c;
      return c;
    } catch (javax.smartcardio.CardException e) {
      throw new IllegalStateException("reader '" + name + "': " + e.getMessage(), e);
    }
  }

  private volatile org.rspharness.euicc.transport.pcsc.PcscCard readerCard;

  private void activate(int index, long job, ActivationCode first, ClientTransport io) {
    long t = System.nanoTime();
    Device d;
    try {
      d = device(index);
    } catch (RuntimeException e) {
      // e.g. the EUM cannot issue: the activation fails without a step, and says why
      events.emit("load", new EventPayload.Note("device " + index + " cannot be made: " + e));
      failed.incrementAndGet();
      failCounter.increment();
      return;
    }
    Es9PlusClient.Config base =
        Es9PlusClient.Config.defaults(target.trustedCis()).withResolve(target.resolve());
    Es9PlusClient.Config es9Config =
        setup
            .lpa()
            .es9Config(
                new Es9PlusClient.Config(
                    base.ciCertificates(),
                    base.resolve(),
                    base.adminProtocol(),
                    base.userAgent(),
                    base.connectTimeout(),
                    base.responseTimeout(),
                    clientTls(base.tls()),
                    "lpa-es9/" + d.name,
                    d.faults));
    boolean ok = false;
    Lpa used = null;
    org.rspharness.core.ids.Iccid installed = null;
    String activation = "activation " + d.name + " #" + job;
    events.emit(
        "lpa/" + d.name,
        new EventPayload.StepStarted(SCENARIO, activation, Kpis.ACTIVATION, d.name));
    // closed after the activation, and after a reader card's clean-up, which sends notifications
    Es9PlusClient es9 =
        new Es9PlusClient(
                es9Config,
                events,
                io,
                new org.rspharness.core.event.Deviations(
                    events, es9Config.eventSource(), setup.strict()))
            .connectionPerCall(setup.lpa().connectionPerCall());
    try {
      Lpa lpa =
          new Lpa(
              d.es10,
              config.binding().equals("asn1") ? es9.asn1() : es9,
              events,
              new Lpa.Config(
                  LPA_DEFAULTS.deviceInfo(),
                  LPA_DEFAULTS.refreshFlag(),
                  LPA_DEFAULTS.notificationAttempts(),
                  LPA_DEFAULTS.checkRat(),
                  "lpa/" + d.name));
      lpa.behaviour(setup.lpa());
      lpa.strict(setup.strict());
      ActivationCode code = first;
      DownloadResult result = null;
      for (int attempt = 1; attempt <= config.attempts() && code != null; attempt++) {
        String step = "download " + d.name + " #" + job + "." + attempt;
        events.emit(
            "lpa/" + d.name, new EventPayload.StepStarted(SCENARIO, step, Kpis.DOWNLOAD, d.name));
        try {
          result = lpa.download(code, null, ConsentHook.ACCEPT_ALL);
        } catch (RuntimeException e) {
          result =
              new DownloadResult(
                  DownloadOutcome.FAILED, null, null, null, null, null, null, false, e.toString());
        }
        events.emit(
            "lpa/" + d.name,
            new EventPayload.StepFinished(
                SCENARIO, step, result.installed(), code(result.statusCode()), result.describe()));
        if (result.installed()) {
          break;
        }
        code = attempt < config.attempts() ? target.nextActivationCode() : null;
      }
      if (result != null && result.installed()) {
        ok = !config.enable() || enable(lpa, d, job, result);
        used = lpa;
        installed = result.iccid();
      }
    } catch (RuntimeException e) {
      events.emit("lpa/" + d.name, new EventPayload.Note("activation " + job + " broke: " + e));
    }
    events.emit(
        "lpa/" + d.name,
        new EventPayload.StepFinished(
            SCENARIO, activation, ok, null, ok ? "activated" : "gave up", null));
    long nanos = System.nanoTime() - t;
    if (setup.reader() != null && installed != null) {
      makeRoom(used, d, installed);
    }
    es9.close();
    if (ok) {
      succeeded.incrementAndGet();
      okCounter.increment();
      activationTimer.record(nanos, TimeUnit.NANOSECONDS);
      recordRecent(nanos);
    } else {
      failed.incrementAndGet();
      failCounter.increment();
    }
  }

  /**
   * The devices' TLS: on NIST P-256, BoringSSL (as Android devices have it) when it loads, with
   * secp256r1 as its only group; brainpool needs Bouncy Castle's JSSE.
   */
  private org.rspharness.core.transport.tls.TlsOptions clientTls(
      org.rspharness.core.transport.tls.TlsOptions options) {
    return config.curve() == org.rspharness.core.crypto.Curve.NIST_P256
            && org.rspharness.core.transport.tls.TlsContexts.boringSslAvailable()
        ? options.withEngine(org.rspharness.core.transport.tls.TlsEngine.BORINGSSL)
        : options;
  }

  /**
   * A card in a reader has room for few profiles: the profile an activation installed is deleted
   * after it (outside the activation's time, its notifications sent), so that the next activation
   * finds room.
   */
  private void makeRoom(Lpa lpa, Device d, org.rspharness.core.ids.Iccid iccid) {
    try {
      lpa.disable(iccid);
      ProfileOperationResult r = lpa.delete(iccid);
      events.emit(
          "lpa/" + d.name,
          new EventPayload.Note(
              "reader card: "
                  + iccid.value()
                  + " deleted after its activation: "
                  + r.resultName()));
    } catch (RuntimeException e) {
      events.emit(
          "lpa/" + d.name,
          new EventPayload.Note("reader card: " + iccid.value() + " not deleted: " + e));
    }
  }

  private boolean enable(Lpa lpa, Device d, long job, DownloadResult downloaded) {
    String step = "enable " + d.name + " #" + job;
    events.emit("lpa/" + d.name, new EventPayload.StepStarted(SCENARIO, step, Kpis.ENABLE, d.name));
    ProfileOperationResult r;
    try {
      r = lpa.enable(downloaded.iccid());
    } catch (RuntimeException e) {
      events.emit(
          "lpa/" + d.name,
          new EventPayload.StepFinished(SCENARIO, step, false, null, e.toString()));
      return false;
    }
    events.emit(
        "lpa/" + d.name,
        new EventPayload.StepFinished(
            SCENARIO,
            step,
            r.ok(),
            null,
            r.operation() + ": " + r.resultName() + " (" + r.resultCode() + ")"));
    return r.ok();
  }

  private static String code(StatusCodeData s) {
    return s == null ? null : s.subjectCode() + "/" + s.reasonCode();
  }

  /** The devices made so far (a device is made when it first runs). */
  int devicesMade() {
    int n = 0;
    for (Device d : devices) {
      if (d != null) {
        n++;
      }
    }
    return n;
  }
}

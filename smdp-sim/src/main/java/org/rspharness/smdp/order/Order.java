package org.rspharness.smdp.order;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.MatchingId;
import org.rspharness.smdp.bpp.BoundPackage;
import org.rspharness.smdp.function.FunctionFailure;

/**
 * One profile of the SM-DP+ and its download order (SGP.22 section 3.1.1): identity, state, binding
 * to an EID, matchingId, confirmation code, limits, expiry, metadata and the bound package kept for
 * retries.
 *
 * <p>Thread-safety: every read or change of mutable state happens under {@link #lock()}; the
 * services hold it for the whole of a check-then-act (e.g. "is it Released? then bind"), so two
 * sessions racing for one order see consistent state. Orders never lock each other.
 */
public final class Order {

  private final Iccid iccid;
  private final String profileType;
  private final boolean reusable;
  private final Set<Integer> pprs;
  private final OrderMetadata metadata;
  private volatile boolean defaultSmdp;
  private final Supplier<byte[]> profilePackage;
  private final int maxDownloadAttempts;
  private final int maxCcAttempts;
  private final ReentrantLock lock = new ReentrantLock();

  private volatile ProfileState state;
  private volatile Eid eid;
  private MatchingId matchingId;
  private String confirmationCode;
  private int ccAttemptsLeft;
  private int downloadAttemptsLeft;
  private Instant expiry;
  private String smdsEventId;
  private String smdsAddress;
  private BoundPackage binding;

  /** Builds an order; see {@link Builder}. */
  private Order(Builder b) {
    this.iccid = Objects.requireNonNull(b.iccid, "iccid");
    this.profileType = Objects.requireNonNull(b.profileType, "profileType");
    this.reusable = b.reusable;
    this.pprs = Set.copyOf(b.pprs);
    this.metadata = Objects.requireNonNull(b.metadata, "metadata");
    this.defaultSmdp = b.defaultSmdp;
    this.profilePackage = Objects.requireNonNull(b.profilePackage, "profilePackage");
    this.maxDownloadAttempts = b.maxDownloadAttempts;
    this.maxCcAttempts = b.maxCcAttempts;
    this.state = b.state;
    this.eid = b.eid;
    this.matchingId = b.matchingId;
    this.confirmationCode = b.confirmationCode;
    this.ccAttemptsLeft = b.maxCcAttempts;
    this.downloadAttemptsLeft = b.maxDownloadAttempts - b.downloadAttemptsUsed;
    this.expiry = b.expiry;
    this.smdsEventId = b.smdsEventId;
    for (int p : pprs) {
      if (p < 0 || p > 2) {
        throw new IllegalArgumentException("pprs: " + p + " is not a PPR bit (0 to 2)");
      }
    }
    if (maxDownloadAttempts < 1 || maxCcAttempts < 1) {
      throw new IllegalArgumentException("maximum attempts must be at least 1");
    }
    if (b.downloadAttemptsUsed < 0 || b.downloadAttemptsUsed > maxDownloadAttempts) {
      throw new IllegalArgumentException(
          "downloadAttemptsUsed: "
              + b.downloadAttemptsUsed
              + " is not between 0 and maxDownloadAttempts ("
              + maxDownloadAttempts
              + ")");
    }
  }

  public static Builder builder(Iccid iccid, String profileType) {
    return new Builder(iccid, profileType);
  }

  /** The order's lock; hold it around every check-then-act. */
  public ReentrantLock lock() {
    return lock;
  }

  /** Runs {@code action} under the lock. */
  public <T> T locked(Supplier<T> action) {
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  /**
   * SGP.22 section 3.1.1: applies {@code event} by the transition table, emits a StateTransition
   * event, and throws the table's status code when the move is illegal. Caller holds the lock.
   */
  public ProfileState apply(OrderEvent event, String cause, EventLog events) {
    requireLocked();
    ProfileState from = state;
    ProfileState to =
        TransitionTable.target(event, from)
            .orElseThrow(
                () ->
                    new FunctionFailure(
                        TransitionTable.illegalCode(event),
                        iccid.value(),
                        "profile "
                            + iccid.value()
                            + " is "
                            + from
                            + ": "
                            + event
                            + " not allowed"));
    state = to;
    if (to == ProfileState.INSTALLED) {
      // nothing downloads it again unless reused (which rebinds): the package and the bound
      // package (tens of KB with a TS.48 profile) need not stay on the heap for the order's life
      binding = null;
      if (profilePackage instanceof Memo m) {
        m.release();
      }
    }
    OrderChanges.transition(
        iccid.value(), from.specName(), to.specName(), cause, System.currentTimeMillis());
    events.emit(
        "smdp",
        new EventPayload.StateTransition(
            "order", iccid.value(), from.specName(), to.specName(), cause));
    return to;
  }

  private void requireLocked() {
    if (!lock.isHeldByCurrentThread()) {
      throw new IllegalStateException("order " + iccid + " changed without its lock");
    }
    OrderChanges.touched(this);
  }

  /**
   * The mutable part of an order, as the state store keeps it (the rest comes from the inventory).
   */
  public record State(
      ProfileState state,
      Eid eid,
      MatchingId matchingId,
      String confirmationCode,
      int ccAttemptsLeft,
      int downloadAttemptsLeft,
      Instant expiry,
      String smdsEventId,
      String smdsAddress,
      boolean defaultSmdp,
      BoundPackage binding) {}

  /** The order's mutable state now (caller holds the lock). */
  public State snapshot() {
    if (!lock.isHeldByCurrentThread()) {
      throw new IllegalStateException("order " + iccid + " read without its lock");
    }
    return new State(
        state,
        eid,
        matchingId,
        confirmationCode,
        ccAttemptsLeft,
        downloadAttemptsLeft,
        expiry,
        smdsEventId,
        smdsAddress,
        defaultSmdp,
        binding);
  }

  /** Puts back a stored state (at start, before serving; tokens: {@link OrderStore#restore}). */
  void restore(State s) {
    state = s.state();
    eid = s.eid();
    matchingId = s.matchingId();
    confirmationCode = s.confirmationCode();
    ccAttemptsLeft = s.ccAttemptsLeft();
    downloadAttemptsLeft = s.downloadAttemptsLeft();
    expiry = s.expiry();
    smdsEventId = s.smdsEventId();
    smdsAddress = s.smdsAddress();
    defaultSmdp = s.defaultSmdp();
    binding = s.binding();
  }

  public Iccid iccid() {
    return iccid;
  }

  public String profileType() {
    return profileType;
  }

  public boolean reusable() {
    return reusable;
  }

  /** PPR bits set in the profile (1 = ppr1, 2 = ppr2; 0 = pprUpdateControl). */
  public Set<Integer> pprs() {
    return pprs;
  }

  public OrderMetadata metadata() {
    return metadata;
  }

  /** Whether the profile is offered through the default SM-DP+ address to its EID. */
  public boolean defaultSmdp() {
    return defaultSmdp;
  }

  /** Offers the profile through the default SM-DP+ address (ConfirmOrder with EID, no token). */
  public void defaultSmdp(boolean offered) {
    requireLocked();
    this.defaultSmdp = offered;
  }

  /** The personalised unprotected profile package (computed once). */
  public byte[] profilePackage() {
    return profilePackage.get();
  }

  public int maxDownloadAttempts() {
    return maxDownloadAttempts;
  }

  public int maxCcAttempts() {
    return maxCcAttempts;
  }

  public ProfileState state() {
    return state;
  }

  public Eid eid() {
    return eid;
  }

  public void eid(Eid eid) {
    requireLocked();
    this.eid = eid;
  }

  public MatchingId matchingId() {
    return matchingId;
  }

  void matchingId(MatchingId matchingId) {
    requireLocked();
    this.matchingId = matchingId;
  }

  public String confirmationCode() {
    return confirmationCode;
  }

  public void confirmationCode(String code) {
    requireLocked();
    this.confirmationCode = code;
    this.ccAttemptsLeft = maxCcAttempts;
  }

  public int ccAttemptsLeft() {
    return ccAttemptsLeft;
  }

  /** Counts a wrong confirmation code; returns the attempts left. */
  public int ccFailed() {
    requireLocked();
    return ccAttemptsLeft = Math.max(0, ccAttemptsLeft - 1);
  }

  public int downloadAttemptsLeft() {
    return downloadAttemptsLeft;
  }

  /** Counts a download attempt; returns the attempts left. */
  public int downloadAttempted() {
    requireLocked();
    return downloadAttemptsLeft = Math.max(0, downloadAttemptsLeft - 1);
  }

  public Instant expiry() {
    return expiry;
  }

  public void expiry(Instant expiry) {
    requireLocked();
    this.expiry = expiry;
  }

  /** Whether the order has expired at {@code now}. */
  public boolean expiredAt(Instant now) {
    return expiry != null && !now.isBefore(expiry);
  }

  public String smdsEventId() {
    return smdsEventId;
  }

  void smdsEventId(String id) {
    requireLocked();
    this.smdsEventId = id;
  }

  public String smdsAddress() {
    return smdsAddress;
  }

  public void smdsAddress(String address) {
    requireLocked();
    this.smdsAddress = address;
  }

  /** The bound package of the last binding (SGP.22 5.6.2: kept for a retry with the same otPK). */
  public BoundPackage binding() {
    return binding;
  }

  public void binding(BoundPackage binding) {
    requireLocked();
    this.binding = binding;
  }

  /** Resets a reusable order's counters and binding for the next download. */
  void resetForReuse() {
    requireLocked();
    binding = null;
    downloadAttemptsLeft = maxDownloadAttempts;
    ccAttemptsLeft = maxCcAttempts;
  }

  @Override
  public String toString() {
    return "Order[" + iccid.value() + ", " + profileType + ", " + state + "]";
  }

  /** Builds orders (inventory and tests). */
  public static final class Builder {
    private final Iccid iccid;
    private final String profileType;
    private ProfileState state = ProfileState.AVAILABLE;
    private Eid eid;
    private MatchingId matchingId;
    private String confirmationCode;
    private int maxCcAttempts = 3;
    private int maxDownloadAttempts = 5;
    private int downloadAttemptsUsed;
    private Instant expiry;
    private boolean reusable;
    private Set<Integer> pprs = Set.of();
    private OrderMetadata metadata = OrderMetadata.of("RSP Harness", "Test profile");
    private String smdsEventId;
    private boolean defaultSmdp;
    private Supplier<byte[]> profilePackage;

    private Builder(Iccid iccid, String profileType) {
      this.iccid = iccid;
      this.profileType = profileType;
    }

    public Builder state(ProfileState v) {
      state = v;
      return this;
    }

    public Builder eid(Eid v) {
      eid = v;
      return this;
    }

    public Builder matchingId(MatchingId v) {
      matchingId = v;
      return this;
    }

    public Builder confirmationCode(String v) {
      confirmationCode = v;
      return this;
    }

    public Builder maxCcAttempts(int v) {
      maxCcAttempts = v;
      return this;
    }

    public Builder maxDownloadAttempts(int v) {
      maxDownloadAttempts = v;
      return this;
    }

    /** Download attempts already used (an order whose retries are exhausted: all of them). */
    public Builder downloadAttemptsUsed(int v) {
      downloadAttemptsUsed = v;
      return this;
    }

    public Builder expiry(Instant v) {
      expiry = v;
      return this;
    }

    public Builder reusable(boolean v) {
      reusable = v;
      return this;
    }

    public Builder pprs(Set<Integer> v) {
      pprs = v;
      return this;
    }

    public Builder metadata(OrderMetadata v) {
      metadata = v;
      return this;
    }

    public Builder smdsEventId(String v) {
      smdsEventId = v;
      return this;
    }

    public Builder defaultSmdp(boolean v) {
      defaultSmdp = v;
      return this;
    }

    /** The personalised package, computed at most once on first use. */
    public Builder profilePackage(Supplier<byte[]> v) {
      profilePackage = memoize(v);
      return this;
    }

    public Order build() {
      return new Order(this);
    }

    private static Supplier<byte[]> memoize(Supplier<byte[]> s) {
      return new Memo(s);
    }
  }

  /** A package computed at most once until released (then again on the next use). */
  private static final class Memo implements Supplier<byte[]> {
    private final Supplier<byte[]> source;
    private volatile byte[] value;

    Memo(Supplier<byte[]> source) {
      this.source = source;
    }

    @Override
    public byte[] get() {
      byte[] v = value;
      if (v == null) {
        synchronized (this) {
          if (value == null) {
            value = source.get();
          }
          v = value;
        }
      }
      return v;
    }

    void release() {
      value = null;
    }
  }
}

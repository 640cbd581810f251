package org.rspharness.smdp.session;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import org.rspharness.asn1.rsp.EUICCInfo2;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.crypto.EcPublicKey;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.ids.TransactionId;
import org.rspharness.smdp.bpp.BoundPackage;
import org.rspharness.smdp.order.Order;

/**
 * One RSP session of the SM-DP+ (SGP.22 section 3.1.2 / 3.1.3): what InitiateAuthentication chose
 * and what the eUICC proved since. Mutable; callers hold {@link #lock()} while they
 * read-check-write it, so a retried request racing with the original sees one consistent session.
 */
public final class RspSession {

  /** How far the session has come. */
  public enum Phase {
    /** InitiateAuthentication answered. */
    INITIATED,
    /** AuthenticateClient answered: eUICC authenticated, order chosen. */
    AUTHENTICATED,
    /** GetBoundProfilePackage answered at least once. */
    BOUND
  }

  private final TransactionId transactionId;
  private final byte[] serverChallenge;
  private final byte[] euiccChallenge;
  private final byte[] ciPkId;
  private final Curve curve;
  private final String serverAddress;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile Instant expiry;

  private Phase phase = Phase.INITIATED;
  private X509Certificate euiccCertificate;
  private X509Certificate eumCertificate;
  private Eid eid;
  private EUICCInfo2 euiccInfo2;
  private byte[] euiccSignature1Tlv;
  private byte[] smdpSignature2Tlv;
  private byte[] storeMetadata;
  private boolean ccRequired;
  private Order order;
  private EcPublicKey otPkEuicc;
  private BoundPackage binding;

  public RspSession(
      TransactionId transactionId,
      byte[] serverChallenge,
      byte[] euiccChallenge,
      byte[] ciPkId,
      Curve curve,
      String serverAddress,
      Instant expiry) {
    this.transactionId = transactionId;
    this.serverChallenge = serverChallenge.clone();
    this.euiccChallenge = euiccChallenge.clone();
    this.ciPkId = ciPkId.clone();
    this.curve = curve;
    this.serverAddress = serverAddress;
    this.expiry = expiry;
  }

  public ReentrantLock lock() {
    return lock;
  }

  public TransactionId transactionId() {
    return transactionId;
  }

  public byte[] serverChallenge() {
    return serverChallenge.clone();
  }

  public byte[] euiccChallenge() {
    return euiccChallenge.clone();
  }

  /** The SubjectKeyIdentifier (20 bytes) of the CI chosen in InitiateAuthentication. */
  public byte[] ciPkId() {
    return ciPkId.clone();
  }

  /** The curve of that CI, hence of DPauth, DPpb and the one-time keys. */
  public Curve curve() {
    return curve;
  }

  /** The SM-DP+ address put in serverSigned1. */
  public String serverAddress() {
    return serverAddress;
  }

  public Instant expiry() {
    return expiry;
  }

  public void expiry(Instant expiry) {
    this.expiry = expiry;
    SessionChanges.touched(this);
  }

  public Phase phase() {
    return phase;
  }

  public void phase(Phase phase) {
    this.phase = phase;
    SessionChanges.touched(this);
  }

  public X509Certificate euiccCertificate() {
    return euiccCertificate;
  }

  public X509Certificate eumCertificate() {
    return eumCertificate;
  }

  /** Records the authenticated eUICC (AuthenticateClient). */
  public void authenticated(
      X509Certificate euicc, X509Certificate eum, Eid eid, EUICCInfo2 info2, byte[] sig1Tlv) {
    this.euiccCertificate = euicc;
    SessionChanges.touched(this);
    this.eumCertificate = eum;
    this.eid = eid;
    this.euiccInfo2 = info2;
    this.euiccSignature1Tlv = sig1Tlv.clone();
  }

  public Eid eid() {
    return eid;
  }

  public EUICCInfo2 euiccInfo2() {
    return euiccInfo2;
  }

  /** The 5F37 TLV of euiccSignature1 as received (smdpSignature2 covers it). */
  public byte[] euiccSignature1Tlv() {
    return euiccSignature1Tlv == null ? null : euiccSignature1Tlv.clone();
  }

  /** The 5F37 TLV of smdpSignature2 as sent (euiccSignature2 covers it). */
  public byte[] smdpSignature2Tlv() {
    return smdpSignature2Tlv == null ? null : smdpSignature2Tlv.clone();
  }

  public void smdpSignature2Tlv(byte[] tlv) {
    this.smdpSignature2Tlv = tlv.clone();
    SessionChanges.touched(this);
  }

  /** The StoreMetadataRequest (BF25) sent in authenticateClient; the BPP carries it. */
  public byte[] storeMetadata() {
    return storeMetadata == null ? null : storeMetadata.clone();
  }

  public void storeMetadata(byte[] storeMetadata) {
    this.storeMetadata = storeMetadata.clone();
    SessionChanges.touched(this);
  }

  public boolean ccRequired() {
    return ccRequired;
  }

  public void ccRequired(boolean ccRequired) {
    this.ccRequired = ccRequired;
    SessionChanges.touched(this);
  }

  public Order order() {
    return order;
  }

  public void order(Order order) {
    this.order = order;
    SessionChanges.touched(this);
  }

  public EcPublicKey otPkEuicc() {
    return otPkEuicc;
  }

  public BoundPackage binding() {
    return binding;
  }

  public void binding(BoundPackage binding) {
    this.binding = binding;
    SessionChanges.touched(this);
    this.otPkEuicc = binding == null ? null : binding.otPkEuicc();
  }
}

package org.rspharness.core.fault;

/**
 * One rule of a fault plan: at which layer, for which function or ES10 command, at which of its
 * occurrences, at which point (and, on the card, at which APDU of the command) which fault happens.
 *
 * @param layer where the rule applies
 * @param target the ES9+/ES2+ function name (e.g. {@code authenticateClient}) or, on the card, the
 *     ES10 command name (e.g. {@code LoadBoundProfilePackage}); {@code *} for any
 * @param occurrence which occurrence of {@code target} on this layer, from 1; 0 for every one
 * @param point the point within the exchange
 * @param apdu on the card, the APDU index within the command, from 0; -1 for any APDU
 * @param fault what happens
 */
public record FaultRule(
    Layer layer, String target, int occurrence, FaultPoint point, int apdu, Fault fault) {

  /** Any target. */
  public static final String ANY = "*";

  /** Refuses a rule that cannot happen: a point of another layer, or a fault not at its point. */
  public FaultRule {
    if (layer == null) {
      throw new IllegalArgumentException("layer: missing");
    }
    if (target == null || target.isBlank()) {
      throw new IllegalArgumentException("target: missing; expected a function name or '*'");
    }
    if (occurrence < 0) {
      throw new IllegalArgumentException("occurrence: expected 1 or more (0 for every one)");
    }
    if (point == null) {
      throw new IllegalArgumentException("point: missing");
    }
    if (fault == null) {
      throw new IllegalArgumentException("fault: missing");
    }
    if (!point.belongsTo(layer)) {
      throw new IllegalArgumentException(
          "point: "
              + point.fileName()
              + " is not a point of the "
              + layer.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
              + " layer");
    }
    if (!fault.points().contains(point)) {
      throw new IllegalArgumentException(
          "fault: "
              + fault.name()
              + " cannot happen at "
              + point.fileName()
              + "; it can at "
              + fault.points().stream().map(FaultPoint::fileName).sorted().toList());
    }
    if (apdu < -1) {
      throw new IllegalArgumentException("apdu: expected 0 or more (or -1 for any)");
    }
    if (apdu >= 0 && layer != Layer.CARD) {
      throw new IllegalArgumentException("apdu: only card rules name an APDU");
    }
  }

  /** True when this rule applies to {@code target} at this occurrence, point and APDU. */
  public boolean matches(String target, int occurrence, FaultPoint point, int apdu) {
    return (this.target.equals(ANY) || this.target.equalsIgnoreCase(target))
        && (this.occurrence == 0 || this.occurrence == occurrence)
        && this.point == point
        && (this.apdu < 0 || this.apdu == apdu);
  }
}

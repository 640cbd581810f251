package org.rspharness.smds.es12;

import org.rspharness.core.es12.DeleteEventRequest;
import org.rspharness.core.es12.Es12Response;
import org.rspharness.core.es12.RegisterEventRequest;
import org.rspharness.core.ids.SmdpAddress;

/**
 * SGP.22 section 5.9: the two ES12 functions as an SM-DP+ (or, for ES15, an alternative SM-DS)
 * calls them. {@link Es12Client} does them over HTTPS with mutual TLS; tests may call an {@link
 * Es12Service} in memory. A function failure comes back in the response header; an SM-DS that
 * cannot be reached is an {@link SmdsUnreachableException}.
 */
public interface Es12 {

  /** SGP.22 section 5.9.1 ES12.RegisterEvent at the SM-DS {@code smds}. */
  Es12Response registerEvent(SmdpAddress smds, RegisterEventRequest request)
      throws SmdsUnreachableException;

  /** SGP.22 section 5.9.2 ES12.DeleteEvent at the SM-DS {@code smds}. */
  Es12Response deleteEvent(SmdpAddress smds, DeleteEventRequest request)
      throws SmdsUnreachableException;
}

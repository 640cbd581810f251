/** Typed ES10a/b/c calls to the ISD-R over a card, framed at APDU level as deployed LPAs do. */
package org.rspharness.lpa.es10;

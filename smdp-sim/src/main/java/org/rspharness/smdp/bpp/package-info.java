/**
 * Bound profile package construction (ES8+ through the SM-DP+): session keys, BSP segments,
 * personalisation.
 */
package org.rspharness.smdp.bpp;

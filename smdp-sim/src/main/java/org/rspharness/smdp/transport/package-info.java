/** The SM-DP+ network edge: ES9+ and ES2+ over HTTPS, metrics, and the Prometheus scrape port. */
package org.rspharness.smdp.transport;

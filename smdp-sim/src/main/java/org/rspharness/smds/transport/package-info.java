/** The SM-DS on the network: ES11 over TLS and ES12 over mutual TLS with the DStls certificate. */
package org.rspharness.smds.transport;

/**
 * Test PKI in the GSMA SGP.26 shape: certificate builder, bad variants, CRLs, directory writer and
 * loader, and the credential source the simulators use.
 */
package org.rspharness.certs;

/**
 * Test PKI in the GSMA SGP.26 shape: certificate builder, bad variants, CRLs, directory writer and
 * loader.
 */
package org.rspharness.certs;

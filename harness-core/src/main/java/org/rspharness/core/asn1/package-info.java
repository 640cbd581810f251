/**
 * Strict decoding/encoding of the asn1bean-generated SGP.22, PKIX and SAIP types, and access to
 * signed sub-structures exactly as received.
 */
package org.rspharness.core.asn1;

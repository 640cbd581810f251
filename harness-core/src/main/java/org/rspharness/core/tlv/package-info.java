/** BER-TLV reading and writing over byte arrays, for ES10 APDU payloads, BPP segments and DER checks. */
package org.rspharness.core.tlv;

/** BER-TLV reading and building over byte arrays (ES10 APDU payloads, BPP segments, DER checks). */
package org.rspharness.core.tlv;

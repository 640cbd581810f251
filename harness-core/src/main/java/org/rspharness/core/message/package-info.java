/**
 * The structure shared by the ES2+ and ES9+ JSON messages (SGP.22 section 6.5.1) and their
 * strict/lenient JSON codec.
 */
package org.rspharness.core.message;

/** The injectable randomness source behind every challenge, id, one-time key and serial number. */
package org.rspharness.core.random;

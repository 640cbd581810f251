/** Shared codec failure type and encoding helpers used by every wire format of the harness. */
package org.rspharness.core.codec;

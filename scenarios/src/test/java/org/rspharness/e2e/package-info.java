/** End-to-end tests: the real SM-DP+, software eUICC and LPA together over loopback TLS. */
package org.rspharness.e2e;

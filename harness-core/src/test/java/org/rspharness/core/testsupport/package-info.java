/** Helpers shared by harness-core's tests. */
package org.rspharness.core.testsupport;

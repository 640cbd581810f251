/** JUnit 5 support: a directory of scenario files, or the bundled library, as dynamic tests. */
package org.rspharness.testkit;

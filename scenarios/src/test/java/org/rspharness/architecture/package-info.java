/** Checks on the shape of the code itself: the package import graph of every module's main code. */
package org.rspharness.architecture;

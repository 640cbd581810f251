/** Small byte and text helpers (hex) shared by all modules. */
package org.rspharness.core.util;

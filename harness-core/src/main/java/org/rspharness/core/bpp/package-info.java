/** SGP.22 section 2.5.5: the Bound Profile Package (BF36) as the LPA forwards it to the eUICC. */
package org.rspharness.core.bpp;

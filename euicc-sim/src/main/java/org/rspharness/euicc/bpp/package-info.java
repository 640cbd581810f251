/** SGP.22 section 5.5 (ES8+): loading a Bound Profile Package segment by segment, atomically. */
package org.rspharness.euicc.bpp;

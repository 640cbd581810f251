/** Protocol time: the injectable clock behind session and order expiry. */
package org.rspharness.core.time;

/** Network seams free of any I/O library: what protocol code asks of a transport. */
package org.rspharness.core.net;

/** The harness's network transport on Netty: the client transport that HTTP and TLS run on. */
package org.rspharness.core.transport;

/**
 * What the engine asks of the kernel, as plain values; the daemon maps them onto the
 * klips-bridge {@code Kernel} SPI (ike-core does not depend on klips-bridge).
 */
package org.jswan.ike.engine.kernel;

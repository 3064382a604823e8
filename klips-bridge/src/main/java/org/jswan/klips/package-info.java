/**
 * The kernel bridge: the {@link org.jswan.klips.Kernel} SPI that pluto drives to install SAs,
 * eroutes and routes, and its backends. Today only {@link org.jswan.klips.NoKernel} (what
 * {@code --noklips} selects) exists; the userspace KLIPS and the PF_KEYv2 codec come later.
 *
 * <p>This module knows nothing of IKE: it does not depend on ike-core, and its values are plain
 * JDK types. The daemon maps the engine's kernel requests onto these calls.
 */
package org.jswan.klips;

/**
 * The kernel bridge: the {@link org.jswan.klips.Kernel} SPI that pluto drives to install SAs,
 * eroutes and routes, and its backends: {@link org.jswan.klips.NoKernel} (what {@code --noklips}
 * selects) and {@link org.jswan.klips.pfkey.PfKeyKernel}, which speaks PF_KEYv2 (codec and socket
 * in {@code org.jswan.klips.pfkey}) to the userspace KLIPS ({@code org.jswan.klips.userspace},
 * over the transforms of {@code org.jswan.klips.esp}).
 *
 * <p>What flows back to pluto: {@link org.jswan.klips.Acquire}s through an
 * {@link org.jswan.klips.AcquireListener}, ESP-in-UDP to send through pluto's NAT-T socket
 * ({@link org.jswan.klips.UdpSender}), and per-SA {@link org.jswan.klips.SaCounters}.
 *
 * <p>This module knows nothing of IKE: it does not depend on ike-core, and its values are plain
 * JDK types. The daemon maps the engine's kernel requests onto these calls.
 */
package org.jswan.klips;

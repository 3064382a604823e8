/**
 * The userspace KLIPS: {@link org.jswan.klips.userspace.UserspaceKlips}, a
 * {@link org.jswan.klips.Kernel} that makes negotiated SAs carry packets on a kernel without ESP
 * or PF_KEY. SADB ({@code Sadb}, {@code SaEntry}), eroute table ({@code ErouteTable}), the
 * {@code %trap}/{@code %hold} queue ({@code HoldQueue}) and the two packet paths ({@code Outbound},
 * {@code Inbound}) live in a thread-free core ({@code Datapath}); the TUN device, raw IP sockets
 * and poll(2) go through jnr-ffi ({@code TunDevice}, {@code RawIpPort}, {@code FdPoller}, {@code LibC});
 * interface and route configuration through iproute2 ({@code LinkConfig}). See docs/klips.md.
 */
package org.jswan.klips.userspace;

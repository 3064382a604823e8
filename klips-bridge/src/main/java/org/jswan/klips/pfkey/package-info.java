/**
 * PF_KEYv2 (RFC 2367) as KLIPS spoke it: the messages pluto sends to the kernel and the kernel's
 * answers, as immutable records, with one codec ({@link org.jswan.klips.pfkey.PfKeyMessage#encode()}
 * / {@link org.jswan.klips.pfkey.PfKeyMessage#decode(byte[])}).
 *
 * <ul>
 *   <li>{@link org.jswan.klips.pfkey.SadbMsg} is the base header; one record per extension layout
 *       ({@code SadbSa}, {@code SadbAddress}, {@code SadbKey}, ...) implements the sealed
 *       {@link org.jswan.klips.pfkey.Extension}; extensions this codec does not model are kept as
 *       {@link org.jswan.klips.pfkey.RawExtension} and re-encoded byte for byte.</li>
 *   <li>Numbers live in one enum per registry: {@link org.jswan.klips.pfkey.SadbMsgType},
 *       {@link org.jswan.klips.pfkey.ExtType}, {@link org.jswan.klips.pfkey.SaType},
 *       {@link org.jswan.klips.pfkey.SaState}, {@link org.jswan.klips.pfkey.AuthAlg},
 *       {@link org.jswan.klips.pfkey.EncryptAlg}, {@link org.jswan.klips.pfkey.CompAlg},
 *       {@link org.jswan.klips.pfkey.Shunt}, {@link org.jswan.klips.pfkey.Errno}.</li>
 *   <li>{@link org.jswan.klips.pfkey.PfKeyMessages} builds what pluto sends for each
 *       {@link org.jswan.klips.Kernel} call and what the kernel answers;
 *       {@link org.jswan.klips.pfkey.RequiredExtensions} is the kernel's check that a request
 *       carries what its type needs.</li>
 *   <li>{@link org.jswan.klips.pfkey.PfKeySocket} is a PF_KEY socket as pluto sees it
 *       ({@link org.jswan.klips.pfkey.InProcessPfKeySocket} to the userspace KLIPS), and
 *       {@link org.jswan.klips.pfkey.PfKeyKernel} the {@link org.jswan.klips.Kernel} that talks
 *       over one.</li>
 * </ul>
 *
 * <p>Byte order is Linux's on x86-64: the 16/32/64-bit fields are little-endian (host order)
 * except where RFC 2367 says network order — the SPI of {@code sadb_sa} and the port, address
 * and flow label inside a {@code sockaddr}. Every decoding fault is a
 * {@link org.jswan.klips.pfkey.PfKeyException} carrying the errno a kernel would answer with.
 * The codec carries no meaning: it never looks at keys, never checks algorithms, never touches
 * a socket; {@code PfKeyKernel} is the one class here that does.
 */
package org.jswan.klips.pfkey;

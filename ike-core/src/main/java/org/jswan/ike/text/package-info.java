/**
 * FreeS/WAN's text forms: binary data as {@code 0x}/{@code 0s}/{@code 0t} text (ttodata(3),
 * datatot(3)) and the numeric address and subnet notations of ttoaddr(3) and ttosubnet(3). No
 * name is looked up here; errors about data never repeat the data.
 */
package org.jswan.ike.text;

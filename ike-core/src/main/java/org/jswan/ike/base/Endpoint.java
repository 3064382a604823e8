package org.jswan.ike.base;

/** An IP address and UDP port. Printed as pluto prints a sender: {@code 192.0.2.1:500}. */
public record Endpoint(IpAddress address, int port) {
    public Endpoint {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " out of range");
        }
    }

    @Override
    public String toString() {
        return address.isV6() ? "[" + address + "]:" + port : address + ":" + port;
    }
}

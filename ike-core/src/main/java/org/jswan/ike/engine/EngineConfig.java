package org.jswan.ike.engine;

/**
 * What pluto's command line tells the engine.
 *
 * @param ikePort {@code --ikeport} (500)
 * @param natTPort the port IKE floats to under NAT-T (4500)
 * @param noKlips {@code --noklips}: negotiate, but ask no kernel to install anything
 * @param uniqueIds {@code --uniqueids}
 * @param noRetransmits {@code --noretransmits}: no timed events at all
 * @param debugging the DBG_* set from {@code --debug-*} ({@link org.jswan.ike.whack.Debug})
 * @param version the version string printed in status and logs
 */
public record EngineConfig(int ikePort, int natTPort, boolean noKlips, boolean uniqueIds,
                           boolean noRetransmits, long debugging, String version) {
    public static EngineConfig defaults() {
        return new EngineConfig(500, 4500, false, false, false, 0, "jswan");
    }

    public EngineConfig withIkePort(int p) {
        return new EngineConfig(p, natTPort, noKlips, uniqueIds, noRetransmits, debugging, version);
    }

    public EngineConfig withNoKlips(boolean v) {
        return new EngineConfig(ikePort, natTPort, v, uniqueIds, noRetransmits, debugging, version);
    }

    public EngineConfig withUniqueIds(boolean v) {
        return new EngineConfig(ikePort, natTPort, noKlips, v, noRetransmits, debugging, version);
    }

    public EngineConfig withDebugging(long d) {
        return new EngineConfig(ikePort, natTPort, noKlips, uniqueIds, noRetransmits, d, version);
    }
}

package org.jswan.pluto;

/** pluto with {@link StubWhackDecoder}, for the process tests until the real decoder lands. */
public final class StubCodecPluto {
    private StubCodecPluto() {
    }

    public static void main(String[] args) {
        System.exit(Pluto.run(args, new StubWhackDecoder(), StubCodecPluto.class.getName()));
    }
}

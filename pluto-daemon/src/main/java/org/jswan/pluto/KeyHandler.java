package org.jswan.pluto;

import java.nio.channels.SelectionKey;

/** What a selection key's attachment does when its channel is ready. */
@FunctionalInterface
interface KeyHandler {
    void onReady(SelectionKey key);
}

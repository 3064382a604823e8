package org.jswan.ike.wire;

import java.util.HashMap;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Builds the immutable number-to-constant index behind each registry enum's {@code fromValue}.
 * The maps are built once per enum class and never change afterwards.
 */
final class Registry {
    private Registry() {
    }

    static <E extends Enum<E>> Map<Integer, E> index(E[] constants, ToIntFunction<E> value) {
        Map<Integer, E> m = new HashMap<>();
        for (E e : constants) {
            E clash = m.put(value.applyAsInt(e), e);
            if (clash != null) {
                throw new ExceptionInInitializerError(clash + " and " + e + " share a value");
            }
        }
        return Map.copyOf(m);
    }

    /** The constant's name, or the decimal number when the registry does not know it. */
    static String nameOf(Enum<?> known, int value) {
        return known == null ? Integer.toString(value) : known.name();
    }
}

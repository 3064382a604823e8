package org.jswan.ike.engine;

import java.util.List;
import java.util.Set;
import org.jswan.ike.wire.PayloadType;

/**
 * One row of FreeS/WAN's state microcode table (reference §2.2): in state {@code from}, a
 * message with the {@code required} payloads (and only those plus {@code optional} ones) is
 * handed to {@code handler}; on success the state becomes {@code to} and {@code timer} is set.
 */
record Transition(StateKind from, StateKind to, Set<PayloadType> required, Set<PayloadType> optional,
                  boolean encryptedInput, Timer timer, Handler handler) {

    enum Timer {
        /** Resend our message after 10, 20, 40 s (initiators, and Quick Mode responders). */
        RETRANSMIT,
        /** Main Mode responder: never resend on a timer (no amplification); discard if abandoned. */
        DISCARD,
        /** The SA is established: schedule its replacement or expiry. */
        SA_REPLACE
    }

    @FunctionalInterface
    interface Handler {
        Step handle(Core core, State st, Md md);
    }

    private static final Set<PayloadType> ALWAYS = Set.of(PayloadType.VID, PayloadType.N, PayloadType.D);

    boolean allowed(PayloadType t) {
        return required.contains(t) || optional.contains(t) || ALWAYS.contains(t);
    }

    /** The microcode: Main Mode I1..I4 and R0..R3, Quick Mode I1..I2 and R0..R2. */
    static final List<Transition> TABLE = List.of(
            // HDR, SA --> ; <-- HDR, SA
            new Transition(StateKind.STATE_MAIN_R0, StateKind.STATE_MAIN_R1, Set.of(PayloadType.SA),
                    Set.of(PayloadType.CR), false, Timer.DISCARD, MainMode::inI1OutR1),
            // <-- HDR, SA ; HDR, KE, Ni -->
            new Transition(StateKind.STATE_MAIN_I1, StateKind.STATE_MAIN_I2, Set.of(PayloadType.SA),
                    Set.of(PayloadType.CR), false, Timer.RETRANSMIT, MainMode::inR1OutI2),
            // HDR, KE, Ni --> ; <-- HDR, KE, Nr
            new Transition(StateKind.STATE_MAIN_R1, StateKind.STATE_MAIN_R2, Set.of(PayloadType.KE, PayloadType.NONCE),
                    Set.of(PayloadType.CR, PayloadType.NAT_D, PayloadType.NAT_D_DRAFT), false, Timer.DISCARD,
                    MainMode::inI2OutR2),
            // <-- HDR, KE, Nr ; HDR*, IDii, HASH_I -->
            new Transition(StateKind.STATE_MAIN_I2, StateKind.STATE_MAIN_I3, Set.of(PayloadType.KE, PayloadType.NONCE),
                    Set.of(PayloadType.CR, PayloadType.NAT_D, PayloadType.NAT_D_DRAFT), false, Timer.RETRANSMIT,
                    MainMode::inR2OutI3),
            // HDR*, IDii, HASH_I --> ; <-- HDR*, IDir, HASH_R
            new Transition(StateKind.STATE_MAIN_R2, StateKind.STATE_MAIN_R3, Set.of(PayloadType.ID),
                    Set.of(PayloadType.HASH, PayloadType.SIG, PayloadType.CERT, PayloadType.CR), true, Timer.SA_REPLACE, MainMode::inI3OutR3),
            // <-- HDR*, IDir, HASH_R
            new Transition(StateKind.STATE_MAIN_I3, StateKind.STATE_MAIN_I4, Set.of(PayloadType.ID),
                    Set.of(PayloadType.HASH, PayloadType.SIG, PayloadType.CERT, PayloadType.CR), true, Timer.SA_REPLACE, MainMode::inR3),
            // HDR*, HASH(1), SA, Ni [, KE ] [, IDci, IDcr ] --> ; <-- HDR*, HASH(2), SA, Nr [, KE ] [, IDci, IDcr ]
            new Transition(StateKind.STATE_QUICK_R0, StateKind.STATE_QUICK_R1,
                    Set.of(PayloadType.HASH, PayloadType.SA, PayloadType.NONCE),
                    Set.of(PayloadType.KE, PayloadType.ID, PayloadType.NAT_OA, PayloadType.NAT_OA_DRAFT), true,
                    Timer.RETRANSMIT, QuickMode::inI1OutR1),
            // <-- HDR*, HASH(2), SA, Nr [, KE ] [, IDci, IDcr ] ; HDR*, HASH(3) -->
            new Transition(StateKind.STATE_QUICK_I1, StateKind.STATE_QUICK_I2,
                    Set.of(PayloadType.HASH, PayloadType.SA, PayloadType.NONCE),
                    Set.of(PayloadType.KE, PayloadType.ID, PayloadType.NAT_OA, PayloadType.NAT_OA_DRAFT), true,
                    Timer.SA_REPLACE, QuickMode::inR1OutI2),
            // HDR*, HASH(3) -->
            new Transition(StateKind.STATE_QUICK_R1, StateKind.STATE_QUICK_R2, Set.of(PayloadType.HASH), Set.of(),
                    true, Timer.SA_REPLACE, QuickMode::inI2));

    static Transition from(StateKind kind) {
        for (Transition t : TABLE) {
            if (t.from == kind) {
                return t;
            }
        }
        return null;
    }

    /** States that answer a duplicate of the message that put them there with their last message. */
    static boolean retransmitsOnDuplicate(StateKind k) {
        return switch (k) {
            case STATE_MAIN_R1, STATE_MAIN_R2, STATE_MAIN_R3, STATE_QUICK_R1, STATE_QUICK_I2 -> true;
            default -> false;
        };
    }
}

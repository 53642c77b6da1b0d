package org.plmmonitor.bridge.protocol;

import java.util.Optional;

/**
 * An enum whose constants travel as one wire code (a byte of a frame). {@link #decode} is the one
 * place where a received code becomes a constant, so that every field treats an unknown code the way
 * PROTOCOL.md says for that field: where the document names a catch-all ("unknown codes read as
 * OTHER", "others read as unknown") that constant declares {@link #readsUnknownCodes()}; every other
 * field rejects the frame (PROTOCOL.md section 2, receiver rule 4: a field out of its range).
 */
public interface WireCode {

    /** @return the code on the wire, 0..255 */
    int code();

    /**
     * @return true for the one constant of its type that an undefined code reads as (PROTOCOL.md
     *         names it in the field's table); false for every other constant
     */
    default boolean readsUnknownCodes() {
        return false;
    }

    /**
     * @param type the enum of the field
     * @param code a code, 0..255
     * @param <E>  the enum type
     * @return the constant defined with exactly that code (never the catch-all for an undefined one)
     */
    static <E extends Enum<E> & WireCode> Optional<E> lookup(Class<E> type, int code) {
        for (E e : type.getEnumConstants()) {
            if (e.code() == code) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * Turns a received code into its constant.
     *
     * @param type  the enum of the field
     * @param field the field's name in PROTOCOL.md (e.g. {@code state}), for the error
     * @param code  the received byte, 0..255
     * @param <E>   the enum type
     * @return the constant with that code; for an undefined code, the type's catch-all constant
     * @throws UnknownCodeException when the code is undefined and the type has no catch-all
     */
    static <E extends Enum<E> & WireCode> E decode(Class<E> type, String field, int code) {
        E catchAll = null;
        for (E e : type.getEnumConstants()) {
            if (e.code() == code) {
                return e;
            }
            if (e.readsUnknownCodes()) {
                catchAll = e;
            }
        }
        if (catchAll != null) {
            return catchAll;
        }
        throw new UnknownCodeException(field, code, type);
    }
}

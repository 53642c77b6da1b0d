package org.plmmonitor.bridge.protocol;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A received frame carries a code its field does not define (and PROTOCOL.md gives that field no
 * catch-all): the decoder rejects the frame. The message names the field, the value and the codes
 * that are defined.
 */
public final class UnknownCodeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final int code;

    /**
     * @param field the field's name in PROTOCOL.md
     * @param code  the received code, 0..255
     * @param type  the enum whose codes are defined
     */
    UnknownCodeException(String field, int code, Class<? extends Enum<?>> type) {
        super(field + " = " + code + " is not a defined code (defined: "
                + Arrays.stream(type.getEnumConstants())
                        .map(e -> ((WireCode) e).code() + " " + e.name())
                        .collect(Collectors.joining(", ")) + ")");
        this.field = field;
        this.code = code;
    }

    /** @return the field's name in PROTOCOL.md */
    public String field() {
        return field;
    }

    /** @return the received code, 0..255 */
    public int code() {
        return code;
    }
}

package org.plmmonitor.bridge.serial;

import org.plmmonitor.bridge.protocol.Message.NackReason;

/**
 * The controller's answer to one command.
 *
 * @param commandId the command's id
 * @param accepted  true for ACK
 * @param reason    the NACK reason, null when accepted
 */
public record CommandResult(int commandId, boolean accepted, NackReason reason) {
}

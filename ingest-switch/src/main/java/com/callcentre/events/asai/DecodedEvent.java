package com.callcentre.events.asai;

/**
 * One event report as the switch sent it.
 *
 * @param eventName    the descriptor's enum name (C_OFFERED, C_CONNECTED, C_CALL_ENDED, ...)
 * @param connectedNum the party now on the call (the agent's extension), or null
 */
public record DecodedEvent(String eventName, long callId, long partyId, long oldCallId, long cause,
    String callingNum, String calledNum, String connectedNum, String ucid, String split) {

  /**
   * The name the pipeline emits. The legacy page script pops on /c_connected/i and clears on
   * /c_drop|c_callend/i, so the switch's C_CALL_ENDED becomes C_CALLEND; the others keep their names.
   */
  public String legacyName() {
    return eventName.equals("C_CALL_ENDED") ? "C_CALLEND" : eventName;
  }
}

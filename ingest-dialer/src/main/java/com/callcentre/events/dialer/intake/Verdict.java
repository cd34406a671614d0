package com.callcentre.events.dialer.intake;

import com.callcentre.events.avro.CallEvent;

/** What validation made of one message: a call event to publish, or the reason it is refused. */
public sealed interface Verdict {
  record Valid(CallEvent event) implements Verdict {}

  /**
   * @param reason short code for metrics and the dead-letter record, e.g. {@code missing_connect_num}
   * @param detail the explanation the sender sees
   */
  record Invalid(String reason, String detail) implements Verdict {}
}

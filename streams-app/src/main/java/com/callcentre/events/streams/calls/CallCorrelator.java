package com.callcentre.events.streams.calls;

import com.callcentre.events.avro.CallSummary;
import com.callcentre.events.avro.CallTracking;
import com.callcentre.events.avro.ExtensionEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Follows each call (records keyed by call key) until its end event, then emits its summary. A
 * wall-clock sweep closes calls whose last event is older than the timeout, so a lost end event
 * does not keep a call open forever.
 */
public final class CallCorrelator implements Processor<String, ExtensionEvent, String, CallSummary> {
  public static final String STORE = "calls-in-progress";

  private final Duration timeout;
  private final Duration sweepInterval;
  private ProcessorContext<String, CallSummary> context;
  private KeyValueStore<String, CallTracking> calls;

  public CallCorrelator(Duration timeout, Duration sweepInterval) {
    this.timeout = timeout;
    this.sweepInterval = sweepInterval;
  }

  @Override
  public void init(ProcessorContext<String, CallSummary> context) {
    this.context = context;
    this.calls = context.getStateStore(STORE);
    context.schedule(sweepInterval, PunctuationType.WALL_CLOCK_TIME, this::closeStaleCalls);
  }

  @Override
  public void process(Record<String, ExtensionEvent> record) {
    if (record.key() == null || record.value() == null) {
      return;
    }
    CallTracking tracking = CallSummaries.apply(calls.get(record.key()), record.key(), record.value());
    if (CallSummaries.ends(record.value().getEvent())) {
      calls.delete(record.key());
      context.forward(new Record<>(record.key(), CallSummaries.close(tracking, false), record.timestamp()));
    } else {
      calls.put(record.key(), tracking);
    }
  }

  private void closeStaleCalls(long nowMs) {
    List<KeyValue<String, CallTracking>> stale = new ArrayList<>();
    try (KeyValueIterator<String, CallTracking> all = calls.all()) {
      while (all.hasNext()) {
        KeyValue<String, CallTracking> call = all.next();
        if (nowMs - call.value.getLastActivityTime().toEpochMilli() > timeout.toMillis()) {
          stale.add(call);
        }
      }
    }
    for (KeyValue<String, CallTracking> call : stale) {
      calls.delete(call.key);
      context.forward(new Record<>(call.key, CallSummaries.close(call.value, true), nowMs));
    }
  }
}

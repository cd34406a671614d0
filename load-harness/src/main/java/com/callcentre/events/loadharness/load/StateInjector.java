package com.callcentre.events.loadharness.load;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.EventSource;
import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.avro.ExtensionState;
import com.callcentre.events.loadharness.measure.TopicToEnd;
import com.callcentre.events.runtime.kafka.KafkaSettings;
import com.callcentre.events.schemas.events.EventUuids;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.schemas.serde.AvroSerializer;
import com.callcentre.events.schemas.topics.Topics;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Wakes held subscribers of many extensions at once, the way the streams-app would: the next
 * sequenced event of each, written straight to {@code extension-events.v1} (what the edges follow;
 * the streams-app's derived outputs write its state record from there). What it measures is the edges'
 * fan-out (Kafka to every held request), with the streams-app's own pace out of the way. The
 * streams-app's store does not know these events: use it last in a run.
 */
public final class StateInjector {
  private StateInjector() {}

  public static void wake(String bootstrapServers, String registryUrl, List<String> extensions) {
    SchemaRegistryClient registry = SchemaRegistryClient.forUrl(registryUrl);
    Map<String, ExtensionState> current = currentStates(bootstrapServers, registryUrl);
    try (KafkaProducer<String, ExtensionEvent> producer = new KafkaProducer<>(
        new KafkaSettings(bootstrapServers, registryUrl).reliableProducer("bench-wake"), new StringSerializer(),
        new AvroSerializer<>(registry, false))) {
      Instant now = Instant.now();
      for (String ext : extensions) {
        CallEvent e = CallEvent.newBuilder().setEventUuid(EventUuids.next()).setSource(EventSource.DIALER)
            .setEventNameS("C_CONNECTED").setConnectNum(ext).setEventTime(now).setIngestTime(now).build();
        ExtensionState previous = current.get(ext);
        ExtensionEvent next = new ExtensionEvent(ext, previous == null ? 1 : previous.getSeq() + 1, now, e);
        producer.send(new ProducerRecord<>(Topics.EXTENSION_EVENTS.name(), ext, next));
      }
      producer.flush();
    }
  }

  private static Map<String, ExtensionState> currentStates(String bootstrapServers, String registryUrl) {
    Map<String, ExtensionState> states = new HashMap<>();
    TopicToEnd.read(bootstrapServers, registryUrl, Topics.EXTENSION_STATE.name(), ExtensionState.class, states::put);
    return states;
  }
}

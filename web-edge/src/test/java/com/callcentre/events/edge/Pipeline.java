package com.callcentre.events.edge;

import com.callcentre.events.avro.CallEvent;
import com.callcentre.events.avro.EventSource;
import com.callcentre.events.infra.LocalInfra;
import com.callcentre.events.runtime.config.Env;
import com.callcentre.events.runtime.kafka.KafkaSettings;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.schemas.serde.AvroSerializer;
import com.callcentre.events.schemas.topics.TopicProvisioner;
import com.callcentre.events.schemas.topics.TopicSettings;
import com.callcentre.events.schemas.topics.Topics;
import com.callcentre.events.streams.StreamsAppConfig;
import com.callcentre.events.streams.StreamsService;
import com.callcentre.events.testsupport.SharedInfra;
import java.nio.file.Files;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The real path in front of the edges: the shared broker and registry, a streams-app (exactly
 * once) of its own, and a producer that writes switch events as ingest-switch would.
 */
final class Pipeline implements AutoCloseable {
  private final LocalInfra infra;
  private final StreamsService streams;
  private final KafkaProducer<String, CallEvent> producer;

  private Pipeline(LocalInfra infra, StreamsService streams, KafkaProducer<String, CallEvent> producer) {
    this.infra = infra;
    this.streams = streams;
    this.producer = producer;
  }

  static Pipeline start(String applicationId) throws Exception {
    LocalInfra infra = SharedInfra.get();
    TopicProvisioner.ensureAll(infra.bootstrapServers(), TopicSettings.defaults());
    Map<String, String> env = new HashMap<>(kafka(infra));
    env.put("STREAMS_APPLICATION_ID", applicationId);
    env.put("STREAMS_STATE_DIR", Files.createTempDirectory(applicationId + "-").toString());
    env.put("STREAMS_HTTP_PORT", "0");
    StreamsService streams = StreamsService.start(StreamsAppConfig.from(Env.of(env)));
    KafkaProducer<String, CallEvent> producer = new KafkaProducer<>(
        new KafkaSettings(infra.bootstrapServers(), infra.registryUrl()).reliableProducer(applicationId + "-feed"),
        new StringSerializer(), new AvroSerializer<CallEvent>(SchemaRegistryClient.forUrl(infra.registryUrl()), false));
    return new Pipeline(infra, streams, producer);
  }

  private static Map<String, String> kafka(LocalInfra infra) {
    return Map.of("KAFKA_BOOTSTRAP_SERVERS", infra.bootstrapServers(), "SCHEMA_REGISTRY_URL", infra.registryUrl());
  }

  /** Settings for an open edge on a free port in front of this pipeline, plus {@code more}. */
  Map<String, String> edgeSettings(Map<String, String> more) {
    Map<String, String> env = new HashMap<>(kafka(infra));
    env.put("EDGE_HTTP_PORT", "0");
    env.put("EDGE_LONG_POLL_TIMEOUT", "10s");
    env.put("EDGE_ACCESS", "open");
    env.putAll(more);
    return env;
  }

  boolean running() {
    return streams.state() == KafkaStreams.State.RUNNING;
  }

  /** An extension no other test uses. */
  static String newExtension() {
    return "6" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
  }

  void produce(String ext, String name, String ucid) throws Exception {
    Instant now = Instant.now();
    CallEvent e = CallEvent.newBuilder().setEventUuid(UUID.randomUUID().toString()).setSource(EventSource.SWITCH)
        .setEventNameS(name).setConnectNum(ext).setCallingNum("3035551212").setVdn("4500").setUcid(ucid)
        .setCallUniqueId(ucid).setEventTime(now).setIngestTime(now).build();
    producer.send(new ProducerRecord<>(Topics.SWITCH_EVENTS.name(), ext, e)).get();
  }

  @Override
  public void close() {
    producer.close();
    streams.close();
  }
}

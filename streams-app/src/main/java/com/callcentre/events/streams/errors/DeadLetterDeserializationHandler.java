package com.callcentre.events.streams.errors;

import com.callcentre.events.avro.DeadLetter;
import com.callcentre.events.schemas.registry.RegistryClientConfig;
import com.callcentre.events.schemas.registry.SchemaRegistryClient;
import com.callcentre.events.schemas.serde.AvroSerializer;
import com.callcentre.events.schemas.topics.Topics;
import io.micrometer.core.instrument.Counter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record the app cannot read is counted, logged with topic/partition/offset, and written whole
 * to the dead-letter topic by Streams' own producer (so, under exactly-once, in the same
 * transaction as the progress past it); processing resumes with the next record.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);
  /**
   * Streams setting holding the Micrometer {@link Counter} of this app instance that counts dead
   * letters (Kafka passes non-string setting values through to {@link #configure}); optional.
   */
  public static final String COUNTER_CONFIG = "callevents.dead.letter.counter";
  /** The dead letter's reason, and its meter's. */
  public static final String REASON = "undecodable_record";

  private AvroSerializer<DeadLetter> serializer;
  private Runnable count = () -> { };

  @Override
  public void configure(Map<String, ?> configs) {
    serializer = new AvroSerializer<>(SchemaRegistryClient.forConfig(RegistryClientConfig.fromProperties(configs)), false);
    if (configs.get(COUNTER_CONFIG) instanceof Counter counter) {
      count = counter::increment;
    }
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    count.run();
    log.warn("unreadable record at {}-{} offset {} sent to {}: {}", context.topic(), context.partition(), context.offset(),
        Topics.DEAD_LETTER.name(), exception.toString());
    Map<String, ByteBuffer> headers = new HashMap<>();
    for (Header h : record.headers()) {
      headers.put(h.key(), ByteBuffer.wrap(h.value() == null ? new byte[0] : h.value()));
    }
    DeadLetter letter = DeadLetter.newBuilder()
        .setSource("streams-app.deserialize")
        .setReason(REASON)
        .setDetail(exception.toString())
        .setPayload(ByteBuffer.wrap(record.value() == null ? new byte[0] : record.value()))
        .setHeaders(headers)
        .setOriginTopic(context.topic())
        .setOriginPartition(context.partition())
        .setOriginOffset(context.offset())
        .setRejectedTime(Instant.now())
        .build();
    byte[] key = ("streams-app:" + context.topic()).getBytes(StandardCharsets.UTF_8);
    byte[] value = serializer.serialize(Topics.DEAD_LETTER.name(), letter);
    return Response.resume(List.of(new ProducerRecord<>(Topics.DEAD_LETTER.name(), key, value)));
  }
}

package com.callcentre.events.loadharness.measure;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;

/**
 * Bytes on the broker's disk per topic (every partition's log, internal topics, changelogs and
 * repartition topics included), so a run can say what Kafka wrote per input event.
 */
public final class KafkaBytes {
  private KafkaBytes() {}

  public static Map<String, Long> byTopic(String bootstrapServers) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(p)) {
      Collection<Node> nodes = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
      Map<String, Long> sizes = new TreeMap<>();
      var dirs = admin.describeLogDirs(nodes.stream().map(Node::id).toList()).allDescriptions().get(30, TimeUnit.SECONDS);
      for (Map<String, LogDirDescription> byDir : dirs.values()) {
        for (LogDirDescription dir : byDir.values()) {
          for (Map.Entry<TopicPartition, ReplicaInfo> r : dir.replicaInfos().entrySet()) {
            sizes.merge(r.getKey().topic(), r.getValue().size(), Long::sum);
          }
        }
      }
      return sizes;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the broker's log sizes: " + e.getMessage(), e);
    }
  }

  /** Per topic, what was added between two readings. */
  public static Map<String, Long> growth(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> out = new TreeMap<>();
    after.forEach((topic, size) -> out.put(topic, size - before.getOrDefault(topic, 0L)));
    return out;
  }

  /** Records in these topics so far (end offsets over every partition): the input count of a window. */
  public static long records(String bootstrapServers, List<String> topics) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(p)) {
      Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
      admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).forEach((name, d) ->
          d.partitions().forEach(i -> latest.put(new TopicPartition(name, i.partition()), OffsetSpec.latest())));
      return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
          .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the end offsets of " + topics + ": " + e.getMessage(), e);
    }
  }

  /**
   * Bytes written per input event by topic, and in all against the input: everything but the raw
   * switch buffers and the transaction log, the input topics included, over the input topics' bytes.
   */
  public static io.vertx.core.json.JsonObject perInputEvent(Map<String, Long> growth, List<String> inputTopics,
      List<String> aside, long inputEvents) {
    long inputBytes = inputTopics.stream().mapToLong(t -> growth.getOrDefault(t, 0L)).sum();
    long counted = growth.entrySet().stream().filter(e -> !aside.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    io.vertx.core.json.JsonObject perTopic = new io.vertx.core.json.JsonObject();
    growth.forEach((topic, b) -> perTopic.put(topic, inputEvents == 0 ? 0 : Math.round((double) b / inputEvents)));
    return new io.vertx.core.json.JsonObject()
        .put("input_events", inputEvents)
        .put("input_bytes_per_event", inputEvents == 0 ? 0 : Math.round((double) inputBytes / inputEvents))
        .put("bytes_per_input_event_by_topic", perTopic)
        .put("written_over_input", inputBytes == 0 ? 0 : Math.round(10.0 * counted / inputBytes) / 10.0)
        .put("not_counted", new io.vertx.core.json.JsonArray(aside));
  }
}

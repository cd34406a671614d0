package com.callcentre.events.replay.drive;

import com.callcentre.events.replay.ExitCode;
import com.callcentre.events.replay.ReplayCommand;
import com.callcentre.events.replay.ReplayException;
import com.callcentre.events.replay.kafka.Cluster;
import com.callcentre.events.replay.kafka.TopicRangeReader;
import com.callcentre.events.replay.time.TimeRange;
import com.callcentre.events.schemas.topics.TopicSettings;
import com.callcentre.events.schemas.topics.TopicSpec;
import com.callcentre.events.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/replay drive}: re-publishes the records of a range into sandbox topics, byte for
 * byte (same keys, values, headers and partitions, so the same schema ids and the same
 * per-extension order), at the original pace, a multiple of it, or as fast as possible. The
 * sandbox topics are the catalogue's names behind a prefix, created on demand with the source's
 * partition count. Writing to the production names needs {@code --into-production-topics}.
 */
@Command(name = "drive", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Re-publishes the records of a range into sandbox topics (PREFIX + the topic's name, created on "
        + "demand) at the original pace, a multiple of it, or as fast as possible, so a sandbox streams-app and edge "
        + "can reproduce a problem.", "",
        "Example: bin/replay drive --from 10:00 --to 10:10 --prefix sandbox. --speed 10x"})
public final class DriveCommand extends ReplayCommand {

  @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = "sandbox.",
      description = "put in front of each topic's name (default: ${DEFAULT-VALUE})")
  String prefix;

  @Option(names = "--topics", split = ",", paramLabel = "TOPIC",
      description = "source topics, by catalogue name (default: the streams-app's inputs, "
          + "call-events.switch.v1,call-events.dialer.v1)")
  List<String> topics = List.of(Topics.SWITCH_EVENTS.name(), Topics.DIALER_EVENTS.name());

  @Option(names = "--speed", paramLabel = "PACE", defaultValue = "original",
      description = "original, a multiple like 2x or 0.5x, or max (default: ${DEFAULT-VALUE})")
  String speed;

  @Option(names = "--into-production-topics",
      description = "allow writing to topics that carry production names (an empty prefix)")
  boolean intoProduction;

  @Override
  protected ExitCode run(Cluster cluster, TopicRangeReader reader, TimeRange range) {
    Pace pace = Pace.parse(speed);
    Map<String, String> targets = new LinkedHashMap<>();
    for (String topic : topics) {
      TopicSpec<?, ?> spec = Topics.ALL.stream().filter(t -> t.name().equals(topic)).findFirst()
          .orElseThrow(() -> new ReplayException(ExitCode.UNKNOWN_TOPIC, "--topics: " + topic + " is not in the catalogue ("
              + String.join(", ", Topics.ALL.stream().map(TopicSpec::name).toList()) + ")"));
      String target = prefix + spec.name();
      if (isProductionName(target) && !intoProduction) {
        throw new ReplayException(ExitCode.REFUSED, "refusing to write into the production topic " + target
            + "; give a --prefix (default sandbox.) or, if you really mean it, --into-production-topics");
      }
      targets.put(topic, target);
    }
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (String topic : targets.keySet()) {
      records.addAll(reader.read(topic, range));
    }
    if (records.isEmpty()) {
      err().println("no records in " + range.from() + " .. " + range.to() + " to drive");
      return ExitCode.NO_MATCH;
    }
    records.sort(Comparator.comparingLong(ConsumerRecord<byte[], byte[]>::timestamp));
    for (String topic : targets.keySet()) {
      ensureTopic(cluster, targets.get(topic), cluster.describe(topic).partitions().size());
    }
    long first = records.get(0).timestamp();
    long started = System.nanoTime();
    Map<String, Integer> sent = new LinkedHashMap<>();
    try (KafkaProducer<byte[], byte[]> producer = cluster.producer()) {
      for (ConsumerRecord<byte[], byte[]> r : records) {
        waitUntil(started, pace.sendAfterMillis(r.timestamp() - first));
        String target = targets.get(r.topic());
        producer.send(new ProducerRecord<>(target, r.partition(), null, r.key(), r.value(), r.headers()));
        sent.merge(target, 1, Integer::sum);
      }
      producer.flush();
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      throw cluster.unreachable();
    }
    sent.forEach((topic, n) -> out().println("drove " + n + " records into " + topic));
    out().printf("in %.1f s (the range spans %.1f s)%n", (System.nanoTime() - started) / 1e9,
        (records.get(records.size() - 1).timestamp() - first) / 1e3);
    out().flush();
    return ExitCode.OK;
  }

  private static boolean isProductionName(String topic) {
    return Topics.ALL.stream().anyMatch(t -> t.name().equals(topic));
  }

  private static void waitUntil(long startedNanos, long afterMillis) {
    long sleep = afterMillis - (System.nanoTime() - startedNanos) / 1_000_000;
    if (sleep > 0) {
      try {
        Thread.sleep(sleep);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ReplayException(ExitCode.FAILED, "interrupted while driving");
      }
    }
  }

  /** Creates a sandbox topic like its source (partitions) with the catalogue's retention, unless it exists. */
  private static void ensureTopic(Cluster cluster, String name, int partitions) {
    Set<String> existing;
    try {
      existing = cluster.admin().listTopics().names().get(cluster.timeout().toMillis(), TimeUnit.MILLISECONDS);
      if (!existing.contains(name)) {
        NewTopic topic = new NewTopic(name, partitions, (short) 1)
            .configs(Map.of("retention.ms", Long.toString(TopicSettings.defaults().retention().toMillis())));
        cluster.admin().createTopics(List.of(topic)).all().get(cluster.timeout().toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new ReplayException(ExitCode.FAILED, "cannot create " + name + ": " + e.getCause(), e.getCause());
      }
    } catch (java.util.concurrent.TimeoutException e) {
      throw cluster.unreachable();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReplayException(ExitCode.FAILED, "interrupted");
    }
  }
}

package com.callcentre.events.schemas.topics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the catalogue's topics that do not exist yet; existing topics are left as they are. */
public final class TopicProvisioner {
  private TopicProvisioner() {}

  /** Every catalogue topic on the cluster at {@code bootstrapServers}; returns the names it created. */
  public static List<String> ensureAll(String bootstrapServers, TopicSettings settings) throws InterruptedException {
    try (Admin admin = Admin.create(java.util.Map.<String, Object>of("bootstrap.servers", bootstrapServers))) {
      return ensureTopics(admin, settings, Topics.ALL);
    }
  }

  /** Returns the names of the topics it created. */
  public static List<String> ensureTopics(Admin admin, TopicSettings settings, Collection<TopicSpec<?, ?>> specs)
      throws InterruptedException {
    try {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (TopicSpec<?, ?> spec : specs) {
        if (!existing.contains(spec.name())) {
          missing.add(spec.newTopic(settings));
        }
      }
      List<String> created = new ArrayList<>();
      var results = admin.createTopics(missing).values();
      for (var entry : results.entrySet()) {
        try {
          entry.getValue().get(30, TimeUnit.SECONDS);
          created.add(entry.getKey());
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + entry.getKey() + ": " + e.getCause(), e.getCause());
          }
        }
      }
      return created;
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot list or create topics: " + e, e);
    }
  }
}

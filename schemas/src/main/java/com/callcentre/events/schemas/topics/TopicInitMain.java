package com.callcentre.events.schemas.topics;

import java.util.List;
import java.util.Map;

/**
 * Creates every catalogue topic that does not exist yet, then exits: the topic-init step of the
 * docker-compose stack, and a tool for admins. Reads {@code KAFKA_BOOTSTRAP_SERVERS} and the
 * {@link TopicSettings} variables.
 */
public final class TopicInitMain {
  private TopicInitMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> env = System.getenv();
    String bootstrap = env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    TopicSettings settings = TopicSettings.fromEnv(env);
    List<String> created = TopicProvisioner.ensureAll(bootstrap, settings);
    System.out.printf("topic-init: %d created %s, %d already there (%s)%n",
        created.size(), created, Topics.ALL.size() - created.size(), settings);
  }
}

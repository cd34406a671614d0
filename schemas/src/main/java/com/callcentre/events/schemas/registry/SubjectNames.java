package com.callcentre.events.schemas.registry;

/** Confluent's default TopicNameStrategy: the subject of a topic's values is {@code <topic>-value}. */
public final class SubjectNames {
  private SubjectNames() {}

  public static String topicNameStrategy(String topic, boolean isKey) {
    return topic + (isKey ? "-key" : "-value");
  }
}

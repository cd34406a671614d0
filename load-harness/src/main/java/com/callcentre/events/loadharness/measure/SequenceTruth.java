package com.callcentre.events.loadharness.measure;

import com.callcentre.events.avro.ExtensionEvent;
import com.callcentre.events.schemas.topics.Topics;
import java.util.HashMap;
import java.util.Map;

/**
 * What every subscriber should have ended with: the last committed sequence of each extension on
 * {@code extension-events.v1}, read from the topic itself, not from an edge.
 */
public final class SequenceTruth {
  private SequenceTruth() {}

  public static Map<String, Long> lastSequences(String bootstrapServers, String registryUrl) {
    Map<String, Long> last = new HashMap<>();
    TopicToEnd.read(bootstrapServers, registryUrl, Topics.EXTENSION_EVENTS.name(), ExtensionEvent.class,
        (extension, event) -> last.merge(extension, event.getSeq(), Math::max));
    return last;
  }
}

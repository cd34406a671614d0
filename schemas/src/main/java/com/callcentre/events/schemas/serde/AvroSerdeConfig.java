package com.callcentre.events.schemas.serde;

import java.util.Map;

/** Serde properties beyond the registry location, named as Confluent's serdes name them. */
public final class AvroSerdeConfig {
  /** Register a schema the registry has not seen yet (default true); false only looks ids up. */
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
  /** Decode into the generated classes (default true) rather than {@code GenericRecord}. */
  public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";

  private AvroSerdeConfig() {}

  static boolean flag(Map<String, ?> configs, String key, boolean defaultValue) {
    Object value = configs.get(key);
    return value == null ? defaultValue : Boolean.parseBoolean(value.toString());
  }
}

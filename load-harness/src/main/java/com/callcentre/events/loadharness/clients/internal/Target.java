package com.callcentre.events.loadharness.clients.internal;

import io.vertx.core.json.JsonObject;

/** Where a client process's subscribers connect, from which source address, and how they behave. */
public record Target(String host, int port, String localAddress, long pauseMs) {
  public static Target fromJson(JsonObject j) {
    return new Target(j.getString("host"), j.getInteger("port"), j.getString("local"), j.getLong("pause_ms", 0L));
  }
}

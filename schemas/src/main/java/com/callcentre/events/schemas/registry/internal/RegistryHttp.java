package com.callcentre.events.schemas.registry.internal;

import com.callcentre.events.schemas.registry.IncompatibleSchemaException;
import com.callcentre.events.schemas.registry.RegistryClientConfig;
import com.callcentre.events.schemas.registry.SchemaRegistryException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON over HTTP to a Confluent-API registry, with retries for transient failures only:
 * I/O errors, 5xx and 429 are retried with doubling back-off and jitter; any other 4xx is the
 * caller's mistake and is raised at once with the registry's own message.
 */
public final class RegistryHttp {
  private static final Logger log = LoggerFactory.getLogger(RegistryHttp.class);
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RegistryClientConfig config;
  private final HttpClient http;

  public RegistryHttp(RegistryClientConfig config) {
    this.config = config;
    this.http = HttpClient.newBuilder()
        .connectTimeout(config.requestTimeout())
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  public JsonNode get(String path) {
    return send("GET", path, null);
  }

  public JsonNode post(String path, Object body) {
    return send("POST", path, body);
  }

  public JsonNode put(String path, Object body) {
    return send("PUT", path, body);
  }

  private JsonNode send(String method, String path, Object body) {
    URI uri = URI.create(config.baseUrl() + path);
    HttpRequest request = buildRequest(method, uri, body);
    Duration backoff = config.initialBackoff();
    for (int attempt = 1; ; attempt++) {
      SchemaRegistryException failure;
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status / 100 == 2) {
          return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        }
        failure = errorFrom(method, uri, status, response.body());
        if (status != 429 && status < 500) {
          throw failure;
        }
      } catch (IOException e) {
        failure = new SchemaRegistryException(
            method + " " + uri + " failed: " + e, 0, 0, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaRegistryException(method + " " + uri + " interrupted", 0, 0, e);
      }
      if (attempt >= config.maxAttempts()) {
        throw failure;
      }
      log.warn("schema registry attempt {}/{} failed, retrying in {} ms: {}",
          attempt, config.maxAttempts(), backoff.toMillis(), failure.getMessage());
      sleep(withJitter(backoff));
      backoff = min(backoff.multipliedBy(2), config.maxBackoff());
    }
  }

  private HttpRequest buildRequest(String method, URI uri, Object body) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
        .timeout(config.requestTimeout())
        .header("Accept", CONTENT_TYPE + ", application/json");
    if (body == null) {
      return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
    }
    try {
      return builder.header("Content-Type", CONTENT_TYPE)
          .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
          .build();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot encode request body", e);
    }
  }

  private static SchemaRegistryException errorFrom(String method, URI uri, int status, String body) {
    int errorCode = status;
    String message = body;
    try {
      JsonNode node = JSON.readTree(body);
      if (node != null && node.hasNonNull("error_code")) {
        errorCode = node.get("error_code").asInt();
      }
      if (node != null && node.hasNonNull("message")) {
        message = node.get("message").asText();
      }
    } catch (IOException notJson) {
      // keep the raw body as the message
    }
    String text = method + " " + uri + " -> HTTP " + status + " (error " + errorCode + "): " + message;
    return status == 409 ? new IncompatibleSchemaException(text, errorCode)
        : new SchemaRegistryException(text, status, errorCode, null);
  }

  private static Duration withJitter(Duration base) {
    long millis = base.toMillis();
    return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException("interrupted while waiting to retry", 0, 0, e);
    }
  }
}

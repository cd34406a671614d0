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

/**
 * JSON over HTTP to a Confluent-API registry, with retries for transient failures only:
 * I/O errors, 5xx and 429 are retried under the config's {@link com.callcentre.events.retry.RetryPolicy};
 * any other 4xx is the caller's mistake and is raised at once with the registry's own message.
 */
public final class RegistryHttp {
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
    return config.retryPolicy().call(() -> "schema registry " + method + " " + uri,
        () -> attempt(method, uri, request), RegistryHttp::isTransient, () -> true);
  }

  private JsonNode attempt(String method, URI uri, HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      int status = response.statusCode();
      if (status / 100 == 2) {
        return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
      }
      throw errorFrom(method, uri, status, response.body());
    } catch (IOException e) {
      throw new SchemaRegistryException(method + " " + uri + " failed: " + e, 0, 0, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException(method + " " + uri + " interrupted", 0, 0, e);
    }
  }

  /** I/O errors (status 0), 5xx and 429 may pass; any other answer is the caller's mistake. */
  private static boolean isTransient(RuntimeException e) {
    return e instanceof SchemaRegistryException sre && !Thread.currentThread().isInterrupted()
        && (sre.httpStatus() == 0 || sre.httpStatus() >= 500 || sre.httpStatus() == 429);
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
}

package com.callcentre.events.dialer.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /dialer/events}: one message (a JSON object) or a batch (an array of them), with the
 * same validation as the 0MQ endpoint and one result per message.
 *
 * <ul>
 *   <li>one object: 200 {@code {"status":"OK","event_uuid":…}}, 400/422 for bad input, 503 if Kafka
 *       did not acknowledge in time (the event stays queued);</li>
 *   <li>an array: 200 when every message was accepted, else 207, with {@code results} in order.</li>
 * </ul>
 */
public final class HttpIntake {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final IntakePipeline pipeline;
  private final IntakeLimits limits;

  public HttpIntake(IntakePipeline pipeline, IntakeLimits limits) {
    this.pipeline = pipeline;
    this.limits = limits;
  }

  public void mount(Router router) {
    long maxBody = (long) limits.maxMessageBytes() * limits.maxBatch() + 2L * limits.maxBatch() + 2;
    router.post("/dialer/events").handler(BodyHandler.create().setBodyLimit(maxBody)).handler(this::post);
  }

  private void post(RoutingContext ctx) {
    byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (java.io.IOException e) {
      // Not JSON at all (or not UTF-8): the pipeline dead-letters it and says why.
      respondSingle(ctx, body);
      return;
    }
    if (root == null || !root.isArray()) {
      respondSingle(ctx, body);
      return;
    }
    if (root.size() > limits.maxBatch()) {
      pipeline.submit(body, "http", Map.of());
      ctx.response().setStatusCode(413).putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("status", "ERROR").put("reason", "batch_too_large")
              .put("detail", "a batch may hold " + limits.maxBatch() + " messages, this one has " + root.size()).encode());
      return;
    }
    List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
    for (JsonNode element : root) {
      outcomes.add(pipeline.submit(bytes(element), "http", Map.of()));
    }
    Future.fromCompletionStage(CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)), ctx.vertx().getOrCreateContext())
        .onComplete(done -> {
          JsonArray results = new JsonArray();
          boolean allAccepted = true;
          for (CompletableFuture<Outcome> f : outcomes) {
            Outcome o = f.join();
            allAccepted &= o instanceof Outcome.Accepted;
            results.add(toJson(o));
          }
          ctx.response().setStatusCode(allAccepted ? 200 : 207).putHeader("Content-Type", "application/json")
              .end(new JsonObject().put("results", results).encode());
        });
  }

  private void respondSingle(RoutingContext ctx, byte[] body) {
    Future.fromCompletionStage(pipeline.submit(body, "http", Map.of()), ctx.vertx().getOrCreateContext())
        .onComplete(done -> {
          Outcome outcome = done.result();
          int status = switch (outcome) {
            case Outcome.Accepted a -> 200;
            case Outcome.NotAcknowledged n -> 503;
            case Outcome.Rejected r -> switch (r.reason()) {
              case "overloaded", "kafka_error" -> 503;
              case "malformed_json", "not_utf8", "not_an_object" -> 400;
              default -> 422;
            };
          };
          ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(toJson(outcome).encode());
        });
  }

  private static JsonObject toJson(Outcome outcome) {
    return switch (outcome) {
      case Outcome.Accepted a -> new JsonObject().put("status", "OK").put("event_uuid", a.eventUuid());
      case Outcome.Rejected r -> new JsonObject().put("status", "ERROR").put("reason", r.reason()).put("detail", r.detail());
      case Outcome.NotAcknowledged n -> new JsonObject().put("status", "ERROR").put("reason", "not_acknowledged")
          .put("event_uuid", n.eventUuid()).put("detail", n.detail());
    };
  }

  private static byte[] bytes(JsonNode element) {
    try {
      return JSON.writeValueAsBytes(element);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("re-encoding a parsed JSON node cannot fail", e);
    }
  }
}

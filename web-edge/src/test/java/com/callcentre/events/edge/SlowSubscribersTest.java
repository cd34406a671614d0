package com.callcentre.events.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Subscribers that stop reading, side by side with ones that keep up: a WebSocket client that
 * pauses, an SSE client that never reads its stream, and a long-poll client that sends request
 * after request on one connection and never reads a response. The slow ones are cut off or held
 * back by the write-queue bound, the heap stays bounded, and the readers, which keep up, get every
 * event in order.
 */
@ExtendWith(VertxExtension.class)
class SlowSubscribersTest {
  private static final int EVENTS = 30_000;
  /** How far behind the readers may fall: 200 events of ~650 bytes, half the 256 KiB write-queue bound. */
  private static final int READER_LAG = 200;
  /** What the never-reading poller got into the edge before the edge stopped reading from it. */
  private static final java.util.concurrent.atomic.AtomicLong POLLS_WRITTEN = new java.util.concurrent.atomic.AtomicLong();
  private static final Pattern SSE_ID = Pattern.compile("(?m)^id: ?(\\d+)$");
  private EdgeFixture edge;
  private io.vertx.core.http.WebSocketClient wsClient;

  @BeforeEach
  void start(Vertx vertx) {
    edge = new EdgeFixture(vertx, EdgeFixture.config(Map.of("EDGE_LONG_POLL_TIMEOUT", "30s",
        "EDGE_PING_INTERVAL", "1h")));
    wsClient = vertx.createWebSocketClient();
  }

  @AfterEach
  void stop() {
    wsClient.close();
    edge.close();
  }

  @Test
  void slowClientsAreCutOffWithinBoundedMemoryAndTheOthersGetEveryEvent(Vertx vertx) throws Exception {
    edge.append("4567", "C_OFFERED");
    long heapBefore = usedHeapAfterGc();

    WebSocket slowWs = websocket(new CopyOnWriteArrayList<>());
    List<Long> fastWsSeqs = new CopyOnWriteArrayList<>();
    WebSocket fastWs = websocket(fastWsSeqs);
    StringBuilder fastSse = new StringBuilder();
    AtomicInteger fastSseFrames = new AtomicInteger(); // each event ends with a blank line (so does the retry line)
    edge.onEventLoop(() -> edge.http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
            .setPort(edge.edge.port()).setURI("/events?extension=4567"))
        .compose(req -> req.send()).map(resp -> resp.handler(chunk -> {
          String text = chunk.toString(StandardCharsets.UTF_8);
          synchronized (fastSse) {
            boolean splitBlankLine = fastSse.length() > 0 && fastSse.charAt(fastSse.length() - 1) == '\n' && text.startsWith("\n");
            fastSse.append(text);
            int frames = splitBlankLine ? 1 : 0;
            for (int at = text.indexOf("\n\n"); at >= 0; at = text.indexOf("\n\n", at + 2)) {
              frames++;
            }
            fastSseFrames.addAndGet(frames);
          }
        }))).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(5)).until(() -> fastWsSeqs.size() == 1 && sseIds(fastSse).size() == 1);
    slowWs.pause();
    try (Socket slowSse = new Socket("127.0.0.1", edge.edge.port());
         Socket pipelinedPolls = new Socket("127.0.0.1", edge.edge.port())) {
      slowSse.getOutputStream().write("GET /events?extension=4567 HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      Thread flooder = Thread.ofPlatform().start(() -> pollWithoutReading(pipelinedPolls));

      for (int i = 1; i <= EVENTS; i++) {
        edge.append("4567", "E" + i + " " + "x".repeat(300));
        if (i % 100 == 0) {
          // The readers keep up: never more than READER_LAG events behind, well inside the edge's
          // write-queue bound. Appended all at once, 30,000 events outran even a reading client on
          // a loaded 2-core machine (the suite once saw both readers cut off as slow).
          int sent = i + 1; // and the latest, sent on subscribing
          await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
              .until(() -> fastWsSeqs.size() >= sent - READER_LAG && fastSseFrames.get() >= sent - READER_LAG);
        }
      }
      flooder.interrupt();

      await().atMost(Duration.ofSeconds(30)).until(() -> fastWsSeqs.size() == EVENTS + 1 && sseIds(fastSse).size() == EVENTS + 1);
      assertThat(fastWsSeqs).as("a reading WebSocket client's sequences").isEqualTo(range(1, EVENTS + 1));
      assertThat(sseIds(fastSse)).as("a reading SSE client's event ids").isEqualTo(range(1, EVENTS + 1));
      String metrics = edge.get("/metrics").body();
      assertThat(metrics).contains("edge_slow_clients_dropped_total{protocol=\"websocket\",service=\"web-edge\"} 1.0")
          .contains("edge_slow_clients_dropped_total{protocol=\"sse\",service=\"web-edge\"} 1.0");
      // The readers' own records (the test's, not the edge's) go before the heap is weighed.
      fastWsSeqs.clear();
      synchronized (fastSse) {
        fastSse.setLength(0);
        fastSse.trimToSize();
      }
      long heapAfter = usedHeapAfterGc();
      System.out.printf("[slow-subscribers] %d events of ~400 bytes; heap %d MB before, %d MB after; the slow"
          + " WebSocket and SSE clients cut off; the never-reading poller got %d bytes of requests in before the edge"
          + " stopped reading it%n", EVENTS, heapBefore >> 20, heapAfter >> 20, POLLS_WRITTEN.get());
      assertThat(POLLS_WRITTEN.get()).as("pipelined polls the edge read without their answers being read").isLessThan(4L << 20);
      assertThat(heapAfter - heapBefore).as("heap growth in bytes, the slow clients still connected").isLessThan(16L << 20);
      assertThat(edge.get("/health").status()).isEqualTo(200);
    }
  }

  /** One pipelined legacy poll after another on one connection, never reading an answer. */
  private void pollWithoutReading(Socket socket) {
    byte[] poll = "GET /event?extension=4567&eventid=i HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    try {
      socket.setSendBufferSize(64 * 1024);
      OutputStream out = socket.getOutputStream();
      while (!Thread.currentThread().isInterrupted()) {
        out.write(poll); // blocks once the edge stops reading from this connection
        POLLS_WRITTEN.addAndGet(poll.length);
      }
    } catch (java.io.IOException closedByTheEdge) {
      // the edge may close it: also fine
    }
  }

  private WebSocket websocket(List<Long> seqs) throws Exception {
    WebSocket ws = wsClient.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(edge.edge.port()).setURI("/ws"))
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    ws.textMessageHandler(t -> {
      JsonObject f = new JsonObject(t);
      if ("event".equals(f.getString("type"))) {
        seqs.add(f.getLong("seq"));
      }
    });
    ws.writeTextMessage("{\"op\":\"subscribe\",\"extensions\":[\"4567\"]}");
    return ws;
  }

  private static List<Long> sseIds(StringBuilder stream) {
    synchronized (stream) {
      Matcher m = SSE_ID.matcher(stream);
      List<Long> ids = new java.util.ArrayList<>();
      while (m.find()) {
        ids.add(Long.parseLong(m.group(1)));
      }
      return ids;
    }
  }

  private static List<Long> range(long from, long to) {
    return java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
  }

  private static long usedHeapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}

package com.callcentre.events.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Generated requests and WebSocket frames against a running edge: every endpoint's parameters,
 * headers and paths, JSONP callback names, and frames of every shape. Each gets an answer below
 * 500 (or, for a frame over the transport's limit, a close with 1009), only a safe identifier is
 * ever echoed as a callback, and a subscriber sending bad frames still gets every event.
 */
class EdgeInputFuzzTest {
  private static final Pattern SAFE_CALLBACK = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$.]{0,63}");
  private static final Pattern STATUS = Pattern.compile("HTTP/1\\.[01] (\\d{3})");
  private static final String FOLLOWED = "4567";
  private static Vertx vertx;
  private static EdgeFixture edge;
  private static WebSocketClient wsClient;

  @BeforeContainer
  static void start() {
    vertx = Vertx.vertx();
    edge = new EdgeFixture(vertx, EdgeFixture.config(Map.of("EDGE_LONG_POLL_TIMEOUT", "200ms",
        "EDGE_MAX_CONNECTIONS", "1000", "EDGE_PING_INTERVAL", "1h")));
    for (String ext : List.of(FOLLOWED, "4568", "450003")) {
      edge.append(ext, "C_OFFERED");
      edge.append(ext, "C_CONNECTED");
    }
    wsClient = vertx.createWebSocketClient();
  }

  @AfterContainer
  static void stop() throws Exception {
    wsClient.close();
    edge.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** A query no one can decode is the client's mistake on every push route: 400 naming it, never 500. */
  @Example
  void aBadEscapeIs400WithTheReasonAndTheEdgeServesOn() throws Exception {
    for (String uri : List.of("/event?extension=4567&eventid=%zz", "/event?callback=%e", "/events?extension=%4",
        "/ws?token=%zz")) {
      EdgeFixture.Reply r = edge.get(uri);

      assertThat(r.status()).as(uri).isEqualTo(400);
      assertThat(new JsonObject(r.body()).getString("error")).as(uri).startsWith("malformed query string: ");
    }
    // A route with a path parameter: Vert.x Web decodes the query itself, before the handler, and
    // refuses it with its own 400.
    EdgeFixture.Reply rest = edge.get("/api/extensions/4567/events?after=%zz");
    assertThat(rest.status()).isEqualTo(400);
    assertThat(new JsonObject(rest.body()).getString("error")).isEqualTo("bad request");

    EdgeFixture.Reply after = edge.get("/event?extension=4567&eventid=i");
    assertThat(after.status()).isEqualTo(200);
    assertThat(new JsonObject(after.body()).getString("connect_num")).isEqualTo(FOLLOWED); // its latest, whichever
  }

  @Property
  void everyRequestIsAnsweredBelow500AndOnlyASafeCallbackIsEchoed(@ForAll("requests") Request request)
      throws IOException {
    String response = exchange(request.text());
    Matcher status = STATUS.matcher(response);
    assertThat(status.lookingAt()).as("a status line for %s, got: %s", request.text(), response).isTrue();
    int code = Integer.parseInt(status.group(1));
    Statistics.collect(code);
    assertThat(code).as("status for %s", request.text()).isLessThan(500);
    String body = response.substring(response.indexOf("\r\n\r\n") + 4);
    if (request.callback() != null && !request.callback().isEmpty() && !SAFE_CALLBACK.matcher(request.callback()).matches()) {
      assertThat(body).as("body for unsafe callback %s", request.callback()).doesNotStartWith(request.callback());
      assertThat(body).doesNotContain(request.callback() + "(");
    }
    if (request.callback() != null && !request.callback().isEmpty() && body.startsWith(request.callback() + "(")) {
      Statistics.label("jsonp").collect("wrapped");
      assertThat(request.callback()).as("echoed callback").matches(SAFE_CALLBACK);
    }
  }

  /** The legacy poll with a generated callback: a safe identifier wraps the answer, anything else gets 400 unwrapped. */
  @Property
  void aJsonpCallbackIsEchoedOnlyWhenItIsASafeIdentifier(@ForAll("callbacks") String callback) throws IOException {
    String response = exchange("GET /event?extension=4567&eventid=i&callback="
        + URLEncoder.encode(callback, StandardCharsets.UTF_8) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    Matcher status = STATUS.matcher(response);
    assertThat(status.lookingAt()).as("a status line, got: %s", response).isTrue();
    String body = response.substring(response.indexOf("\r\n\r\n") + 4);
    boolean safe = SAFE_CALLBACK.matcher(callback).matches();
    Statistics.collect(safe ? "safe: wrapped" : "unsafe: refused");
    if (safe) {
      assertThat(status.group(1)).isEqualTo("200");
      assertThat(body).startsWith(callback + "(");
    } else {
      assertThat(status.group(1)).as("status for callback %s", callback).isEqualTo("400");
      assertThat(body).as("body for callback %s", callback).startsWith("{").doesNotContain(callback + "(");
    }
  }

  @Property
  void aBadFrameGetsAnErrorAndTheSubscriberStillGetsEveryEvent(@ForAll("frames") Frame frame) throws Exception {
    LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    AtomicInteger closedWith = new AtomicInteger(-1);
    WebSocket ws = wsClient.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(edge.edge.port())
        .setURI("/ws")).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    try {
      ws.textMessageHandler(t -> frames.add(new JsonObject(t)));
      ws.closeHandler(v -> closedWith.set(ws.closeStatusCode() == null ? 0 : ws.closeStatusCode()));
      ws.writeTextMessage("{\"op\":\"subscribe\",\"extensions\":[\"" + FOLLOWED + "\"]}");
      assertThat(typesWithin(frames, 2)).as("replies to the first subscribe").containsExactlyInAnyOrder("subscribed", "event");

      if (frame.binary()) {
        ws.writeBinaryMessage(Buffer.buffer(frame.bytes()));
      } else {
        ws.writeTextMessage(frame.text());
      }
      long seq = edge.append(FOLLOWED, "C_DROP").getLatest().getSeq();
      JsonObject delivered = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (delivered == null && closedWith.get() < 0 && System.nanoTime() < deadline) {
        JsonObject f = frames.poll(100, TimeUnit.MILLISECONDS);
        if (f == null) {
          continue;
        }
        Statistics.label("reply").collect(f.getString("type"));
        assertThat(f.getString("type")).as("frame after %s", frame).isIn("error", "subscribed", "event", "gap");
        if ("error".equals(f.getString("type"))) {
          assertThat(f.getString("reason")).isNotBlank();
        }
        if ("event".equals(f.getString("type")) && FOLLOWED.equals(f.getString("extension")) && f.getLong("seq") == seq) {
          delivered = f;
        }
      }
      if (closedWith.get() >= 0) {
        Statistics.label("reply").collect("closed " + closedWith.get());
        assertThat(closedWith.get()).as("close code after %d bytes", frame.length()).isEqualTo(1009);
        assertThat(frame.length()).isGreaterThan(8192);
      } else {
        assertThat(delivered).as("the event after %s", frame).isNotNull();
      }
    } finally {
      ws.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
  }

  private static List<String> typesWithin(LinkedBlockingQueue<JsonObject> frames, int count) throws InterruptedException {
    List<String> types = new java.util.ArrayList<>();
    for (JsonObject f = frames.poll(5, TimeUnit.SECONDS); f != null; f = types.size() == count ? null : frames.poll(5, TimeUnit.SECONDS)) {
      types.add(f.getString("type"));
    }
    return types;
  }

  /** Sends one raw request and reads the head and what body comes within the long-poll time. */
  private static String exchange(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", edge.edge.port())) {
      socket.setSoTimeout(1500);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      byte[] chunk = new byte[8192];
      try {
        for (int n = in.read(chunk); n > 0 && got.size() < 1 << 20; n = in.read(chunk)) {
          got.write(chunk, 0, n);
          String text = got.toString(StandardCharsets.UTF_8);
          if (complete(text)) {
            break;
          }
        }
      } catch (SocketTimeoutException heldOpen) {
        // an SSE stream or a kept-alive connection: what came is the answer
      }
      return got.toString(StandardCharsets.UTF_8);
    }
  }

  private static boolean complete(String text) {
    int head = text.indexOf("\r\n\r\n");
    if (head < 0) {
      return false;
    }
    Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(text.substring(0, head));
    if (length.find()) {
      return text.getBytes(StandardCharsets.UTF_8).length - head - 4 >= Integer.parseInt(length.group(1));
    }
    return text.substring(0, head).toLowerCase(java.util.Locale.ROOT).contains("text/event-stream")
        && text.length() > head + 4;
  }

  /** A raw HTTP/1.1 request and the callback it names, if any. */
  record Request(String text, String callback) {}

  /** A WebSocket message: text or binary. */
  record Frame(String text, byte[] bytes) {
    boolean binary() {
      return bytes != null;
    }

    int length() {
      return binary() ? bytes.length : text.length();
    }

    @Override
    public String toString() {
      return binary() ? "binary frame of " + bytes.length + " bytes"
          : "text frame of " + text.length() + ": " + text.substring(0, Math.min(120, text.length()));
    }
  }

  @Provide
  Arbitrary<Request> requests() {
    Arbitrary<String> path = Arbitraries.oneOf(
        Arbitraries.of("/event", "/events", "/ws", "/api/extensions", "/health", "/ready", "/metrics", "/",
            "/demo/index.html", "/call-events.js", "/webjars/none", "/api/extensions/4567/events"),
        Arbitraries.of("/api/extensions/", "/api/extensions/4567/", "/demo/../../etc/", "/event/")
            .flatMap(prefix -> value().map(v -> prefix + URLEncoder.encode(v, StandardCharsets.UTF_8))),
        Arbitraries.strings().withCharRange('!', '~').ofMaxLength(40).map(s -> "/" + s));
    // Values are sent encoded, and now and then as a raw escape no decoder accepts.
    Arbitrary<String> sent = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(9, value().map(v -> URLEncoder.encode(v, StandardCharsets.UTF_8))),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("%zz", "%", "%4", "%e2%82", "%%41")));
    Arbitrary<Map<String, String>> query = Arbitraries.maps(
        Arbitraries.of("extension", "eventid", "callback", "name", "since", "after", "token", "vdn", "all", "x"),
        sent).ofMaxSize(5);
    Arbitrary<String> method = Arbitraries.of("GET", "GET", "GET", "POST", "PUT", "DELETE", "OPTIONS", "HEAD", "PATCH");
    Arbitrary<Map<String, String>> headers = Arbitraries.maps(
        Arbitraries.of("Last-Event-ID", "Authorization", "Origin", "Upgrade", "Connection", "Accept", "Cookie",
            "Sec-WebSocket-Key", "Sec-WebSocket-Version", "X-Forwarded-For", "Content-Length"),
        Arbitraries.oneOf(Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(60),
            Arbitraries.of("websocket", "Upgrade", "Bearer x.y.z", "13", "-1", "99999999999", "text/event-stream"),
            Arbitraries.integers().between(4000, 9000).map("h"::repeat))).ofMaxSize(4);
    return Combinators.combine(method, path, query, headers).as((m, p, q, h) -> {
      String queryText = q.entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining("&"));
      StringBuilder text = new StringBuilder(m).append(' ').append(p).append(queryText.isEmpty() ? "" : "?" + queryText)
          .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
      h.forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
      return new Request(text.append("Connection: close\r\n\r\n").toString(), asDecoded(q.get("callback")));
    });
  }

  /** A value as the edge reads it; a raw escape that cannot be decoded as sent. */
  private static String asDecoded(String sent) {
    try {
      return sent == null ? null : java.net.URLDecoder.decode(sent, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return sent;
    }
  }

  /** Parameter values: good ones, near misses, injections, unicode, long and empty. */
  private static Arbitrary<String> value() {
    return Arbitraries.oneOf(
        Arbitraries.of("4567", "4568", "450003", "0", "1", "2", "-1", "99999999999999999999", "i", "x", "", " ",
            "alert(1)//", "cb", "jQuery123_456", "a.b.c", "<script>", "4567\r\nX-Injected: 1", "%zz", "../../etc/passwd",
            "{\"4567\":1}", "null", "\u0000", "\u00e9\u4e2d", "a".repeat(70)),
        Arbitraries.strings().ofMaxLength(40),
        Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(40));
  }

  @Provide
  Arbitrary<String> callbacks() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("abcXYZ_$.019").ofMinLength(1).ofMaxLength(70),
        Arbitraries.strings().ofMinLength(1).ofMaxLength(40),
        Arbitraries.of("alert(1)//", "cb;alert(1)", "a b", "</script><script>", "jQuery123_456", "window.cb", "$", "_",
            "1cb", "cb\u2028", "cb\r\nX: 1", "a".repeat(64), "a".repeat(65)));
  }

  @Provide
  Arbitrary<Frame> frames() {
    Arbitrary<String> id = Arbitraries.oneOf(
        Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(33).filter(s -> !s.equals(FOLLOWED)),
        Arbitraries.strings().ofMaxLength(20));
    Arbitrary<String> idValue = Arbitraries.oneOf(id.map(io.vertx.core.json.Json::encode),
        Arbitraries.of("1", "null", "true", "[]", "{}", "1.5", "[\"4568\"]"));
    Arbitrary<String> list = idValue.list().ofMaxSize(6).map(l -> "[" + String.join(",", l) + "]");
    Arbitrary<String> op = Arbitraries.of("\"subscribe\"", "\"unsubscribe\"", "\"SUBSCRIBE\"", "\"\"", "null", "1", "\"ping\"", "[\"subscribe\"]");
    Arbitrary<String> field = Arbitraries.of("extensions", "vdns", "all", "since", "op", "x");
    Arbitrary<String> fieldValue = Arbitraries.oneOf(list, Arbitraries.of("true", "false", "null", "1", "\"4568\"",
        "{\"4568\":1}", "{\"4568\":\"x\"}", "{\"4568\":-9223372036854775808}"));
    Arbitrary<String> object = Combinators.combine(op, Combinators.combine(field, fieldValue).as((f, v) -> "\"" + f + "\":" + v)
        .list().ofMaxSize(4)).as((o, fields) -> "{\"op\":" + o + (fields.isEmpty() ? "" : ",") + String.join(",", fields) + "}");
    Arbitrary<String> flood = Arbitraries.integers().between(4, 3000).map(n -> {
      StringBuilder b = new StringBuilder("{\"op\":\"subscribe\",\"extensions\":[");
      for (int i = 0; i < n; i++) {
        b.append(i == 0 ? "" : ",").append('"').append(5000 + i).append('"');
      }
      return b.append("]}").toString();
    });
    Arbitrary<String> oversized = Arbitraries.integers().between(2049, 20_000).map(n -> "{\"op\":\"" + "s".repeat(n) + "\"}");
    Arbitrary<Frame> text = Arbitraries.oneOf(object, flood, oversized, Arbitraries.strings().ofMaxLength(300),
        object.map(o -> o.substring(0, o.length() / 2))).map(t -> new Frame(t, null));
    Arbitrary<Frame> binary = Arbitraries.bytes().array(byte[].class).ofMaxSize(4096).map(b -> new Frame(null, b));
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, text), net.jqwik.api.Tuple.of(1, binary));
  }
}

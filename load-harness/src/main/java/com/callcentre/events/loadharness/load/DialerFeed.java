package com.callcentre.events.loadharness.load;

import com.callcentre.events.dialer.client.InjectorSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The outbound dialer's share of the load, through the real intake: half of it as a workstation
 * injector sends it (0MQ REQ, one request at a time per socket, a few sockets), half as HTTP
 * batches. Each message carries the feed's own {@code event_time}, the origin of its latency.
 */
public final class DialerFeed implements AutoCloseable {
  private static final String[] NAMES = {"C_OFFERED", "C_CONNECTED", "C_DROP", "C_CALLEND"};
  /** A REQ socket answers one request at a time (about 6 ms here): enough sockets for the 0MQ half. */
  private static final int ZMQ_PER_SOCKET = 100;
  private static final Duration HTTP_BATCH_EVERY = Duration.ofMillis(20);

  private final String zmqEndpoint;
  private final String httpUrl;
  private final Extensions extensions;
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong cursor = new AtomicLong();
  private volatile boolean running = true;
  private ZContext zmq;
  private BatchPoster http;
  /** The event ids the intake acknowledged, kept only when asked (fault tests check each one arrived). */
  private Set<String> acknowledgedIds;

  public DialerFeed(String zmqEndpoint, String httpUrl, Extensions extensions) {
    this.zmqEndpoint = zmqEndpoint;
    this.httpUrl = httpUrl;
    this.extensions = extensions;
  }

  /** Keeps the id of every acknowledged event from now on, for {@link #acknowledgedIds()}. */
  public DialerFeed keepingAcknowledgedIds() {
    acknowledgedIds = ConcurrentHashMap.newKeySet();
    return this;
  }

  /** The ids of the events the intake acknowledged (OK over 0MQ, status OK over HTTP) since {@link #keepingAcknowledgedIds()}. */
  public Set<String> acknowledgedIds() {
    return Set.copyOf(acknowledgedIds);
  }

  private void acknowledged(String eventUuid) {
    acknowledged.incrementAndGet();
    if (acknowledgedIds != null) {
      acknowledgedIds.add(eventUuid);
    }
  }

  /** Gives every extension one event over HTTP, so each has state before subscribers arrive. */
  public void seed() {
    postInBatches(extensions.count(), 1000, i -> message(extensions.get(i), "C_CALLEND"));
  }

  /** {@code events} more at once over HTTP, in batches of 500 sent back to back: a burst on top of the feed. */
  public void burst(int events) {
    postInBatches(events, 500, i -> message(next(), NAMES[i % NAMES.length]));
  }

  private void postInBatches(int count, int batchSize, java.util.function.IntFunction<JsonObject> message) {
    JsonArray batch = new JsonArray();
    for (int i = 0; i < count; i++) {
      batch.add(message.apply(i));
      if (batch.size() == batchSize || i == count - 1) {
        postBatch(batch);
        batch = new JsonArray();
      }
    }
  }

  /** Sends {@code perSecond} events until {@link #close()}: the 0MQ half and the HTTP half. */
  public void start(int perSecond) {
    if (perSecond <= 0) {
      return;
    }
    zmq = new ZContext();
    int zmqRate = perSecond / 2;
    int sockets = Math.max(1, (zmqRate + ZMQ_PER_SOCKET - 1) / ZMQ_PER_SOCKET);
    for (int i = 0; i < sockets && zmqRate > 0; i++) {
      double each = zmqRate / (double) sockets;
      threads.add(Thread.ofPlatform().name("dialer-zmq-" + i).start(() -> sendOverZmq(each)));
    }
    int httpRate = perSecond - zmqRate;
    if (httpRate > 0) {
      threads.add(Thread.ofPlatform().name("dialer-http").start(() -> sendOverHttp(httpRate)));
    }
  }

  private void sendOverZmq(double perSecond) {
    long start = System.nanoTime();
    long n = 0;
    while (running) {
      // A REQ socket without its reply cannot send again: like the workstation injector after its
      // 10 s wait, give that message up (counted as refused) and go on with a new socket.
      try (ZMQ.Socket req = InjectorSocket.connect(zmq, zmqEndpoint, Duration.ofSeconds(10))) {
        for (; running; n++) {
          waitUntil(start + (long) (n * 1e9 / perSecond));
          sent.incrementAndGet();
          req.send(message(next(), NAMES[(int) (n % NAMES.length)]).encode());
          String reply = req.recvStr();
          if (reply != null && reply.startsWith("OK ")) {
            acknowledged(reply.substring("OK ".length()).trim());
          } else {
            refused.incrementAndGet();
            if (reply == null) {
              n++;
              break;
            }
          }
        }
      } catch (RuntimeException closing) {
        if (running) {
          throw closing;
        }
      }
    }
  }

  private void sendOverHttp(int perSecond) {
    long start = System.nanoTime();
    long due = 0;
    for (long tick = 1; running; tick++) {
      waitUntil(start + tick * HTTP_BATCH_EVERY.toNanos());
      long shouldHaveSent = tick * HTTP_BATCH_EVERY.toMillis() * perSecond / 1000;
      JsonArray batch = new JsonArray();
      for (; due < shouldHaveSent; due++) {
        batch.add(message(next(), NAMES[(int) (due % NAMES.length)]));
      }
      if (!batch.isEmpty()) {
        try {
          postBatch(batch);
        } catch (RuntimeException unanswered) {
          // The intake did not answer (it is down or restarting): none of these was acknowledged.
          refused.addAndGet(batch.size());
        }
      }
    }
  }

  private void postBatch(JsonArray batch) {
    sent.addAndGet(batch.size());
    JsonObject answer = new JsonObject(poster().post(batch.encode()));
    for (Object r : answer.getJsonArray("results")) {
      if ("OK".equals(((JsonObject) r).getString("status"))) {
        acknowledged(((JsonObject) r).getString("event_uuid"));
      } else {
        refused.incrementAndGet();
      }
    }
  }

  private synchronized BatchPoster poster() {
    if (http == null) {
      http = new BatchPoster(httpUrl);
    }
    return http;
  }

  private String next() {
    // A stride through the extensions, so consecutive events rarely share one.
    return extensions.get((int) ((cursor.getAndIncrement() * 7919) % extensions.count()));
  }

  private static JsonObject message(String extension, String name) {
    return new JsonObject().put("connect_num", extension).put("event_name_s", name)
        .put("calling_num", "3035550100").put("event_time", Long.toString(System.currentTimeMillis()));
  }

  private static void waitUntil(long nanoTime) {
    long wait = nanoTime - System.nanoTime();
    if (wait > 0) {
      LockSupport.parkNanos(wait);
    }
  }

  public long sent() {
    return sent.get();
  }

  public long acknowledged() {
    return acknowledged.get();
  }

  public long refused() {
    return refused.get();
  }

  @Override
  public void close() {
    running = false;
    for (Thread t : threads) {
      try {
        t.join(15_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    threads.clear();
    if (zmq != null) {
      zmq.close();
      zmq = null;
    }
    synchronized (this) {
      if (http != null) {
        http.close();
        http = null;
      }
    }
  }
}

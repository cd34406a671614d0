package com.callcentre.events.dialer.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZFrame;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

/**
 * The 0MQ endpoint the workstation injectors connect their REQ sockets to.
 *
 * <p>To a REQ client this is a REP socket: one JSON message in, one line out ({@code OK <uuid>} or
 * {@code ERROR <reason>: <detail>}), sent only once Kafka has acknowledged the event or the reply
 * timeout has passed. Underneath it is a ROUTER socket, the asynchronous form of REP, so one slow
 * acknowledgement does not hold up every other injector: replies go back, each to its own sender,
 * as they complete. Only the intake thread touches the socket; completions queue their replies
 * and wake it through a pipe it polls beside the socket, so a reply leaves as soon as Kafka has
 * acknowledged, not at the loop's next timeout.
 */
public final class ZmqIntake implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ZmqIntake.class);
  private static final byte[] WAKE = {1};

  private final String endpoint;
  private final IntakePipeline pipeline;
  private final Queue<ZMsg> replies = new ConcurrentLinkedQueue<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final CompletableFuture<String> bound = new CompletableFuture<>();
  private final Thread thread;
  private final Pipe wakeup;
  private final ByteBuffer drain = ByteBuffer.allocate(256);
  private volatile boolean running = true;

  public ZmqIntake(String endpoint, IntakePipeline pipeline) {
    this.endpoint = endpoint;
    this.pipeline = pipeline;
    this.thread = new Thread(this::run, "zmq-intake");
    try {
      this.wakeup = Pipe.open();
      wakeup.sink().configureBlocking(false);
      wakeup.source().configureBlocking(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the intake's wake-up pipe", e);
    }
  }

  /** Binds and starts serving; returns the endpoint actually bound (a port of 0 is resolved). */
  public String start() {
    thread.start();
    return bound.join();
  }

  private void run() {
    try (ZContext context = new ZContext()) {
      ZMQ.Socket router = context.createSocket(SocketType.ROUTER);
      router.setLinger(1000);
      String actual;
      try {
        actual = bind(router);
      } catch (RuntimeException e) {
        bound.completeExceptionally(new IllegalStateException("cannot bind 0MQ endpoint " + endpoint + ": " + e, e));
        return;
      }
      log.info("0MQ intake listening on {}", actual);
      bound.complete(actual);
      ZMQ.Poller poller = context.createPoller(2);
      poller.register(router, ZMQ.Poller.POLLIN);
      poller.register(wakeup.source(), ZMQ.Poller.POLLIN);
      long drainDeadline = Long.MAX_VALUE;
      while (running || (inFlight.get() > 0 && System.nanoTime() < drainDeadline)) {
        if (!running && drainDeadline == Long.MAX_VALUE) {
          drainDeadline = System.nanoTime() + 15_000_000_000L;
        }
        poller.poll(100);
        if (poller.pollin(1)) {
          drainWakeups();
        }
        sendReplies(router);
        if (running && poller.pollin(0)) {
          ZMsg message;
          while ((message = ZMsg.recvMsg(router, ZMQ.DONTWAIT)) != null) {
            handle(message);
          }
        }
      }
      sendReplies(router);
    } catch (RuntimeException e) {
      if (running) {
        log.error("0MQ intake stopped unexpectedly", e);
      }
    }
  }

  private String bind(ZMQ.Socket router) {
    if (endpoint.endsWith(":0")) {
      int port = router.bindToRandomPort(endpoint.substring(0, endpoint.lastIndexOf(':')));
      return endpoint.substring(0, endpoint.lastIndexOf(':') + 1) + port;
    }
    router.bind(endpoint);
    return endpoint;
  }

  /** A REQ client's message arrives as [identity…, empty delimiter, body]; the reply reuses the envelope. */
  private void handle(ZMsg message) {
    List<ZFrame> envelope = new ArrayList<>();
    ZFrame frame;
    while ((frame = message.pop()) != null && frame.size() > 0) {
      envelope.add(frame);
    }
    ZFrame body = message.pop();
    if (frame == null || body == null || !message.isEmpty()) {
      log.warn("dropping a 0MQ message that is not REQ-framed ({} envelope frames)", envelope.size());
      return;
    }
    inFlight.incrementAndGet();
    pipeline.submit(body.getData(), "zmq", Map.of()).thenAccept(outcome -> {
      ZMsg reply = new ZMsg();
      envelope.forEach(reply::add);
      reply.add(new ZFrame(new byte[0]));
      reply.addString(outcome.zmqReply());
      replies.add(reply);
      inFlight.decrementAndGet();
      wake();
    });
  }

  /** Called on the completing thread: one byte in the pipe makes the intake loop's poll return. */
  private void wake() {
    try {
      wakeup.sink().write(ByteBuffer.wrap(WAKE));
    } catch (IOException e) {
      // The pipe is closed (shutting down) or full (a wake-up is already pending): nothing to do.
    }
  }

  private void drainWakeups() {
    try {
      while (wakeup.source().read(drain.clear()) > 0) {
        // read until empty
      }
    } catch (IOException e) {
      log.debug("wake-up pipe: {}", e.toString());
    }
  }

  private void sendReplies(ZMQ.Socket router) {
    ZMsg reply;
    while ((reply = replies.poll()) != null) {
      reply.send(router);
    }
  }

  /** Stops taking messages, answers the ones in flight (bounded), and closes the socket. */
  @Override
  public void close() {
    running = false;
    wake();
    try {
      thread.join(20_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      wakeup.sink().close();
      wakeup.source().close();
    } catch (IOException e) {
      log.debug("closing the wake-up pipe: {}", e.toString());
    }
  }
}

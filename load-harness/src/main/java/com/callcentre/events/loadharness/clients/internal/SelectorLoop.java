package com.callcentre.events.loadharness.clients.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * One thread that owns a selector and every connection registered on it, with timers and tasks
 * handed over from other threads. A client process has one: all its subscribers' state is touched
 * only here, so none of it needs a lock, a future or a hop between threads per event.
 */
final class SelectorLoop implements AutoCloseable {
  /** What the loop tells a socket registered on it (its key's attachment). */
  interface Ready {
    void connectable() throws IOException;

    void writable() throws IOException;

    /** {@code bytes} were read, all in by {@code receiptMicros}; copy what is kept, the buffer is reused. */
    void readable(ByteBuffer bytes, long receiptMicros) throws IOException;

    /** The socket failed or was closed by its peer. */
    void failed(String why);
  }

  private record Timer(long dueNanos, long order, Runnable action) { }

  final Selector selector;
  private final Thread thread;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) -> a.dueNanos != b.dueNanos
      ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.order, b.order));
  /** Every read goes through this one buffer and is copied into its connection's own bytes. */
  private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(256 * 1024);
  private long timerOrder;
  private volatile boolean running = true;

  SelectorLoop(String name) throws IOException {
    this.selector = Selector.open();
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Runs {@code task} on the loop; from any thread. */
  void execute(Runnable task) {
    tasks.add(task);
    selector.wakeup();
  }

  /** The value of {@code work}, computed on the loop; from any thread. */
  <T> CompletableFuture<T> call(Supplier<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    execute(() -> {
      try {
        result.complete(work.get());
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }

  /** Runs {@code action} on the loop after {@code delayMs}; call on the loop. */
  void schedule(long delayMs, Runnable action) {
    timers.add(new Timer(System.nanoTime() + delayMs * 1_000_000, timerOrder++, action));
  }

  @Override
  public void close() {
    running = false;
    selector.wakeup();
  }

  private void run() {
    try (selector) {
      while (running) {
        long waitMs = untilNextTimerMs();
        if (waitMs < 0) {
          selector.select();
        } else if (waitMs == 0) {
          selector.selectNow();
        } else {
          selector.select(waitMs);
        }
        // Every byte this select reported was in by now: the receipt time of what it completes.
        long receiptMicros = Deliveries.nowMicros();
        for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
          SelectionKey key = it.next();
          it.remove();
          ready(key, receiptMicros);
        }
        for (Runnable task; (task = tasks.poll()) != null; ) {
          runSafely(task);
        }
        long now = System.nanoTime();
        while (!timers.isEmpty() && timers.peek().dueNanos - now <= 0) {
          runSafely(timers.poll().action);
        }
      }
    } catch (IOException e) {
      System.err.println("client selector loop stopped: " + e);
    }
  }

  private long untilNextTimerMs() {
    if (!tasks.isEmpty()) {
      return 0;
    }
    if (timers.isEmpty()) {
      return -1;
    }
    long nanos = timers.peek().dueNanos - System.nanoTime();
    return nanos <= 0 ? 0 : Math.max(1, nanos / 1_000_000);
  }

  private void ready(SelectionKey key, long receiptMicros) {
    Ready socket = (Ready) key.attachment();
    try {
      if (!key.isValid()) {
        return;
      }
      if (key.isConnectable()) {
        socket.connectable();
      }
      if (key.isValid() && key.isWritable()) {
        socket.writable();
      }
      if (key.isValid() && key.isReadable()) {
        readBuffer.clear();
        int n = ((SocketChannel) key.channel()).read(readBuffer);
        if (n < 0) {
          socket.failed("connection closed by the edge");
          return;
        }
        readBuffer.flip();
        socket.readable(readBuffer, receiptMicros);
      }
    } catch (IOException | RuntimeException e) {
      socket.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static void runSafely(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      System.err.println("client task failed: " + e);
      e.printStackTrace();
    }
  }
}

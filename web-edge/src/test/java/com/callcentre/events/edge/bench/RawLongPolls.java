package com.callcentre.events.edge.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The benchmark's lean long-poll client: plain non-blocking sockets on a few selector threads, one
 * request written per connection and round, and each answer stamped with the time its last bytes
 * were read. Nothing else is done while answers arrive (no HTTP library, no JSON, no futures): the
 * {@code ingest_time} is read from the kept bodies after every answer is in. So the client takes as
 * little of the shared cores as a client can, and the wake-up measures the server.
 *
 * <p>Answers must be HTTP/1.1 with a {@code Content-Length} (the edge's and the floor's are); any
 * other status than 200 is counted as a failure and reported.
 */
final class RawLongPolls implements HoldingClient {
  private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] INGEST_TIME = "\"ingest_time\":\"".getBytes(StandardCharsets.US_ASCII);

  private final List<Connection> connections = new ArrayList<>();
  private final List<Loop> loops = new ArrayList<>();
  private final long epochNanosAtStart;
  private final long nanoTimeAtStart;
  private final int port;
  private volatile CountDownLatch answered = new CountDownLatch(0);

  RawLongPolls(int port, int count, int threads) throws IOException {
    this.port = port;
    this.epochNanosAtStart = Answers.epochNanos(Instant.now());
    this.nanoTimeAtStart = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      loops.add(new Loop(t));
    }
    for (int i = 0; i < count; i++) {
      SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      channel.configureBlocking(false);
      Connection c = new Connection(channel);
      connections.add(c);
      loops.get(i % threads).add(c);
    }
    loops.forEach(Loop::start);
  }

  @Override
  public void hold(int round, IntFunction<String> pathOf) throws IOException {
    answered = new CountDownLatch(connections.size());
    for (int i = 0; i < connections.size(); i++) {
      Connection c = connections.get(i);
      c.reset();
      String request = "GET " + pathOf.apply(i) + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n";
      ByteBuffer bytes = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
      while (bytes.hasRemaining()) {
        c.channel.write(bytes); // a fresh request on an idle connection: the socket buffer takes it at once
      }
    }
  }

  @Override
  public Answers answers(Duration timeout) throws Exception {
    if (!answered.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(answered.getCount() + " of " + connections.size() + " not answered within " + timeout);
    }
    List<String> failures = new ArrayList<>();
    long[] ingests = new long[connections.size()];
    long[] arrivals = new long[connections.size()];
    for (int i = 0; i < ingests.length; i++) {
      Connection c = connections.get(i);
      if (c.status != 200) {
        failures.add("status " + c.status + ": " + new String(c.buffer, 0, c.length, StandardCharsets.UTF_8));
        continue;
      }
      ingests[i] = ingestEpochNanos(c);
      arrivals[i] = epochNanosAtStart + (c.answeredAtNanos - nanoTimeAtStart);
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException(failures.size() + " answers failed, first: " + failures.get(0));
    }
    return Answers.of(ingests, arrivals);
  }

  private static long ingestEpochNanos(Connection c) {
    int at = indexOf(c.buffer, c.bodyStart, c.length, INGEST_TIME);
    if (at < 0) {
      throw new IllegalStateException("no ingest_time in " + new String(c.buffer, 0, c.length, StandardCharsets.UTF_8));
    }
    int from = at + INGEST_TIME.length;
    int to = from;
    while (c.buffer[to] != '"') {
      to++;
    }
    return Answers.epochNanos(Instant.parse(new String(c.buffer, from, to - from, StandardCharsets.US_ASCII)));
  }

  @Override
  public void close() throws IOException {
    for (Loop loop : loops) {
      loop.stop();
    }
    for (Connection c : connections) {
      c.channel.close();
    }
  }

  /** One selector thread and its share of the connections. */
  private final class Loop {
    private final Selector selector;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
    private final Thread thread;
    private volatile boolean running = true;

    Loop(int index) throws IOException {
      this.selector = Selector.open();
      this.thread = new Thread(this::run, "raw-long-polls-" + index);
      thread.setDaemon(true);
    }

    void add(Connection c) throws IOException {
      c.channel.register(selector, SelectionKey.OP_READ, c); // before start(): no select() to wait for
    }

    void start() {
      thread.start();
    }

    void stop() {
      running = false;
      selector.wakeup();
    }

    private void run() {
      try (selector) {
        while (running) {
          selector.select();
          long now = System.nanoTime(); // every answer of this wake-up was in by now
          for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
            SelectionKey key = it.next();
            it.remove();
            read((Connection) key.attachment(), now);
          }
        }
      } catch (IOException e) {
        System.err.println("raw long-poll client stopped: " + e);
      }
    }

    private void read(Connection c, long now) throws IOException {
      readBuffer.clear();
      int n = c.channel.read(readBuffer);
      if (n < 0) {
        c.channel.keyFor(selector).cancel();
        if (c.status == 0) {
          c.status = -1; // closed before answering: counted as a failure
          answered.countDown();
        }
        return;
      }
      readBuffer.flip();
      c.append(readBuffer);
      if (c.complete()) {
        c.answeredAtNanos = now;
        answered.countDown();
      }
    }
  }

  /** One socket and the answer being read on it. */
  private static final class Connection {
    final SocketChannel channel;
    byte[] buffer = new byte[2048];
    int length;
    int bodyStart = -1;
    int contentLength = -1;
    int status;
    long answeredAtNanos;

    Connection(SocketChannel channel) {
      this.channel = channel;
    }

    void reset() {
      length = 0;
      bodyStart = -1;
      contentLength = -1;
      status = 0;
    }

    void append(ByteBuffer bytes) {
      if (length + bytes.remaining() > buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + bytes.remaining()));
      }
      int n = bytes.remaining();
      bytes.get(buffer, length, n);
      length += n;
    }

    /** Whether the whole answer is in; parses its status line and length once the header is. */
    boolean complete() {
      if (bodyStart < 0) {
        int end = indexOf(buffer, 0, length, HEADER_END);
        if (end < 0) {
          return false;
        }
        bodyStart = end + HEADER_END.length;
        status = Integer.parseInt(new String(buffer, 9, 3, StandardCharsets.US_ASCII)); // "HTTP/1.1 200"
        int at = indexOfIgnoreCase(buffer, bodyStart, CONTENT_LENGTH);
        if (at < 0) {
          throw new IllegalStateException("answer without Content-Length: " + new String(buffer, 0, bodyStart, StandardCharsets.US_ASCII));
        }
        int i = at + CONTENT_LENGTH.length;
        while (buffer[i] == ' ') {
          i++;
        }
        int value = 0;
        while (buffer[i] >= '0' && buffer[i] <= '9') {
          value = value * 10 + (buffer[i++] - '0');
        }
        contentLength = value;
      }
      return length >= bodyStart + contentLength;
    }
  }

  static int indexOf(byte[] in, int from, int to, byte[] what) {
    outer:
    for (int i = from; i <= to - what.length; i++) {
      for (int j = 0; j < what.length; j++) {
        if (in[i + j] != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static int indexOfIgnoreCase(byte[] in, int to, byte[] lowerCase) {
    outer:
    for (int i = 0; i <= to - lowerCase.length; i++) {
      for (int j = 0; j < lowerCase.length; j++) {
        byte b = in[i + j];
        if ((b >= 'A' && b <= 'Z' ? b + 32 : b) != lowerCase[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}

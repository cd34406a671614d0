package com.callcentre.events.loadharness.clients.internal;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One subscriber's socket on its client's {@link SelectorLoop}: connects from the process's source
 * address, writes what the protocol sends, keeps what arrived and not yet consumed, and tells its
 * protocol ({@link #onConnected}, {@link #onBytes}) on the loop. Any fault closes it and is reported
 * once, to {@link ConnectionEvents#failed}.
 */
abstract class RawConnection implements SelectorLoop.Ready {
  final SubscriberState subscriber;
  final ConnectionEvents events;
  /** The edge as the Host header names it. */
  private final String host;
  private SocketChannel channel;
  private SelectionKey key;
  private SelectorLoop loop;
  /** Bytes read and not yet consumed: {@code in[start, end)}. */
  byte[] in = new byte[2048];
  int start;
  int end;
  private ByteBuffer unsent;
  private boolean over;

  RawConnection(SubscriberState subscriber, ConnectionEvents events, String host) {
    this.subscriber = subscriber;
    this.events = events;
    this.host = host;
  }

  /** Opens the socket from {@code local}, on the next of {@code ports} free there, to {@code remote}; on the loop. */
  final void open(SelectorLoop loop, InetSocketAddress remote, InetAddress local, LocalPorts ports) throws IOException {
    this.loop = loop;
    channel = SocketChannel.open();
    try {
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      bind(local, ports);
      boolean connected = channel.connect(remote);
      key = channel.register(loop.selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, this);
      if (connected) {
        onConnected();
      }
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private void bind(InetAddress local, LocalPorts ports) throws IOException {
    BindException last = null;
    for (int i = 0; i < LocalPorts.TRIES; i++) {
      try {
        channel.bind(new InetSocketAddress(local, ports.next()));
        return;
      } catch (BindException inUse) {
        last = inUse;
      }
    }
    throw new BindException("no free source port on " + local.getHostAddress() + " in " + LocalPorts.TRIES
        + " tries: " + last.getMessage());
  }

  @Override
  public final void connectable() throws IOException {
    channel.finishConnect();
    key.interestOps(SelectionKey.OP_READ);
    onConnected();
  }

  /** Sends {@code bytes}; what the socket does not take at once goes when it can. */
  final void send(byte[] bytes) throws IOException {
    if (unsent != null) {
      ByteBuffer all = ByteBuffer.allocate(unsent.remaining() + bytes.length).put(unsent).put(bytes).flip();
      unsent = all;
      return;
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    channel.write(buffer);
    if (buffer.hasRemaining()) {
      unsent = buffer;
      key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
    }
  }

  /** Sends {@code GET target HTTP/1.1} to the edge with these header lines ("Name: value"). */
  final void sendGet(String target, String... headerLines) throws IOException {
    StringBuilder request = new StringBuilder(160).append("GET ").append(target).append(" HTTP/1.1\r\nHost: ")
        .append(host).append("\r\n");
    for (String line : headerLines) {
      request.append(line).append("\r\n");
    }
    send(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public final void writable() throws IOException {
    if (unsent != null) {
      channel.write(unsent);
      if (!unsent.hasRemaining()) {
        unsent = null;
        key.interestOps(SelectionKey.OP_READ);
      }
    }
  }

  @Override
  public final void readable(ByteBuffer bytes, long receiptMicros) throws IOException {
    append(bytes);
    onBytes(receiptMicros);
  }

  private void append(ByteBuffer bytes) {
    int n = bytes.remaining();
    if (end + n > in.length) {
      if (start > 0) { // drop what was consumed before growing
        System.arraycopy(in, start, in, 0, end - start);
        end -= start;
        start = 0;
      }
      if (end + n > in.length) {
        in = Arrays.copyOf(in, Math.max(in.length * 2, end + n));
      }
    }
    bytes.get(in, end, n);
    end += n;
  }

  /** Drops what is consumed: the next bytes start at {@code in[start]}. */
  final void consumed(int upTo) {
    start = upTo;
    if (start == end) {
      start = 0;
      end = 0;
    }
  }

  /** Runs {@code action} on the loop after {@code delayMs}, unless this connection has ended by then. */
  final void later(long delayMs, Runnable action) {
    loop.schedule(delayMs, () -> {
      if (!over) {
        action.run();
      }
    });
  }

  /** Ends this connection with a fault: closed, and reported once. */
  @Override
  public final void failed(String why) {
    if (!over) {
      close();
      events.failed(subscriber, why);
    }
  }

  final void close() {
    over = true;
    if (channel == null) {
      return;
    }
    try {
      channel.close(); // also cancels its key
    } catch (IOException ignored) {
      // closing: nothing left to tell
    }
  }

  /** The socket is connected: send the protocol's opening. */
  abstract void onConnected() throws IOException;

  /** New bytes are in {@code in[start, end)}, all read by the time {@code receiptMicros}. */
  abstract void onBytes(long receiptMicros) throws IOException;
}

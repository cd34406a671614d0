package com.callcentre.events.loadharness.clients.internal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket on {@code /ws} (RFC 6455, no extensions): the upgrade, then one {@code subscribe}
 * for the subscriber's extension (with {@code since} when it resumes), then the edge's text
 * messages; pings are answered. What the client sends is masked, as the RFC requires of clients.
 */
final class WebSocketConnection extends RawConnection {
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final int TEXT = 1;
  private static final int CONTINUATION = 0;
  private static final int CLOSE = 8;
  private static final int PING = 9;
  private static final int PONG = 10;

  private final String key;
  private boolean upgraded;
  /** A text message whose later frames are still to come. */
  private ByteArrayOutputStream fragments;

  WebSocketConnection(SubscriberState subscriber, ConnectionEvents events, String host) {
    super(subscriber, events, host);
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    this.key = Base64.getEncoder().encodeToString(nonce);
  }

  @Override
  void onConnected() throws IOException {
    sendGet("/ws?name=" + subscriber.name, "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: " + key,
        "Sec-WebSocket-Version: 13");
  }

  @Override
  void onBytes(long receiptMicros) throws IOException {
    if (!upgraded) {
      HttpHead head = HttpHead.parse(in, start, end, "sec-websocket-accept");
      if (head == null) {
        return;
      }
      if (head.status() != 101) {
        failed("HTTP " + head.status() + " to the upgrade");
        return;
      }
      if (!accept(key).equals(head.wanted())) {
        throw new IllegalStateException("upgrade answered with a wrong Sec-WebSocket-Accept: " + head.wanted());
      }
      consumed(head.bodyStart());
      upgraded = true;
      subscribe();
    }
    while (upgraded && frame(receiptMicros)) {
      // one whole frame taken per turn
    }
  }

  private void subscribe() throws IOException {
    SubscriberState s = subscriber;
    JsonObject subscribe = new JsonObject().put("op", "subscribe").put("extensions", new JsonArray().add(s.extension));
    if (s.lastSeq >= 0) {
      subscribe.put("since", new JsonObject().put(s.extension, s.lastSeq));
    }
    send(frame(TEXT, subscribe.encode().getBytes(StandardCharsets.UTF_8)));
    s.held = true;
  }

  /** Takes one whole frame from {@code in} if it is there; false when more bytes are needed. */
  private boolean frame(long receiptMicros) throws IOException {
    int available = end - start;
    if (available < 2) {
      return false;
    }
    int b0 = in[start] & 0xff;
    int b1 = in[start + 1] & 0xff;
    if ((b1 & 0x80) != 0) {
      throw new IllegalStateException("a masked frame from the server");
    }
    int headerLength = 2;
    long length = b1 & 0x7f;
    if (length == 126) {
      headerLength = 4;
      if (available < headerLength) {
        return false;
      }
      length = ((in[start + 2] & 0xff) << 8) | (in[start + 3] & 0xff);
    } else if (length == 127) {
      headerLength = 10;
      if (available < headerLength) {
        return false;
      }
      length = 0;
      for (int i = 2; i < 10; i++) {
        length = (length << 8) | (in[start + i] & 0xff);
      }
    }
    if (length > 16L << 20) {
      throw new IllegalStateException("a frame of " + length + " bytes");
    }
    if (available < headerLength + length) {
      return false;
    }
    int payloadStart = start + headerLength;
    int payloadLength = (int) length;
    boolean fin = (b0 & 0x80) != 0;
    int opcode = b0 & 0x0f;
    byte[] payload = java.util.Arrays.copyOfRange(in, payloadStart, payloadStart + payloadLength);
    consumed(payloadStart + payloadLength);
    switch (opcode) {
      case TEXT, CONTINUATION -> message(payload, opcode == CONTINUATION, fin, receiptMicros);
      case PING -> send(frame(PONG, payload));
      case CLOSE -> {
        upgraded = false; // nothing after a close frame is read
        failed("socket closed by the edge: " + closeReason(payload));
      }
      case PONG -> { }
      default -> throw new IllegalStateException("unexpected frame opcode " + opcode);
    }
    return upgraded;
  }

  private void message(byte[] payload, boolean continuation, boolean fin, long receiptMicros) {
    if (!continuation && fin) {
      events.message(subscriber, new String(payload, StandardCharsets.UTF_8), receiptMicros);
      return;
    }
    if (!continuation) {
      fragments = new ByteArrayOutputStream();
    } else if (fragments == null) {
      throw new IllegalStateException("a continuation frame with no message begun");
    }
    fragments.writeBytes(payload);
    if (fin) {
      String text = fragments.toString(StandardCharsets.UTF_8);
      fragments = null;
      events.message(subscriber, text, receiptMicros);
    }
  }

  private static String closeReason(byte[] payload) {
    if (payload.length < 2) {
      return "no code";
    }
    int code = ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
    return code + " " + new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
  }

  /** A final, masked frame of {@code opcode} carrying {@code payload} (under 64 KiB). */
  static byte[] frame(int opcode, byte[] payload) {
    int n = payload.length;
    int header = n < 126 ? 2 : 4;
    byte[] out = new byte[header + 4 + n];
    out[0] = (byte) (0x80 | opcode);
    if (n < 126) {
      out[1] = (byte) (0x80 | n);
    } else {
      out[1] = (byte) (0x80 | 126);
      out[2] = (byte) (n >>> 8);
      out[3] = (byte) n;
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    System.arraycopy(mask, 0, out, header, 4);
    for (int i = 0; i < n; i++) {
      out[header + 4 + i] = (byte) (payload[i] ^ mask[i & 3]);
    }
    return out;
  }

  /** The {@code Sec-WebSocket-Accept} an edge must answer {@code key} with. */
  static String accept(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-1 in this JDK", e);
    }
  }
}

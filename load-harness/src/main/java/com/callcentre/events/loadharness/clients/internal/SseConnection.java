package com.callcentre.events.loadharness.clients.internal;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * An SSE stream, {@code GET /events?extension=E}, resumed with {@code Last-Event-ID}: the chunked
 * body is taken apart into blocks ending in a blank line, and each {@code call-event} block is one
 * event.
 */
final class SseConnection extends RawConnection {
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] BLANK_LINE = {'\n', '\n'};

  private HttpHead head;
  /** The stream's text so far, out of its chunks, not yet taken as blocks: {@code text[0, textLength)}. */
  private byte[] text = new byte[1024];
  private int textLength;
  /** Bytes of the current chunk still to come, or -1 when a chunk's size line is next. */
  private int chunkLeft = -1;

  SseConnection(SubscriberState subscriber, ConnectionEvents events, String host) {
    super(subscriber, events, host);
  }

  @Override
  void onConnected() throws IOException {
    SubscriberState s = subscriber;
    String target = "/events?extension=" + s.extension + "&name=" + s.name;
    if (s.lastSeq >= 0) {
      sendGet(target, "Accept: text/event-stream", "Last-Event-ID: " + s.lastSeq);
    } else {
      sendGet(target, "Accept: text/event-stream");
    }
  }

  @Override
  void onBytes(long receiptMicros) throws IOException {
    if (head == null) {
      head = HttpHead.parse(in, start, end, null);
      if (head == null) {
        return;
      }
      if (head.status() != 200) {
        failed("HTTP " + head.status());
        return;
      }
      if (!head.chunked()) {
        throw new IllegalStateException("SSE answer not chunked");
      }
      consumed(head.bodyStart());
      subscriber.held = true;
    }
    if (dechunk()) {
      takeBlocks(receiptMicros);
    }
  }

  /** Moves whole or partial chunks from {@code in} to {@code text}; false once the stream has ended. */
  private boolean dechunk() {
    while (start < end) {
      if (chunkLeft < 0) {
        int lineEnd = HttpHead.indexOf(in, start, end, CRLF);
        if (lineEnd < 0) {
          return true;
        }
        String size = new String(in, start, lineEnd - start, StandardCharsets.ISO_8859_1);
        int semicolon = size.indexOf(';');
        int length = Integer.parseInt((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
        consumed(lineEnd + CRLF.length);
        if (length == 0) {
          failed("stream ended by the edge");
          return false;
        }
        chunkLeft = length + CRLF.length; // the data, then its CRLF
      }
      int take = Math.min(chunkLeft, end - start);
      int data = Math.min(take, chunkLeft - CRLF.length); // never the chunk's closing CRLF
      if (data > 0) {
        appendText(data);
      }
      chunkLeft -= take;
      consumed(start + take);
      if (chunkLeft == 0) {
        chunkLeft = -1;
      }
    }
    return true;
  }

  private void appendText(int n) {
    if (textLength + n > text.length) {
      text = java.util.Arrays.copyOf(text, Math.max(text.length * 2, textLength + n));
    }
    System.arraycopy(in, start, text, textLength, n);
    textLength += n;
  }

  private void takeBlocks(long receiptMicros) {
    int from = 0;
    int blockEnd;
    while ((blockEnd = HttpHead.indexOf(text, from, textLength, BLANK_LINE)) >= 0) {
      onBlock(new String(text, from, blockEnd - from, StandardCharsets.UTF_8), receiptMicros);
      from = blockEnd + BLANK_LINE.length;
    }
    System.arraycopy(text, from, text, 0, textLength - from);
    textLength -= from;
  }

  private void onBlock(String block, long receiptMicros) {
    String type = "message";
    String data = null;
    for (String line : block.split("\n")) {
      if (line.startsWith("event: ")) {
        type = line.substring(7);
      } else if (line.startsWith("data: ")) {
        data = line.substring(6);
      }
    }
    if (data == null) {
      return; // a ping comment or the retry hint
    }
    switch (type) {
      case "call-event" -> {
        JsonObject event = new JsonObject(data);
        events.received(subscriber, Long.parseLong(event.getString("event_id")), event, receiptMicros);
      }
      case "gap" -> events.gap();
      case "error" -> events.count("error event: " + data);
      default -> { }
    }
  }
}

package com.callcentre.events.loadharness.clients.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The head of an HTTP/1.1 answer, read from bytes as they arrive: its status, how its body is
 * framed, one header the caller asks for, and where the body starts.
 *
 * @param contentLength the body's length, -1 when it has none (chunked, or the answer has no body)
 */
record HttpHead(int status, long contentLength, boolean chunked, String wanted, int bodyStart) {
  private static final byte[] END = {'\r', '\n', '\r', '\n'};

  /**
   * The head in {@code in[from, to)}, or null while it is not all in.
   *
   * @param wantedHeader a header's name, lower case, whose value goes to {@link #wanted}; null for none
   * @throws IllegalStateException when the bytes are not an HTTP/1.1 answer
   */
  static HttpHead parse(byte[] in, int from, int to, String wantedHeader) {
    int headEnd = indexOf(in, from, to, END);
    if (headEnd < 0) {
      if (to - from > 64 * 1024) {
        throw new IllegalStateException("an answer's head over 64 KiB");
      }
      return null;
    }
    String[] lines = new String(in, from, headEnd - from, StandardCharsets.ISO_8859_1).split("\r\n");
    if (!lines[0].startsWith("HTTP/1.") || lines[0].length() < 12) {
      throw new IllegalStateException("not an HTTP answer: " + abbreviate(lines[0]));
    }
    int status;
    try {
      status = Integer.parseInt(lines[0].substring(9, 12));
    } catch (NumberFormatException e) {
      throw new IllegalStateException("no status in " + abbreviate(lines[0]));
    }
    long length = -1;
    boolean chunked = false;
    String wanted = null;
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = lines[i].substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> length = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        default -> { }
      }
      if (name.equals(wantedHeader)) {
        wanted = value;
      }
    }
    return new HttpHead(status, length, chunked, wanted, headEnd + END.length);
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

  static String abbreviate(String s) {
    return s.length() > 120 ? s.substring(0, 120) + "..." : s;
  }
}

package com.callcentre.events.loadharness.clients.internal;

/**
 * The source ports one client process hands its connections, in turn, below the kernel's
 * ephemeral range.
 *
 * <p>Each client process leaves from a source address of its own, so it can name its ports rather
 * than bind port 0. Binding port 0 before connecting makes the kernel search the ephemeral range
 * for a port free on that address, and with tens of thousands of sockets bound that search is what
 * the clients did: at 100,000 held, six of seven clients spent the ramp inside {@code bind}, so
 * slowly that they did not answer the harness for a minute (docs/benchmarks.md, #11, thirteenth
 * round). A named port is one lookup. A port still in use (held, or in TIME_WAIT after a reconnect
 * or an earlier run's clients) refuses the bind at once, and the next is tried: a block of them is
 * walked past once, and the turn goes on after it.
 */
final class LocalPorts {
  static final int FIRST = 10_000;
  static final int LAST = 32_767;
  /** Binds tried for one connection before it is counted as a failure: the whole range once. */
  static final int TRIES = LAST - FIRST + 1;

  private int next;

  LocalPorts(int first) {
    if (first < FIRST || first > LAST) {
      throw new IllegalArgumentException("first port " + first + " outside " + FIRST + "-" + LAST);
    }
    this.next = first;
  }

  LocalPorts() {
    this(FIRST);
  }

  int next() {
    int port = next;
    next = next == LAST ? FIRST : next + 1;
    return port;
  }
}

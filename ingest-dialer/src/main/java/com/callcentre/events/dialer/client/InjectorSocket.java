package com.callcentre.events.dialer.client;

import java.time.Duration;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A REQ socket set up the way this project's own JeroMQ injectors (the sample workstation feed,
 * the tests) must use one.
 *
 * <p>JeroMQ 0.6.0 has a race in its I/O thread's poller: when a connecting socket's connector
 * cancels its channel registration and the new stream engine registers the same channel in the
 * same pass, the engine is sometimes never registered, the ZMTP handshake never starts, and the
 * request waits for the handshake timeout (30 s by default) before the socket reconnects and
 * sends it (zeromq/jeromq #1022 describes the same cause; libzmq clients are not affected). About
 * 7 % of fresh connections hit it here. A short handshake interval turns that stall into a
 * reconnect within {@link #HANDSHAKE_INTERVAL}; the request waiting in the socket's pipe is then
 * sent on the new connection, so nothing is lost and nothing is resent by the application.
 */
public final class InjectorSocket {
  /** Far above a loopback or LAN handshake (about a millisecond), far below the injector's 10 s patience. */
  public static final Duration HANDSHAKE_INTERVAL = Duration.ofMillis(300);
  public static final Duration RECONNECT_INTERVAL = Duration.ofMillis(100);

  private InjectorSocket() {}

  /** A connected REQ socket whose receive gives up after {@code replyTimeout} (then null). */
  public static ZMQ.Socket connect(ZContext context, String endpoint, Duration replyTimeout) {
    ZMQ.Socket req = context.createSocket(SocketType.REQ);
    req.setHandshakeIvl((int) HANDSHAKE_INTERVAL.toMillis());
    req.setReconnectIVL((int) RECONNECT_INTERVAL.toMillis());
    req.setReceiveTimeOut((int) replyTimeout.toMillis());
    req.setLinger(0);
    req.connect(endpoint);
    return req;
  }
}

package com.callcentre.events.switchreader;

import com.callcentre.events.asai.AsaiClient;
import com.callcentre.events.asai.AsaiEventDecoder;
import com.callcentre.events.asai.AsaiException;
import com.callcentre.events.asai.DecodedEvent;
import com.callcentre.events.asai.UndecodableBufferException;
import com.callcentre.events.retry.Backoff;
import com.callcentre.events.retry.RetryPolicy;
import com.callcentre.events.schemas.events.EventUuids;
import com.sun.jna.Memory;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One VDN's connection to the switch, on its own platform thread (a native blocking read would pin
 * a virtual thread's carrier): open, set the node id, request the VDN's call events, then read
 * until the link fails, and reconnect after a doubling, jittered, capped wait. Every buffer goes
 * to the raw topic; a good one also becomes a call event, a bad one a dead letter. Bad input
 * never stops the reader.
 */
final class VdnReader implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(VdnReader.class);

  private final String vdn;
  private final SwitchConfig config;
  private final AsaiClient client;
  private final AsaiEventDecoder decoder;
  private final SwitchPublisher publisher;
  private final VdnStatus status;
  private final Backoff backoff;
  private final Thread thread;
  private volatile boolean running = true;
  private final java.util.concurrent.atomic.AtomicInteger openFd = new java.util.concurrent.atomic.AtomicInteger(-1);

  VdnReader(String vdn, SwitchConfig config, AsaiClient client, SwitchPublisher publisher) {
    this.vdn = vdn;
    this.config = config;
    this.client = client;
    this.decoder = new AsaiEventDecoder(client.layout());
    this.publisher = publisher;
    this.status = new VdnStatus(vdn);
    this.backoff = RetryPolicy.doubling(config.reconnectFirst(), config.reconnectMax()).backoff();
    this.thread = Thread.ofPlatform().name("vdn-reader-" + vdn).unstarted(this);
  }

  VdnStatus status() {
    return status;
  }

  void start() {
    thread.start();
  }

  @Override
  public void run() {
    Memory buffer = client.newReceiveBuffer();
    while (running) {
      try {
        readUntilFailure(connect(buffer), buffer);
      } catch (AsaiException e) {
        status.disconnected(e.getMessage());
        closeQuietly();
        if (!running) {
          break;
        }
        Duration wait = backoff.nextDelay();
        status.reconnecting(wait);
        log.warn("VDN {}: {}; reconnecting in {} ms", vdn, e.getMessage(), wait.toMillis());
        if (!Backoff.sleep(wait)) {
          running = false;
        }
      }
    }
    closeQuietly();
  }

  private int connect(Memory buffer) throws AsaiException {
    int fd = client.open(config.server());
    openFd.set(fd);
    client.setNodeId(fd, config.nodeId());
    client.requestCallVectorEvents(fd, vdn, buffer);
    status.connected();
    log.info("VDN {} connected (fd {})", vdn, fd);
    return fd;
  }

  private void readUntilFailure(int fd, Memory buffer) throws AsaiException {
    long healthySince = System.nanoTime();
    while (running) {
      int n = client.receive(fd, buffer);
      Instant receivedAt = Instant.now();
      byte[] bytes = buffer.getByteArray(0, n);
      long address = AsaiClient.address(buffer);
      // The uuid the event will carry if the buffer decodes, named on the raw record too, so a
      // replay can tell which raw buffer an event came from.
      String eventUuid = EventUuids.next();
      RecordHeaders headers = RawBufferHeaders.of(vdn, client.layout().id(), receivedAt, address, eventUuid).toKafka();
      publisher.raw(vdn, bytes, headers);
      try {
        DecodedEvent event = decoder.decode(bytes, n, address);
        publisher.event(SwitchEventMapper.toCallEvent(event, vdn, receivedAt, eventUuid));
        status.decoded.incrementAndGet();
        status.eventSeen();
      } catch (UndecodableBufferException bad) {
        status.rejected.incrementAndGet();
        log.warn("VDN {}: rejected a {}-byte buffer ({}): {}", vdn, n, bad.reason(), bad.getMessage());
        publisher.deadLetter(vdn, bad.reason(), bad.getMessage(), bytes, headers);
      }
      if (System.nanoTime() - healthySince > config.healthyReset().toNanos()) {
        backoff.reset();
      }
    }
  }

  /** Closes the fd once, whoever gets here first (the reader, or stop() from another thread). */
  private void closeQuietly() {
    int open = openFd.getAndSet(-1);
    if (open >= 0) {
      try {
        client.close(open);
      } catch (AsaiException e) {
        log.debug("VDN {}: close: {}", vdn, e.getMessage());
      }
    }
  }

  /** Stops reading: closing the fd wakes the blocking asai_rcv. */
  void stop() {
    running = false;
    closeQuietly();
  }

  void join(Duration timeout) throws InterruptedException {
    thread.join(timeout);
  }

  boolean isAlive() {
    return thread.isAlive();
  }
}

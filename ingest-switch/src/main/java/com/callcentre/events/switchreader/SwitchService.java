package com.callcentre.events.switchreader;

import com.callcentre.events.asai.AsaiClient;
import com.callcentre.events.asai.AsaiLibrary;
import com.callcentre.events.asai.LayoutDescriptor;
import com.callcentre.events.runtime.ops.Health;
import com.callcentre.events.runtime.ops.HealthCheck;
import com.callcentre.events.runtime.ops.OpsServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import com.callcentre.events.runtime.lifecycle.VertxFutures;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running switch reader: one {@link VdnReader} per VDN, the publisher, and the ops endpoints. */
public final class SwitchService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SwitchService.class);

  private final List<VdnReader> readers;
  private final SwitchPublisher publisher;
  private final Vertx vertx;
  private final boolean ownsVertx;
  private final HttpServer ops;

  private SwitchService(List<VdnReader> readers, SwitchPublisher publisher, Vertx vertx, boolean ownsVertx, HttpServer ops) {
    this.readers = readers;
    this.publisher = publisher;
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.ops = ops;
  }

  public static SwitchService start(SwitchConfig config, Vertx vertx, boolean ownsVertx) throws IOException {
    LayoutDescriptor layout = LayoutDescriptor.load(config.layout());
    AsaiLibrary library = AsaiClient.load(config.library());
    AsaiClient client = new AsaiClient(library, layout);
    PrometheusMeterRegistry metrics = OpsServer.newMeterRegistry("ingest-switch");
    SwitchPublisher publisher = new SwitchPublisher(config.kafka(), config.kafka().registryClient(), metrics);
    List<VdnReader> readers = new ArrayList<>();
    for (String vdn : config.vdns()) {
      VdnReader reader = new VdnReader(vdn, config, client, publisher);
      VdnStatus s = reader.status();
      Tags tags = Tags.of("vdn", vdn);
      Gauge.builder("switch_vdn_connected", s, st -> st.isConnected() ? 1 : 0).tags(tags).register(metrics);
      FunctionCounter.builder("switch_events_decoded", s, VdnStatus::decoded).tags(tags).register(metrics);
      FunctionCounter.builder("switch_buffers_rejected", s, VdnStatus::rejected).tags(tags).register(metrics);
      FunctionCounter.builder("switch_reconnects", s, VdnStatus::reconnects).tags(tags).register(metrics);
      readers.add(reader);
    }
    Health health = new Health().register("vdns", () -> {
      Map<String, Object> details = new LinkedHashMap<>();
      boolean any = false;
      for (VdnReader r : readers) {
        details.put(r.status().vdn(), r.status().toMap());
        any |= r.status().isConnected();
      }
      details.put("layout", layout.id());
      return new HealthCheck.Status(any, details);
    }).readyWhen(() -> readers.stream().anyMatch(r -> r.status().isConnected()));
    readers.forEach(VdnReader::start);
    HttpServer ops;
    try {
      ops = VertxFutures.await(OpsServer.start(vertx, config.httpHost(), config.httpPort(), health, metrics),
          Duration.ofSeconds(30), "cannot listen on " + config.httpHost() + ":" + config.httpPort());
    } catch (IllegalStateException e) {
      readers.forEach(VdnReader::stop);
      publisher.close();
      throw e;
    }
    log.info("ingest-switch reading VDNs {} through {} (layout {})", config.vdns(), config.library(), layout.id());
    return new SwitchService(readers, publisher, vertx, ownsVertx, ops);
  }

  public Map<String, VdnStatus> statuses() {
    Map<String, VdnStatus> m = new LinkedHashMap<>();
    readers.forEach(r -> m.put(r.status().vdn(), r.status()));
    return m;
  }

  public int opsPort() {
    return ops.actualPort();
  }

  /** Stops every reader (closing its fd wakes its blocking read), then flushes and closes Kafka. */
  @Override
  public void close() {
    readers.forEach(VdnReader::stop);
    for (VdnReader r : readers) {
      try {
        r.join(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (r.isAlive()) {
        log.warn("a VDN reader did not stop within 10 s");
      }
    }
    publisher.close();
    VertxFutures.awaitQuietly(ops.close(), Duration.ofSeconds(10));
    if (ownsVertx) {
      VertxFutures.awaitQuietly(vertx.close(), Duration.ofSeconds(10));
    }
  }
}

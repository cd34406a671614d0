package com.callcentre.events.devstack;

import com.callcentre.events.dialer.client.InjectorSocket;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Plays a few outbound agents' workstations: REQ sockets sending the injector's flat JSON, one call
 * after another per extension (offered, connected, a minute or less of talk, drop, call end), so the
 * demo page has live calls to show. Each message waits for the intake's OK, as the injector does.
 */
final class SampleDialerFeed implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SampleDialerFeed.class);
  /** As long as the VB.NET injector waits for its reply. */
  private static final Duration REPLY_WAIT = Duration.ofSeconds(10);
  static final List<String> EXTENSIONS = List.of("4501", "4502", "4503", "4504", "4505");

  private final String endpoint;
  private final Thread thread;
  private volatile boolean running = true;

  SampleDialerFeed(String endpoint) {
    this.endpoint = endpoint;
    this.thread = new Thread(this::run, "sample-dialer-feed");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void run() {
    Random random = new Random();
    long[] nextStep = new long[EXTENSIONS.size()];
    int[] step = new int[EXTENSIONS.size()];
    int[] callNo = new int[EXTENSIONS.size()];
    String[] steps = {"C_OFFERED", "C_CONNECTED", "C_DROP", "C_CALLEND"};
    try (ZContext context = new ZContext()) {
      ZMQ.Socket req = InjectorSocket.connect(context, endpoint, REPLY_WAIT);
      while (running) {
        long now = System.currentTimeMillis();
        for (int i = 0; i < EXTENSIONS.size() && running; i++) {
          if (now < nextStep[i]) {
            continue;
          }
          String ext = EXTENSIONS.get(i);
          String name = steps[step[i]];
          String callId = ext + "-" + callNo[i];
          String json = String.format("{\"connect_num\" : \"%s\",\"event_name_s\" : \"%s\",\"calling_num\" : \"303555%04d\","
              + "\"vdn\" : \"4500\",\"call_unique_id\" : \"dialer-%s\",\"campaign\" : \"renewals\"}",
              ext, name, 1000 + callNo[i] % 9000, callId);
          req.send(json);
          String reply = req.recvStr();
          if (reply == null) {
            log.warn("no reply from the dialer intake in 10 s; recreating the REQ socket");
            context.destroySocket(req);
            req = InjectorSocket.connect(context, endpoint, REPLY_WAIT);
          } else if (!reply.startsWith("OK")) {
            log.warn("dialer intake answered {}", reply);
          }
          step[i] = (step[i] + 1) % steps.length;
          if (step[i] == 0) {
            callNo[i]++;
          }
          long pause = switch (name) {
            case "C_OFFERED" -> 2_000 + random.nextInt(4_000);
            case "C_CONNECTED" -> 8_000 + random.nextInt(30_000);
            case "C_DROP" -> 200;
            default -> 3_000 + random.nextInt(8_000);
          };
          nextStep[i] = now + pause;
        }
        TimeUnit.MILLISECONDS.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (running) {
        log.error("sample dialer feed stopped", e);
      }
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(12_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

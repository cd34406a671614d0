package com.callcentre.events.runtime.ops;

import java.util.Map;

/** One part of a service reporting on itself for {@code /health}. */
public interface HealthCheck {
  Status check();

  /** {@code healthy} false turns {@code /health} into a 503; details are shown either way. */
  record Status(boolean healthy, Map<String, Object> details) {
    public static Status up(Map<String, Object> details) {
      return new Status(true, details);
    }

    public static Status down(Map<String, Object> details) {
      return new Status(false, details);
    }
  }
}

package com.callcentre.events.loadharness.load;

import java.util.ArrayList;
import java.util.List;

/**
 * The extensions a run spreads its load and subscribers over, named as the switch simulator names
 * its agents: VDNs 4500, 4501, ... with up to 1,000 agents each, an agent being the VDN's digits and
 * its zero-padded number ({@code agents=N} in the simulator). The dialer feed uses the same names,
 * so both sources land on the extensions the subscribers follow.
 */
public record Extensions(int vdns, int agentsPerVdn) {
  public static final int FIRST_VDN = 4500;
  private static final int MAX_AGENTS_PER_VDN = 1000;

  public static Extensions spread(int count) {
    int agents = Math.min(count, MAX_AGENTS_PER_VDN);
    return new Extensions((count + agents - 1) / agents, agents);
  }

  public int count() {
    return vdns * agentsPerVdn;
  }

  public List<String> vdnNumbers() {
    List<String> out = new ArrayList<>();
    for (int v = 0; v < vdns; v++) {
      out.add(Integer.toString(FIRST_VDN + v));
    }
    return out;
  }

  /** The i-th extension, i from 0 to count-1. */
  public String get(int i) {
    return Integer.toString(FIRST_VDN + i / agentsPerVdn) + pad((i % agentsPerVdn) + 1, digitsOf());
  }

  public List<String> all() {
    List<String> out = new ArrayList<>(count());
    for (int i = 0; i < count(); i++) {
      out.add(get(i));
    }
    return out;
  }

  /** The simulator pads to the width of N itself, at least two digits: 8 → 01..08, 1000 → 0001..1000. */
  private int digitsOf() {
    return Math.max(2, Integer.toString(agentsPerVdn).length());
  }

  private static String pad(int n, int width) {
    String s = Integer.toString(n);
    return "0".repeat(Math.max(0, width - s.length())) + s;
  }
}

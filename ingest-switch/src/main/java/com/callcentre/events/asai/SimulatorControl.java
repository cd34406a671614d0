package com.callcentre.events.asai;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;

/**
 * The simulator's extra functions (not in the vendor library): reconfigure it at run time and
 * count its open connections. Tests and the dev stack use them; the service never does.
 */
public interface SimulatorControl extends Library {
  /** e.g. {@code "mode=scripted,calls=4,interval_ms=2,link_down_every=7"}; resets every VDN's call stream. */
  NativeLong asai_sim_configure(String spec);

  NativeLong asai_sim_open_fds();
}

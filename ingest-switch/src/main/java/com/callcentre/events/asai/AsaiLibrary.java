package com.callcentre.events.asai;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The CVLAN/ASAI client library's functions, mirrored exactly (C {@code long} is
 * {@link NativeLong}: 8 bytes on Linux x86-64, 4 on Windows). Nothing here checks anything; use
 * {@link AsaiClient}.
 *
 * <p>cdecl, as the Linux library and the simulator export them. A Windows {@code cvlancli.dll}
 * built with {@code __stdcall} needs this interface to extend {@code StdCallLibrary} instead.
 */
public interface AsaiLibrary extends Library {
  int asai_open(String path, int flags);

  NativeLong asai_set_env(int fd, NativeLong characteristic, Pointer arg);

  NativeLong asai_send(int fd, Pointer buf, NativeLong length);

  NativeLong asai_rcv(int fd, Pointer buf, NativeLong length);

  NativeLong asai_errval(Pointer mesBuf);

  NativeLong asai_close(int fd);
}

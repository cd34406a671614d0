package com.callcentre.events.asai;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;

/**
 * The Java side of the CVLAN/ASAI library: each call checks its return code and turns a failure
 * into an {@link AsaiException} carrying {@code asai_errval}'s message. Structures are written and
 * read by the layout descriptor, never by a hand-copied Java class.
 */
public final class AsaiClient {
  private static final int ERRVAL_BUFFER = 512;

  private final AsaiLibrary lib;
  private final LayoutDescriptor layout;

  public AsaiClient(AsaiLibrary lib, LayoutDescriptor layout) {
    this.lib = lib;
    this.layout = layout;
  }

  /** Loads the library by name (found on the library path or class path) or by file path. */
  public static AsaiLibrary load(String nameOrPath) {
    return Native.load(nameOrPath, AsaiLibrary.class);
  }

  public LayoutDescriptor layout() {
    return layout;
  }

  /** A receive buffer big enough for any message of this layout. */
  public Memory newReceiveBuffer() {
    int size = Math.max(layout.size("en_rep_t"), Math.max(layout.size("cv_ack_t"), layout.size("cv_info_t")));
    return new Memory(size);
  }

  public int open(String server) throws AsaiException {
    int fd = lib.asai_open(server, 0);
    if (fd < 0) {
      throw failure("asai_open(" + server + ")");
    }
    return fd;
  }

  public void setNodeId(int fd, String nodeId) throws AsaiException {
    Memory arg = cString(nodeId);
    check(lib.asai_set_env(fd, new NativeLong(layout.enumValue("C_NODE_ID")), arg), "asai_set_env(C_NODE_ID)");
  }

  /**
   * Asks for the call events of one VDN: a {@code cv_info_t} with capability C_EN_REQ, primitive
   * C_REQUEST, domain C_CALL_VECTOR, and the VDN digits in the struct's own pool, pointed to by
   * {@code domain_ext}. Then waits for the switch's acknowledgement.
   */
  public void requestCallVectorEvents(int fd, String vdn, Memory receiveBuffer) throws AsaiException {
    Memory request = EventNotificationRequest.write(layout, vdn);
    NativeLong sent = lib.asai_send(fd, request, new NativeLong(request.size()));
    check(sent, "asai_send(C_EN_REQ " + vdn + ")");
    int n = receive(fd, receiveBuffer);
    StructView ack = new StructView(receiveBuffer.getByteArray(0, n), n, layout);
    long capability = ack.cEnum(layout.offset("asai_common_t", "capability"));
    long primitive = ack.cEnum(layout.offset("asai_common_t", "primitive_type"));
    if (capability != layout.enumValue("C_EN_REQ") || n < layout.size("cv_ack_t")) {
      throw new AsaiException("expected the acknowledgement of C_EN_REQ for VDN " + vdn + ", got capability " + capability);
    }
    if (primitive != layout.enumValue("C_POS_ACK")) {
      throw new AsaiException("switch refused event notification for VDN " + vdn + " (cause "
          + ack.cLong(layout.offset("cv_ack_t", "cause")) + ")");
    }
  }

  /** Blocks until the next message; returns its length in {@code buffer}. */
  public int receive(int fd, Memory buffer) throws AsaiException {
    NativeLong n = lib.asai_rcv(fd, buffer, new NativeLong(buffer.size()));
    check(n, "asai_rcv");
    return n.intValue();
  }

  public void close(int fd) throws AsaiException {
    check(lib.asai_close(fd), "asai_close");
  }

  private void check(NativeLong rc, String what) throws AsaiException {
    if (rc.longValue() < 0) {
      throw failure(what);
    }
  }

  private AsaiException failure(String what) {
    Memory message = new Memory(ERRVAL_BUFFER);
    message.clear();
    lib.asai_errval(message);
    String text = message.getString(0, StandardCharsets.US_ASCII.name());
    return new AsaiException(what + " failed: " + (text.isEmpty() ? "no error text" : text));
  }

  private static Memory cString(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
    Memory m = new Memory(bytes.length + 1L);
    m.write(0, bytes, 0, bytes.length);
    m.setByte(bytes.length, (byte) 0);
    return m;
  }

  /** The native address of a buffer, to relocate the pointers inside what it received. */
  public static long address(Pointer p) {
    return Pointer.nativeValue(p);
  }
}

package com.callcentre.events.streams.sequencing.internal;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * An in-memory guard in front of the seen-uuids window store that answers "certainly not seen" for
 * almost every new event, so the store's range fetch (a RocksDB iterator per segment, 12 % of the
 * stream thread on a backlog) runs only for real repeats and the odd false positive.
 *
 * <p>Bloom filters in generations of a fixed number of uuids. A generation is dropped once its
 * newest record time is older than {@code forgetAfter} behind the newest time added; from then on a
 * look-up reaching back before what is still held answers "maybe", and the store decides. So the
 * filter never says "not seen" for a uuid the store holds: it only saves work, it never decides.
 */
public final class SeenUuidFilter {
  private static final int HASHES = 7; // with 10 bits per uuid: about 1 % false positives

  private final int perGeneration;
  private final long forgetAfter;
  private final Deque<Generation> generations = new ArrayDeque<>();
  private long coveredSince = Long.MIN_VALUE;
  private long newest = Long.MIN_VALUE;

  /**
   * @param perGeneration uuids per generation (10 bits of memory each)
   * @param forgetAfter   how far behind the newest record time a generation is dropped, in ms;
   *                      longer than the longest look-up reaches back
   */
  public SeenUuidFilter(int perGeneration, long forgetAfter) {
    if (perGeneration < 1 || forgetAfter < 0) {
      throw new IllegalArgumentException("perGeneration must be positive and forgetAfter not negative");
    }
    this.perGeneration = perGeneration;
    this.forgetAfter = forgetAfter;
  }

  /** A uuid's two hashes, computed once for a look-up and the add that follows it. */
  public record Hashed(long h1, long h2) {}

  public static Hashed hash(String uuid) {
    return new Hashed(hash(uuid, 0x9E3779B97F4A7C15L), hash(uuid, 0xC2B2AE3D27D4EB4FL) | 1);
  }

  /** False only if no uuid equal to this one was added with a time in {@code [from, to]}. */
  public boolean mightContain(String uuid, long from, long to) {
    return mightContain(hash(uuid), from, to);
  }

  public boolean mightContain(Hashed uuid, long from, long to) {
    if (from < coveredSince) {
      return true;
    }
    for (Generation g : generations) {
      if (g.overlaps(from, to) && g.mightContain(uuid.h1(), uuid.h2())) {
        return true;
      }
    }
    return false;
  }

  public void add(String uuid, long time) {
    add(hash(uuid), time);
  }

  public void add(Hashed uuid, long time) {
    Generation current = generations.peekLast();
    if (current == null || current.count == perGeneration) {
      current = new Generation(perGeneration);
      generations.addLast(current);
    }
    current.add(uuid.h1(), uuid.h2(), time);
    newest = Math.max(newest, time);
    forgetOld();
  }

  int generations() {
    return generations.size();
  }

  private void forgetOld() {
    while (generations.size() > 1 && generations.peekFirst().maxTime < newest - forgetAfter) {
      coveredSince = Math.max(coveredSince, generations.removeFirst().maxTime + 1);
    }
  }

  /** FNV-1a over the characters, then MurmurHash3's finaliser; the seed gives independent hashes. */
  private static long hash(String s, long seed) {
    long h = 0xCBF29CE484222325L ^ seed;
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * 0x100000001B3L;
    }
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    return h ^ (h >>> 33);
  }

  private static final class Generation {
    private final long[] bits;
    private final long size;
    private int count;
    private long minTime = Long.MAX_VALUE;
    private long maxTime = Long.MIN_VALUE;

    Generation(int capacity) {
      this.bits = new long[Math.max(1, (int) ((capacity * 10L + 63) / 64))];
      this.size = bits.length * 64L;
    }

    void add(long h1, long h2, long time) {
      for (int i = 0; i < HASHES; i++) {
        long bit = Math.floorMod(h1 + i * h2, size);
        bits[(int) (bit >>> 6)] |= 1L << bit;
      }
      count++;
      minTime = Math.min(minTime, time);
      maxTime = Math.max(maxTime, time);
    }

    boolean overlaps(long from, long to) {
      return count > 0 && minTime <= to && maxTime >= from;
    }

    boolean mightContain(long h1, long h2) {
      for (int i = 0; i < HASHES; i++) {
        long bit = Math.floorMod(h1 + i * h2, size);
        if ((bits[(int) (bit >>> 6)] & (1L << bit)) == 0) {
          return false;
        }
      }
      return true;
    }
  }
}

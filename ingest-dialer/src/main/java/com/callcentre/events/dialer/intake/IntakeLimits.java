package com.callcentre.events.dialer.intake;

import java.util.regex.Pattern;

/**
 * What a dialer message may be.
 *
 * @param maxMessageBytes  one message, as received (UTF-8 JSON)
 * @param maxKeys          keys in one message
 * @param maxValueChars    characters in one value
 * @param extensionPattern what {@code connect_num} must look like
 * @param maxBatch         messages in one HTTP array
 */
public record IntakeLimits(int maxMessageBytes, int maxKeys, int maxValueChars, Pattern extensionPattern, int maxBatch) {
  public static IntakeLimits defaults() {
    return new IntakeLimits(16 * 1024, 64, 1024, Pattern.compile("[0-9]{2,15}"), 1000);
  }
}

package dev.jakartaparse.push.spi;

/**
 * One installation to notify, as stored in {@code _Installation}.
 *
 * @param installationId the installation's objectId
 * @param deviceType "android", "ios", "osx", "tvos", "web", ...
 * @param deviceToken the service's token for the device
 * @param pushType the installation's pushType (e.g. "gcm"), or null
 * @param appIdentifier the installation's appIdentifier (an iOS bundle id picks the APNs topic), or null
 */
public record Device(
        String installationId, String deviceType, String deviceToken, String pushType, String appIdentifier) {}

package dev.jakartaparse.config;

import java.util.Map;

/**
 * Parse Server's {@code installation} option: what happens to the other installations when a
 * save claims a deviceToken they hold.
 *
 * @param updateDuplicates {@code duplicateDeviceTokenAction}: false ('delete', the default) deletes
 *                         the other rows; true ('update') only clears the conflicting field on them
 * @param tokenRowWins     {@code duplicateDeviceTokenMergePriority}: when the installation found by id
 *                         and a row holding the token without an installationId are one device, true
 *                         ('deviceToken', the default) keeps the token's row, false ('installationId')
 *                         keeps the installation found by id
 */
public record InstallationOptions(boolean updateDuplicates, boolean tokenRowWins) {

    public static final InstallationOptions PARSE_DEFAULTS = new InstallationOptions(false, true);

    /**
     * From the option's JSON and the single-key settings (each may be null). Parse Server's third
     * key, duplicateDeviceTokenActionEnforceAuth, is refused when true: here the clean-up always runs
     * with the server's rights, as Parse Server does by default.
     */
    static InstallationOptions from(Map<String, Object> json, String action, String priority, String enforceAuth) {
        Map<String, Object> raw = json == null ? Map.of() : json;
        String a = action != null ? action : string(raw.get("duplicateDeviceTokenAction"), "delete");
        String p = priority != null ? priority : string(raw.get("duplicateDeviceTokenMergePriority"), "deviceToken");
        Object enforce = enforceAuth != null ? enforceAuth : raw.get("duplicateDeviceTokenActionEnforceAuth");
        if (!"delete".equals(a) && !"update".equals(a)) {
            throw new ConfigurationError("installation", "duplicateDeviceTokenAction must be 'delete' or 'update'");
        }
        if (!"deviceToken".equals(p) && !"installationId".equals(p)) {
            throw new ConfigurationError(
                    "installation", "duplicateDeviceTokenMergePriority must be 'deviceToken' or 'installationId'");
        }
        if (enforce != null && !"false".equals(String.valueOf(enforce))) {
            throw new ConfigurationError(
                    "installation", "duplicateDeviceTokenActionEnforceAuth is not supported (only false)");
        }
        return new InstallationOptions("update".equals(a), "deviceToken".equals(p));
    }

    private static String string(Object v, String dflt) {
        return v == null ? dflt : String.valueOf(v);
    }
}

package dev.jakartaparse.rest.routing;

import dev.jakartaparse.model.Auth;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.rest.support.HttpError;

/**
 * What the master keys may do on a route, and the one check of it, made by {@code MasterKeyFilter}
 * for the resources and by batch for its sub-requests. Without a master key (when the route needs
 * one): 403 {"error":"Permission denied"} (Parse Server's sanitized "unauthorized: master key is
 * required"). The read-only master key passes, unless the route writes: then 119 "read-only
 * masterKey isn't allowed to ..." (sanitized), or, on the file routes, 403 {"error":...} without a
 * code, as Parse Server answers them.
 *
 * @param masterRequired    whether the route needs a master key (false: only the read-only one is refused)
 * @param readOnlyRefusedTo what the route does, for the refusal of the read-only master key; null
 *                          when the read-only master key may call the route
 * @param refusedOverHttp   whether the read-only key is refused with a bare 403, not a Parse error
 */
public record MasterOnly(boolean masterRequired, String readOnlyRefusedTo, boolean refusedOverHttp) {

    /** The master key or the read-only one. */
    public static final MasterOnly READ_ONLY_ALLOWED = new MasterOnly(true, null, false);

    /** The master key; the read-only one is refused "to {action}" with 119. */
    public static MasterOnly refusingReadOnly(String action) {
        return new MasterOnly(true, action, false);
    }

    /** The master key; the read-only one is refused "to {action}" with a bare 403 (Parse's file routes). */
    public static MasterOnly refusingReadOnlyOverHttp(String action) {
        return new MasterOnly(true, action, true);
    }

    /** Anyone the route's own rules let in, except the read-only master key: a bare 403 (file uploads). */
    public static MasterOnly notReadOnlyOverHttp(String action) {
        return new MasterOnly(false, action, true);
    }

    /** Throws Parse's answer when {@code auth} (null: no request) may not call the route. */
    public void check(Auth auth) {
        if (masterRequired && (auth == null || !auth.master() && !auth.readOnly())) {
            throw HttpError.masterKeyRequired();
        }
        if (readOnlyRefusedTo != null && auth != null && auth.readOnly()) {
            String detail = "read-only masterKey isn't allowed to " + readOnlyRefusedTo + ".";
            throw refusedOverHttp
                    ? HttpError.forbidden(detail)
                    : ParseException.sanitized(ParseError.OPERATION_FORBIDDEN, detail);
        }
    }
}

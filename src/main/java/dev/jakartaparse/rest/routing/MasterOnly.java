package dev.jakartaparse.rest.routing;

import dev.jakartaparse.model.Auth;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.rest.support.HttpError;

/**
 * The master key a route needs, and the one check of it, made by {@code MasterKeyFilter} for the
 * resources and by batch for its sub-requests. Without a master key: 403 {"error":"Permission
 * denied"} (Parse Server's sanitized "unauthorized: master key is required"). The read-only master
 * key passes, unless the route writes: then 119 "read-only masterKey isn't allowed to ..."
 * (sanitized), as Parse Server answers it.
 *
 * @param readOnlyRefusedTo what the route does, for the refusal of the read-only master key; null
 *                          when the read-only master key may call the route
 */
public record MasterOnly(String readOnlyRefusedTo) {

    /** The master key or the read-only one. */
    public static final MasterOnly READ_ONLY_ALLOWED = new MasterOnly(null);

    /** The master key; the read-only one is refused "to {action}". */
    public static MasterOnly refusingReadOnly(String action) {
        return new MasterOnly(action);
    }

    /** Throws Parse's answer when {@code auth} (null: no request) may not call the route. */
    public void check(Auth auth) {
        if (auth == null || !auth.master() && !auth.readOnly()) {
            throw HttpError.masterKeyRequired();
        }
        if (readOnlyRefusedTo != null && auth.readOnly()) {
            throw ParseException.sanitized(
                    ParseError.OPERATION_FORBIDDEN, "read-only masterKey isn't allowed to " + readOnlyRefusedTo + ".");
        }
    }
}

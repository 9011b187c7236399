package dev.jakartaparse.config;

import java.util.Map;

/**
 * Email verification and password reset, with Parse Server's option names.
 *
 * @param verifyUserEmails                   new or changed emails must be confirmed through a link
 * @param emailVerifyTokenValiditySeconds    how long a verification link works (null: forever)
 * @param emailVerifyTokenReuseIfValid       a resend reuses a still-valid link
 * @param preventLoginWithUnverifiedEmail    unconfirmed users cannot log in (205)
 * @param appName                            the name used in emails and pages
 * @param smtp                               the email adapter (null: none, so nothing can be sent)
 * @param customPages                        page id (e.g. passwordReset) to an URL to redirect to
 * @param emailVerifySuccessOnInvalidEmail   answer success for unknown emails (no enumeration)
 * @param resetPasswordSuccessOnInvalidEmail answer success for unknown emails (no enumeration)
 * @param preventSignupWithUnverifiedEmail   sign-up answers 205 until the email is verified
 * @param sendUserEmailVerification          false: tokens are made but no email is sent
 */
public record EmailOptions(
        boolean verifyUserEmails,
        Long emailVerifyTokenValiditySeconds,
        boolean emailVerifyTokenReuseIfValid,
        boolean preventLoginWithUnverifiedEmail,
        String appName,
        SmtpOptions smtp,
        Map<String, String> customPages,
        boolean emailVerifySuccessOnInvalidEmail,
        boolean resetPasswordSuccessOnInvalidEmail,
        boolean preventSignupWithUnverifiedEmail,
        boolean sendUserEmailVerification) {

    /** The SMTP server mail goes out through (Jakarta Mail). */
    public record SmtpOptions(
            String host,
            int port,
            String username,
            String password,
            boolean startTls,
            boolean ssl,
            String fromAddress) {}

    public static EmailOptions none() {
        return new EmailOptions(false, null, false, false, null, null, Map.of(), true, true, false, true);
    }
}

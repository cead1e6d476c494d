package dev.holdfast.platform.identity.mfa;

import dev.holdfast.platform.shared.settings.InvalidSettingException;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of sign-in's second factors.
 *
 * @param required whether every user needs a second factor ({@code HOLDFAST_IDENTITY_MFA_REQUIRED}, default false);
 *     users without one are sent to enrol one before anything else
 * @param issuer the name authenticator apps show next to the account ({@code HOLDFAST_IDENTITY_MFA_ISSUER}, default Holdfast)
 * @param codeLength digits of a one-time code sent by email or SMS, 6 to 8 ({@code HOLDFAST_IDENTITY_MFA_CODE_LENGTH}, default 6)
 * @param codeTtl how long such a code works ({@code HOLDFAST_IDENTITY_MFA_CODE_TTL}, default 5m)
 * @param maxFailures failed second-factor attempts per account within {@code failureWindow} after which the
 *     factor step answers 429 ({@code HOLDFAST_IDENTITY_MFA_MAX_FAILURES}, default 5)
 * @param failureWindow see {@code maxFailures} ({@code HOLDFAST_IDENTITY_MFA_FAILURE_WINDOW}, default 15m)
 * @param recentSignIn how long after signing in a user may remove a factor without typing the password again
 *     ({@code HOLDFAST_IDENTITY_MFA_RECENT_SIGN_IN}, default 5m)
 * @param rpName the name passkey dialogs show ({@code HOLDFAST_IDENTITY_MFA_RP_NAME}, default Holdfast); the
 *     relying party id is the host of {@code HOLDFAST_BASE_URL} (localhost without one)
 * @param sms the SMS gateway ({@code HOLDFAST_IDENTITY_MFA_SMS_*})
 */
@ConfigurationProperties("holdfast.identity.mfa")
record MfaSettings(@Nullable Boolean required, @Nullable String issuer, @Nullable Integer codeLength,
        @Nullable Duration codeTtl, @Nullable Integer maxFailures, @Nullable Duration failureWindow,
        @Nullable Duration recentSignIn, @Nullable String rpName, @Nullable Sms sms) {

    /**
     * Which gateway sends SMS codes and how the built-in HTTP gateway calls its provider. The HTTP gateway sends
     * {@code method} to {@code url} with {@code headers} and a body made from {@code bodyTemplate}, in which
     * {@code {to}} and {@code {message}} are replaced by the phone number and the text, each JSON-escaped (without
     * quotes), e.g. {@code {"to":"{to}","text":"{message}"}}; any 2xx answer counts as sent.
     *
     * @param gateway the id of the gateway to use ({@code HOLDFAST_IDENTITY_MFA_SMS_GATEWAY}, default http); SMS
     *     is off while the chosen gateway is not configured
     * @param url where the HTTP gateway sends ({@code HOLDFAST_IDENTITY_MFA_SMS_URL}); SMS is off without it
     * @param method HTTP method ({@code HOLDFAST_IDENTITY_MFA_SMS_METHOD}, default POST)
     * @param headers extra request headers such as Authorization ({@code HOLDFAST_IDENTITY_MFA_SMS_HEADERS_<NAME>})
     * @param bodyTemplate the JSON body ({@code HOLDFAST_IDENTITY_MFA_SMS_BODY_TEMPLATE},
     *     default {@code {"to":"{to}","message":"{message}"}})
     */
    record Sms(@Nullable String gateway, @Nullable String url, @Nullable String method, @Nullable Map<String, String> headers,
            @Nullable String bodyTemplate) {

        Sms {
            gateway = gateway == null || gateway.isBlank() ? "http" : gateway;
            url = url == null || url.isBlank() ? null : url;
            method = method == null || method.isBlank() ? "POST" : method.toUpperCase(java.util.Locale.ROOT);
            headers = headers == null ? Map.of() : Map.copyOf(headers);
            bodyTemplate = bodyTemplate == null || bodyTemplate.isBlank() ? "{\"to\":\"{to}\",\"message\":\"{message}\"}" : bodyTemplate;
        }
    }

    MfaSettings {
        required = required != null && required;
        issuer = issuer == null || issuer.isBlank() ? "Holdfast" : issuer;
        codeLength = codeLength == null ? 6 : codeLength;
        if (codeLength < 6 || codeLength > 8) {
            throw new InvalidSettingException("HOLDFAST_IDENTITY_MFA_CODE_LENGTH", codeLength.toString(), "6, 7 or 8");
        }
        codeTtl = positive(codeTtl, Duration.ofMinutes(5), "HOLDFAST_IDENTITY_MFA_CODE_TTL");
        maxFailures = maxFailures == null ? 5 : maxFailures;
        failureWindow = positive(failureWindow, Duration.ofMinutes(15), "HOLDFAST_IDENTITY_MFA_FAILURE_WINDOW");
        recentSignIn = positive(recentSignIn, Duration.ofMinutes(5), "HOLDFAST_IDENTITY_MFA_RECENT_SIGN_IN");
        rpName = rpName == null || rpName.isBlank() ? "Holdfast" : rpName;
        sms = sms == null ? new Sms(null, null, null, null, null) : sms;
    }

    private static Duration positive(@Nullable Duration value, Duration fallback, String name) {
        Duration result = value == null ? fallback : value;
        if (result.isNegative() || result.isZero()) {
            throw new InvalidSettingException(name, result.toString(), "a positive duration such as 5m");
        }
        return result;
    }
}

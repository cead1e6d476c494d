package dev.holdfast.platform.identity.mfa;

/**
 * Sends a text message. Implementations are beans with a unique {@link #id()}; {@code HOLDFAST_IDENTITY_MFA_SMS_GATEWAY}
 * chooses one. Holdfast has a generic HTTP gateway ({@code http}, see {@link MfaSettings.Sms}).
 */
public interface SmsGateway {

    /** A short unique name, e.g. {@code http}. */
    String id();

    /** Whether it has what it needs to send; SMS codes are not offered otherwise. */
    boolean configured();

    /**
     * Sends the message now.
     *
     * @param to the phone number as the user entered it (E.164, e.g. {@code +4915112345678})
     * @throws SmsDeliveryException when the provider cannot be reached or refuses
     */
    void send(String to, String message);

    /** The provider could not be reached or refused the message. */
    class SmsDeliveryException extends RuntimeException {
        public SmsDeliveryException(String message, Throwable cause) {
            super(message, cause);
        }

        public SmsDeliveryException(String message) {
            super(message);
        }
    }
}

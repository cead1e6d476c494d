package dev.holdfast.platform.shared.settings;

/**
 * A setting has a value Holdfast cannot work with. Start-up stops with one line naming the setting, the value and
 * what is accepted (see {@link InvalidSettingFailureAnalyzer}).
 */
public class InvalidSettingException extends IllegalArgumentException {

    private final String setting;
    private final String accepted;

    /**
     * @param setting the environment variable that carries the setting, e.g. {@code HOLDFAST_DATABASE_URL}
     * @param value the rejected value; must not be a secret
     * @param accepted what values are accepted, in words
     */
    public InvalidSettingException(String setting, String value, String accepted) {
        super(setting + "=" + value + " is not valid: expected " + accepted);
        this.setting = setting;
        this.accepted = accepted;
    }

    public String setting() {
        return setting;
    }

    public String accepted() {
        return accepted;
    }
}

package dev.holdfast.platform.identity.mfa;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Every {@link SmsGateway} bean by id (duplicates are refused at start), and the one the settings choose. */
@Component
class SmsGateways {

    private final Map<String, SmsGateway> byId = new HashMap<>();
    private final String chosen;

    SmsGateways(List<SmsGateway> gateways, MfaSettings settings) {
        for (SmsGateway gateway : gateways) {
            if (byId.putIfAbsent(gateway.id(), gateway) != null) {
                throw new IllegalStateException("two SMS gateways have the id " + gateway.id());
            }
        }
        this.chosen = settings.sms().gateway();
    }

    /** The chosen gateway when it exists and is configured. */
    Optional<SmsGateway> active() {
        return Optional.ofNullable(byId.get(chosen)).filter(SmsGateway::configured);
    }
}

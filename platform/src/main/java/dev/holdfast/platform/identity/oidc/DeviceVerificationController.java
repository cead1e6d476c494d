package dev.holdfast.platform.identity.oidc;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The page a user opens to connect a device (RFC 8628): enter the code the device shows. Submitting it goes to
 * Spring's device verification endpoint (same path, with {@code user_code}), which asks for consent when the
 * application requires it and comes back here with {@code success} or {@code error}.
 */
@Controller
class DeviceVerificationController {

    static final String PATH = "/oauth2/device_verification";

    @GetMapping(path = PATH, params = "!user_code")
    String enterCode(@RequestParam(required = false) String success, @RequestParam(required = false) String error, Model model) {
        model.addAttribute("connected", success != null);
        model.addAttribute("failed", error != null);
        return "identity/oidc/device";
    }
}

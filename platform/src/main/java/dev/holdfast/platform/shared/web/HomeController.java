package dev.holdfast.platform.shared.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page: greeting and a tile per module. */
@Controller
class HomeController {

    @GetMapping("/")
    String home() {
        return "home";
    }
}

package dev.holdfast.platform.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.ModelAndView;

class ShellInterceptorUnitTests {

    @Controller
    static class Pages {
        String page() { return "home"; }
        @ResponseBody String fragment() { return "text"; }
        ModelAndView explicit() { return new ModelAndView("home"); }
    }

    @RestController
    static class Api {
        Map<String, Object> list() { return Map.of(); }
        ModelAndView view() { return new ModelAndView("home"); }
        Object anything() { return Map.of(); }
    }

    static class NoController {
        String page() { return "home"; }
    }

    @Test
    void pagesOfControllersGetTheShell() throws Exception {
        assertThat(ShellInterceptor.mayRenderPage(handler(new Pages(), "page"))).isTrue();
        assertThat(ShellInterceptor.mayRenderPage(handler(new Pages(), "explicit"))).isTrue();
    }

    @Test
    void apiBodiesDoNotBecauseTheyRenderNoPage() throws Exception {
        assertThat(ShellInterceptor.mayRenderPage(handler(new Api(), "list"))).isFalse();
        assertThat(ShellInterceptor.mayRenderPage(handler(new Pages(), "fragment"))).isFalse();
        assertThat(ShellInterceptor.mayRenderPage(handler(new NoController(), "page"))).isFalse();
    }

    @Test
    void restControllerMethodsThatMayAnswerWithAViewStillDo() throws Exception {
        // a ModelAndView (or an Object that may be one) renders a view even under @RestController
        assertThat(ShellInterceptor.mayRenderPage(handler(new Api(), "view"))).isTrue();
        assertThat(ShellInterceptor.mayRenderPage(handler(new Api(), "anything"))).isTrue();
    }

    private static HandlerMethod handler(Object bean, String method) throws Exception {
        return new HandlerMethod(bean, bean.getClass().getDeclaredMethod(method));
    }
}

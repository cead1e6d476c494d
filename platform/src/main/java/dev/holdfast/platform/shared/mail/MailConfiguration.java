package dev.holdfast.platform.shared.mail;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MailConfiguration {

    @Bean
    OutgoingMail outgoingMail(MailSettings settings) {
        return new SmtpMail(settings);
    }
}

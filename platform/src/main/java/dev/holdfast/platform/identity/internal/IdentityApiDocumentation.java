package dev.holdfast.platform.identity.internal;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The title and the two ways to authenticate of the OpenAPI document springdoc writes for {@code /api/identity/v1}. */
@Configuration(proxyBeanMethods = false)
class IdentityApiDocumentation {

    @Bean
    OpenAPI identityApiDocument() {
        return new OpenAPI()
                .info(new Info().title("Holdfast identity admin API").version("v1").description(
                        "Users, groups, memberships, roles, assignments, service accounts and API tokens. Errors are RFC 9457 "
                                + "problem details: 400 bad input, 401 no or bad credentials, 403 not an administrator or no "
                                + "CSRF token, 404 unknown, 409 duplicate name, group loop or last administrator."))
                .components(new Components()
                        .addSecuritySchemes("apiToken", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("A service account's API token; the account needs the holdfast.admin permission."))
                        .addSecuritySchemes("session", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.COOKIE).name("HOLDFAST_SESSION")
                                .description("An administrator's session; changes also need the X-CSRF-TOKEN header.")))
                .addSecurityItem(new SecurityRequirement().addList("apiToken"))
                .addSecurityItem(new SecurityRequirement().addList("session"));
    }
}

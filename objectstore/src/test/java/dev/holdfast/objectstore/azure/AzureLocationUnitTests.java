package dev.holdfast.objectstore.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.objectstore.InvalidLocationException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AzureLocationUnitTests {

    @Test
    void parsesContainerAndPrefix() {
        assertThat(AzureLocation.parse("azure:backups/restic/prod")).isEqualTo(new AzureLocation("backups", "restic/prod/"));
        assertThat(AzureLocation.parse("azure:backups")).isEqualTo(new AzureLocation("backups", ""));
        assertThat(AzureLocation.parse("azure:backups/restic").toString()).isEqualTo("azure:backups/restic");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "azure:                       | has no container",
        "azure:/prefix                | has no container",
        "azure:Backups/x              | invalid container 'Backups'",
        "azure:ab                     | invalid container 'ab'",
        "azure:a--b                   | invalid container 'a--b'",
        "azure:backups//x             | invalid prefix '/x'",
        "azure:https://acct.blob.core.windows.net/c | has a URL",
    })
    void namesTheBadPart(String location, String part) {
        assertThatThrownBy(() -> AzureLocation.parse(location))
                .isInstanceOf(InvalidLocationException.class)
                .hasMessageContaining(part);
    }

    @Test
    void readsCredentialsFromTheEnvironmentMapItIsGiven() {
        AzureSettings settings = AzureSettings.fromEnvironment(Map.of("AZURE_STORAGE_ACCOUNT", "acct",
                "AZURE_STORAGE_KEY", "a2V5"));

        assertThat(settings.accountName()).isEqualTo("acct");
        assertThat(settings.tier()).isEqualTo(Tier.COOL);
        assertThat(settings.toString()).doesNotContain("a2V5");
        assertThatThrownBy(() -> AzureSettings.fromEnvironment(Map.of("AZURE_STORAGE_ACCOUNT", "acct")))
                .hasMessageContaining("needs an account key or a SAS token");
    }
}

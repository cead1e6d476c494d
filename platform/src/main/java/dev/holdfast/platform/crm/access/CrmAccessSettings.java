package dev.holdfast.platform.crm.access;

import dev.holdfast.platform.shared.settings.InvalidSettingException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * CRM access control settings ({@code HOLDFAST_CRM_ACCESS_*}).
 *
 * @param revisionCheck how often a node looks whether another node changed roles, teams, mappings or group
 *     memberships ({@code HOLDFAST_CRM_ACCESS_REVISION_CHECK}, default 1s): one primary-key read at most this often;
 *     changes made on the node itself hold at once
 */
@ConfigurationProperties("holdfast.crm.access")
record CrmAccessSettings(@Nullable Duration revisionCheck) {

    CrmAccessSettings {
        revisionCheck = revisionCheck == null ? Duration.ofSeconds(1) : revisionCheck;
        if (revisionCheck.isNegative() || revisionCheck.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new InvalidSettingException("HOLDFAST_CRM_ACCESS_REVISION_CHECK", revisionCheck.toString(),
                    "a duration from 0s to 5m, such as 1s");
        }
    }
}

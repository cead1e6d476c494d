package dev.holdfast.objectstore.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.objectstore.InvalidLocationException;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class S3LocationUnitTests {

    @Test
    void parsesEndpointBucketAndPrefix() {
        assertThat(S3Location.parse("s3:https://minio.example:9000/backups/holdfast/prod"))
                .isEqualTo(new S3Location(URI.create("https://minio.example:9000"), "backups", "holdfast/prod/"));
        assertThat(S3Location.parse("s3:http://127.0.0.1:4568/bucket"))
                .isEqualTo(new S3Location(URI.create("http://127.0.0.1:4568"), "bucket", ""));
        assertThat(S3Location.parse("s3:my-bucket/attachments/"))
                .isEqualTo(new S3Location(null, "my-bucket", "attachments/"));
    }

    @Test
    void printsBackWithoutTheTrailingSlash() {
        assertThat(S3Location.parse("s3:https://host/bucket/a/b").toString()).isEqualTo("s3:https://host/bucket/a/b");
        assertThat(S3Location.parse("s3:bucket").toString()).isEqualTo("s3:bucket");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "s3:https://host                 | has no bucket",
        "s3:https://host/                | has no bucket",
        "s3:ftp://host/bucket            | endpoint scheme 'ftp'",
        "s3:https:///bucket              | has no host",
        "s3:https://key:secret@host/b1b  | user info 'key:secret@'",
        "s3:https://host/Bucket_Name     | invalid bucket 'Bucket_Name'",
        "s3:https://host/bucket/a/../b   | invalid prefix 'a/../b'",
        "s3:https://host/bucket?x=1      | query or fragment",
        "s3:/bucket                      | has no bucket",
    })
    void namesTheBadPart(String location, String part) {
        assertThatThrownBy(() -> S3Location.parse(location))
                .isInstanceOf(InvalidLocationException.class)
                .hasMessageContaining("'" + location + "'")
                .hasMessageContaining(part);
    }

    @Test
    void readsCredentialsFromTheEnvironmentMapItIsGiven() {
        S3Settings settings = S3Settings.fromEnvironment(java.util.Map.of("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE",
                "AWS_SECRET_ACCESS_KEY", "very-secret", "AWS_DEFAULT_REGION", "eu-central-1"));

        assertThat(settings.accessKeyId()).isEqualTo("AKIAEXAMPLE");
        assertThat(settings.region()).isEqualTo("eu-central-1");
        assertThat(settings.pathStyle()).isFalse();
        assertThat(settings.toString()).doesNotContain("very-secret");
        assertThat(S3Settings.fromEnvironment(java.util.Map.of()).accessKeyId()).isNull();
        assertThatThrownBy(() -> S3Settings.fromEnvironment(java.util.Map.of("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE")))
                .hasMessageContaining("give both or none");
    }
}

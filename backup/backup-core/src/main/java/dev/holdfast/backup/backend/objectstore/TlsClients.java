package dev.holdfast.backup.backend.objectstore;

import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import dev.holdfast.backup.backend.TlsSettings;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.JdkSslContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

/**
 * The SDKs' HTTP clients set up with {@link TlsSettings}: the AWS SDK's Apache client for S3, the Azure SDK's Netty
 * client for Azure. Each checks the host name unless the settings are insecure.
 */
final class TlsClients {

    private TlsClients() {}

    /** For {@code S3ClientBuilder.httpClientBuilder}: the SDK builds the client and closes it with the S3 client. */
    static ApacheHttpClient.Builder s3(TlsSettings tls) {
        return ApacheHttpClient.builder().socketFactory(new SSLConnectionSocketFactory(tls.sslContext(),
                tls.insecure() ? NoopHostnameVerifier.INSTANCE : SSLConnectionSocketFactory.getDefaultHostnameVerifier()));
    }

    /** For {@code BlobServiceClientBuilder.httpClient}. */
    static HttpClient azure(TlsSettings tls) {
        JdkSslContext context = new JdkSslContext(tls.sslContext(), true, ClientAuth.NONE);
        reactor.netty.http.client.HttpClient netty = reactor.netty.http.client.HttpClient.create()
                .secure(spec -> spec.sslContext(context).handlerConfigurator(handler -> {
                    SSLEngine engine = handler.engine();
                    SSLParameters parameters = engine.getSSLParameters();
                    parameters.setEndpointIdentificationAlgorithm(tls.insecure() ? null : "HTTPS");
                    engine.setSSLParameters(parameters);
                }));
        return new NettyAsyncHttpClientBuilder(netty).build();
    }
}

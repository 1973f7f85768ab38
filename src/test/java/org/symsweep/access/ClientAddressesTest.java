package org.symsweep.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which client a sign-in is counted against: X-Forwarded-For only counts when it comes from a trusted proxy. */
class ClientAddressesTest {
    private static ClientAddresses trusting(String... proxies) {
        AuthConfig config = new AuthConfig();
        config.trustedProxies = proxies.length == 0 ? Optional.empty() : Optional.of(List.of(proxies));
        return new ClientAddresses(config);
    }

    @Test
    void withoutTrustedProxiesTheConnectionsAddressIsTheClientWhateverTheHeaderSays() {
        ClientAddresses clients = trusting();
        assertThat(clients.client("203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
        assertThat(clients.client("203.0.113.9", null)).isEqualTo("203.0.113.9");
    }

    @Test
    void behindATrustedProxyTheRightMostUntrustedHopIsTheClient() {
        ClientAddresses clients = trusting("10.0.0.5", "10.1.0.0/16");
        // The client may write anything left of what the proxies append: only the right-most untrusted hop counts.
        assertThat(clients.client("10.0.0.5", "1.2.3.4, 198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(clients.client("10.0.0.5", "198.51.100.7, 10.1.2.3")).isEqualTo("198.51.100.7");
        // A request not from a trusted proxy is its own client, header or not.
        assertThat(clients.client("203.0.113.9", "198.51.100.7")).isEqualTo("203.0.113.9");
        // Garbage, names (never looked up) and empty entries leave the request counted against the proxy.
        assertThat(clients.client("10.0.0.5", "example.com")).isEqualTo("10.0.0.5");
        assertThat(clients.client("10.0.0.5", "999.1.1.1")).isEqualTo("10.0.0.5");
        assertThat(clients.client("10.0.0.5", "")).isEqualTo("10.0.0.5");
    }

    @Test
    void ipv6ClientsAreCountedPerSlash64() {
        ClientAddresses clients = trusting("::1");
        assertThat(clients.client("2001:db8:1:2::1", null)).isEqualTo(clients.client("2001:db8:1:2:ffff::9", null))
                .isNotEqualTo(clients.client("2001:db8:1:3::1", null));
        assertThat(clients.client("0:0:0:0:0:0:0:1", "[2001:db8:1:2::5]")).isEqualTo(clients.client("2001:db8:1:2::1", null));
        assertThat(clients.client("::1", "::ffff:198.51.100.7")).isEqualTo("198.51.100.7");
    }

    @Test
    void aMistypedTrustedProxyStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> trusting("proxy.internal")).hasMessageContaining("symsweep.auth.trusted-proxies")
                .hasMessageContaining("proxy.internal");
        assertThatThrownBy(() -> trusting("10.0.0.0/33")).hasMessageContaining("prefix length");
    }
}

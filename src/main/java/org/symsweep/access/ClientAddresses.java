package org.symsweep.access;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Who a client is, for throttling: the address the connection came from, or, when that is one of the
 * configured trusted proxies, the right-most address in X-Forwarded-For that is not itself a trusted proxy
 * (entries left of it can be written by the client). IPv6 clients are counted per /64, the block one
 * subscriber usually gets, so rotating through it does not buy a fresh budget.
 */
@ApplicationScoped
@Startup // a mistyped trusted proxy stops the start, not the first sign-in
public class ClientAddresses {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final int MAX_HOPS = 20;

    private final List<Range> trusted = new ArrayList<>();

    public ClientAddresses(AuthConfig config) {
        for (String entry : config.trustedProxies()) {
            if (!entry.isBlank()) {
                trusted.add(Range.parse(entry.strip()));
            }
        }
    }

    private record Range(byte[] prefix, int bits) {
        static Range parse(String text) {
            int slash = text.indexOf('/');
            InetAddress address = literal(slash < 0 ? text : text.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("symsweep.auth.trusted-proxies: '" + text
                        + "' is not an IP address or CIDR range (such as 10.0.0.5 or 10.0.0.0/8)");
            }
            int max = address.getAddress().length * 8;
            int bits = max;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > max) {
                    throw new IllegalArgumentException("symsweep.auth.trusted-proxies: '" + text + "' has a prefix length outside 0.." + max);
                }
            }
            return new Range(address.getAddress(), bits);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((bytes[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The throttling key of this request. */
    public String client(io.vertx.core.http.HttpServerRequest request) {
        // Every X-Forwarded-For line in order: a proxy may add its own line rather than extend the client's.
        java.util.List<String> lines = request.headers().getAll("X-Forwarded-For");
        return client(request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
                lines.isEmpty() ? null : String.join(",", lines));
    }

    /** The throttling key of a request from {@code peer} (the connection's address) with this X-Forwarded-For (or null). */
    public String client(String peer, String forwardedFor) {
        InetAddress address = literal(peer);
        if (address == null) {
            return peer == null ? "unknown" : peer;
        }
        if (forwardedFor != null && isTrusted(address)) {
            String[] hops = forwardedFor.split(",", -1);
            for (int i = hops.length - 1; i >= Math.max(0, hops.length - MAX_HOPS); i--) {
                InetAddress hop = literal(hops[i].strip());
                if (hop == null) {
                    break; // a malformed entry: count the request against the last address we can trust
                }
                address = hop;
                if (!isTrusted(hop)) {
                    break;
                }
            }
        }
        return key(address);
    }

    private boolean isTrusted(InetAddress address) {
        for (Range range : trusted) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static String key(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
        }
        return address.getHostAddress();
    }

    /** An IP address written as a literal, else null; never a name lookup. */
    static InetAddress literal(String text) {
        if (text == null) {
            return null;
        }
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        boolean v4 = IPV4.matcher(text).matches();
        if (!v4 && !(text.indexOf(':') >= 0 && IPV6.matcher(text).matches())) {
            return null;
        }
        try {
            return InetAddress.getByName(text); // a literal: parsed, not looked up
        } catch (UnknownHostException e) {
            return null;
        }
    }
}

package org.geochat;

import java.util.List;
import java.util.Optional;
import org.geochat.chat.ChatConfig;
import org.geochat.chat.cluster.ClusterConfig;
import org.geochat.core.Settings;
import org.geochat.demo.DemoConfig;
import org.geochat.geoip.GeoIpConfig;
import org.geochat.lookup.LookupConfig;
import org.geochat.net.ClientAddress;
import org.geochat.net.IpRange;

/**
 * Every geochat setting, typed, with its default: each feature's own, and the few the root shares among them.
 * Names are the environment-variable form; see {@link Settings} for the system-property and context-parameter
 * forms and the order they are read in. README.md's configuration table lists the same settings.
 */
public record Config(
        LookupConfig lookup,
        GeoIpConfig geoip,
        DemoConfig demo,
        ChatConfig chat,
        Optional<ClusterConfig> cluster,
        List<IpRange> trustedProxies,
        String forwardedHeader,
        List<IpRange> metricsAllow) {

    public static Config from(Settings settings) {
        ChatConfig chat = ChatConfig.from(settings);
        return new Config(
                LookupConfig.from(settings),
                GeoIpConfig.from(settings),
                DemoConfig.from(settings),
                chat,
                ClusterConfig.from(settings, chat.history()),
                ranges(settings, "GEOCHAT_TRUSTED_PROXIES", ""),
                settings.oneOf(
                        "GEOCHAT_FORWARDED_HEADER",
                        ClientAddress.X_FORWARDED_FOR,
                        ClientAddress.X_FORWARDED_FOR,
                        ClientAddress.FORWARDED),
                ranges(settings, "GEOCHAT_METRICS_ALLOW", "127.0.0.0/8,::1/128"));
    }

    /** How this deployment finds its callers' addresses behind the proxies it trusts. */
    ClientAddress clientAddress() {
        return new ClientAddress(trustedProxies, forwardedHeader);
    }

    /** Comma- or space-separated CIDRs; {@code none} for none. */
    private static List<IpRange> ranges(Settings settings, String envName, String defaultValue) {
        List<String> cidrs =
                settings.text(envName).isPresent() ? settings.list(envName) : List.of(defaultValue.split(","));
        return cidrs.stream()
                .filter(cidr -> !cidr.isBlank() && !"none".equals(cidr))
                .map(cidr -> {
                    try {
                        return IpRange.parse(cidr.strip());
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(envName + ": " + e.getMessage(), e);
                    }
                })
                .toList();
    }
}

package org.geochat.geoip;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** English country names for ISO 3166-1 alpha-2 codes, from the JDK's locale data: no extra data file. */
final class CountryNames {

    private static final Map<String, String> NAMES = Stream.concat(Stream.of(Locale.getISOCountries()), Stream.of("XK"))
            .distinct()
            .collect(Collectors.toUnmodifiableMap(
                    Function.identity(), code -> new Locale("", code).getDisplayCountry(Locale.ENGLISH)));

    private CountryNames() {}

    /** The English name, or the code itself when the JDK does not know it. */
    static String of(String code) {
        return NAMES.getOrDefault(code, code);
    }
}

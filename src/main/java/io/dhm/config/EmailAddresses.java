package io.dhm.config;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.util.List;

/** Comma-separated address lists, checked with Jakarta Mail's strict RFC 822 parser. */
public final class EmailAddresses {

    private EmailAddresses() {
    }

    public static List<String> parseList(String variable, String text) {
        return CommaList.parse(text, item -> parse(variable, item));
    }

    public static String parse(String variable, String address) {
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            if (!parsed.getAddress().contains("@")) {
                throw new AddressException("missing '@domain'");
            }
            return parsed.getAddress();
        } catch (AddressException e) {
            throw new InvalidSettingException(variable, "'" + address + "' is not a valid email address (" + e.getMessage() + ")");
        }
    }
}

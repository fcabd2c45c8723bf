package io.mashups.analyticsingest.capture;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import ua_parser.CachingParser;
import ua_parser.Client;
import ua_parser.Parser;

/**
 * Classes a User-Agent: crawlers by the ua-parser project's list (uap-core's regexes, device family {@code Spider}),
 * headless and automated browsers by their own tokens, and otherwise desktop, mobile, tablet or other. Parsing is
 * cached: a handful of agents make most of the traffic.
 */
@ApplicationScoped
public class Agents {
    /** What a person's browser or app never says. */
    private static final Pattern AUTOMATION = Pattern.compile(
            "headless|phantomjs|puppeteer|playwright|selenium|webdriver|slimerjs|lighthouse|pingdom|uptime|monitor",
            Pattern.CASE_INSENSITIVE);

    private static final Set<String> DESKTOP_SYSTEMS =
            Set.of("windows", "mac os x", "linux", "ubuntu", "chrome os", "fedora", "freebsd", "debian");

    public enum AgentClass {
        BOT,
        DESKTOP,
        MOBILE,
        TABLET,
        OTHER;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Parser parser;

    public Agents() {
        this.parser = new CachingParser();
    }

    /** A missing agent counts as a bot: every browser and app sends one. */
    public AgentClass classify(String userAgent) {
        if (userAgent == null || userAgent.isBlank() || userAgent.length() > 1024) {
            return AgentClass.BOT;
        }
        if (AUTOMATION.matcher(userAgent).find()) {
            return AgentClass.BOT;
        }
        Client client = parser.parse(userAgent);
        String device = client.device.family.toLowerCase(Locale.ROOT);
        String system = client.os.family.toLowerCase(Locale.ROOT);
        if (device.equals("spider")) {
            return AgentClass.BOT;
        }
        if (device.contains("ipad")
                || device.contains("tablet")
                || device.contains("kindle")
                || (system.equals("android") && !userAgent.contains("Mobile"))) {
            return AgentClass.TABLET;
        }
        if (system.equals("ios") || system.equals("android") || userAgent.contains("Mobile")) {
            return AgentClass.MOBILE;
        }
        return DESKTOP_SYSTEMS.contains(system) ? AgentClass.DESKTOP : AgentClass.OTHER;
    }
}

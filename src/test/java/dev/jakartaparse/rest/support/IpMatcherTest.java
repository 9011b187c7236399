package dev.jakartaparse.rest.support;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.List;

class IpMatcherTest {

    @Test
    void loopbackDefaults() {
        List<String> dflt = List.of("127.0.0.1", "::1");
        assertTrue(IpMatcher.anyMatches(dflt, "127.0.0.1"));
        assertTrue(IpMatcher.anyMatches(dflt, "0:0:0:0:0:0:0:1"));
        assertTrue(IpMatcher.anyMatches(dflt, "::ffff:127.0.0.1"));
        assertFalse(IpMatcher.anyMatches(dflt, "10.0.0.5"));
    }

    @Test
    void cidrRanges() {
        assertTrue(IpMatcher.anyMatches(List.of("10.0.0.0/8"), "10.200.3.4"));
        assertFalse(IpMatcher.anyMatches(List.of("10.0.0.0/8"), "11.0.0.1"));
        assertTrue(IpMatcher.anyMatches(List.of("192.168.1.0/25"), "192.168.1.127"));
        assertFalse(IpMatcher.anyMatches(List.of("192.168.1.0/25"), "192.168.1.128"));
        assertTrue(IpMatcher.anyMatches(List.of("0.0.0.0/0"), "8.8.8.8"));
        assertTrue(IpMatcher.anyMatches(List.of("::/0"), "2001:db8::1"));
        assertFalse(IpMatcher.anyMatches(List.of("::/0"), "8.8.8.8"));
    }

    @Test
    void garbageNeverMatchesAndNeverResolvesNames() {
        assertFalse(IpMatcher.anyMatches(List.of("localhost"), "127.0.0.1"));
        assertFalse(IpMatcher.anyMatches(List.of("10.0.0.0/99"), "10.0.0.1"));
        assertFalse(IpMatcher.anyMatches(List.of("127.0.0.1"), null));
        assertFalse(IpMatcher.anyMatches(List.of("127.0.0.1"), "not-an-ip"));
    }
}

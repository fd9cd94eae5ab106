package io.taleforge.commons.download;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = { "127.0.0.1", "127.8.9.10", "0.0.0.0", "10.0.0.5", "172.16.0.1", "172.31.255.255",
            "192.168.1.1", "169.254.169.254", "169.254.0.1", "100.64.0.1", "224.0.0.1", "239.255.255.250",
            "255.255.255.255", "240.0.0.1", "192.0.2.1", "198.18.0.1", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1",
            "fec0::1", "ff02::1", "::ffff:169.254.169.254", "::ffff:10.0.0.1", "64:ff9b::a9fe:a9fe", "2002:a9fe:a9fe::1",
            "2001:db8::1" })
    void internalAddressesAreRefused(String address) throws Exception {
        assertTrue(AddressPolicy.refused(InetAddress.getByName(address), false), address);
    }

    @ParameterizedTest
    @ValueSource(strings = { "20.60.40.4", "52.239.152.10", "8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1",
            "2603:1030:b:3::1", "2a00:1450:4001:80b::200e" })
    void publicAddressesPass(String address) throws Exception {
        assertFalse(AddressPolicy.refused(InetAddress.getByName(address), false), address);
    }

    @ParameterizedTest
    @ValueSource(strings = { "127.0.0.1", "::1" })
    void loopbackPassesOnlyWithTheTestOnlyFlag(String address) throws Exception {
        assertFalse(AddressPolicy.refused(InetAddress.getByName(address), true), address);
        assertTrue(AddressPolicy.refused(InetAddress.getByName("169.254.169.254"), true), "metadata stays refused");
        assertTrue(AddressPolicy.refused(InetAddress.getByName("10.1.2.3"), true), "site-local stays refused");
    }
}

package io.taleforge.commons.download;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Which addresses a download may reach: public unicast only. Refused: loopback, any-local,
 * link-local (169.254/16 with the cloud metadata endpoint, fe80::/10), site-local (10/8,
 * 172.16/12, 192.168/16, fec0::/10), unique-local IPv6 (fc00::/7), multicast, carrier-grade NAT
 * (100.64/10), 0/8, the IETF, documentation, benchmark and reserved blocks, broadcast, and IPv6
 * forms that embed an IPv4 address (mapped, compatible, NAT64 64:ff9b::/96, 6to4 2002::/16) when
 * that address is refused.
 */
public final class AddressPolicy {

    private AddressPolicy() {
    }

    /** Whether {@code address} is internal (refused); loopback passes only when {@code allowLoopback}. */
    public static boolean refused(InetAddress address, boolean allowLoopback) {
        if (address.isLoopbackAddress()) {
            return !allowLoopback;
        }
        if (address.isAnyLocalAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return refusedV4(b);
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return true; // fc00::/7 unique local
            }
            if (first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
                return true; // 2001:db8::/32 documentation
            }
            if (first == 0x01 && allZero(b, 1, 8)) {
                return true; // 100::/64 discard
            }
            byte[] embedded = embeddedV4(b);
            if (embedded != null) {
                return embedded == b || refused(v4(embedded), allowLoopback);
            }
            return false;
        }
        return true;
    }

    private static boolean refusedV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        return a0 == 0 // 0/8 "this network"
                || a0 == 10 || a0 == 127
                || (a0 == 100 && a1 >= 64 && a1 <= 127) // 100.64/10 carrier-grade NAT
                || (a0 == 169 && a1 == 254) // link-local, cloud metadata 169.254.169.254
                || (a0 == 172 && a1 >= 16 && a1 <= 31)
                || (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) // IETF protocol assignments, TEST-NET-1
                || (a0 == 192 && a1 == 168)
                || (a0 == 198 && (a1 == 18 || a1 == 19)) // benchmarking
                || (a0 == 198 && a1 == 51 && a2 == 100) // TEST-NET-2
                || (a0 == 203 && a1 == 0 && a2 == 113) // TEST-NET-3
                || a0 >= 224; // multicast, reserved 240/4, broadcast
    }

    /** The IPv4 address inside an IPv6 one (mapped, compatible, NAT64, 6to4); {@code b} itself for ::; else null. */
    private static byte[] embeddedV4(byte[] b) {
        if (allZero(b, 0, 16)) {
            return b;
        }
        if (allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return Arrays.copyOfRange(b, 12, 16); // ::ffff:a.b.c.d
        }
        if (allZero(b, 0, 12)) {
            return Arrays.copyOfRange(b, 12, 16); // ::a.b.c.d (deprecated compatible form)
        }
        if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && allZero(b, 4, 12)) {
            return Arrays.copyOfRange(b, 12, 16); // 64:ff9b::/96 NAT64
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return Arrays.copyOfRange(b, 2, 6); // 2002::/16 6to4
        }
        return null;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress v4(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}

"""SSRF guard: refuse URLs whose host resolves to a non-public address.

Store URLs and webhook callback URLs come from users; without this guard a user could make
AnyCart call its own database, the cloud metadata service or anything else on the operator's
network. Operators who run stores on a private network opt in with
``ANYCART_ALLOW_PRIVATE_NETWORKS=true``. ``anycart demo`` opens loopback, and only loopback,
to webhook callbacks (``allow_loopback``): its user's receiver runs on the same machine.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit


class UnsafeURLError(ValueError):
    """The URL is malformed or points at an address that is not allowed."""


def _is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
                or ip.is_reserved or ip.is_unspecified)


def split_http_url(url: str) -> tuple[str, int]:
    """(host, port) of an http(s) URL; :class:`UnsafeURLError` for anything else, including
    what the parsers raise on (an unclosed ``[``, a DNS label over 63 characters)."""
    try:
        parts = urlsplit(url)
    except ValueError:  # "Invalid IPv6 URL"
        raise UnsafeURLError(f"'{url}' is not an http(s) URL") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeURLError(f"'{url}' is not an http(s) URL")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise UnsafeURLError(f"'{url}' has an invalid port") from None
    host = parts.hostname
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        try:  # what the resolver and httpx will do with it: IDNA, at most 63 per label
            if not host.encode("idna") or any(c in host for c in "\x00 /\\"):
                raise UnicodeError
        except UnicodeError:
            raise UnsafeURLError(f"'{url}' has an invalid host name") from None
    return host, port


def _is_loopback(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_loopback


def check_addresses(host: str, addresses: list[str], allow_private: bool,
                    allow_loopback: bool = False) -> None:
    if allow_private:
        return
    for addr in addresses:
        ip = ipaddress.ip_address(addr.split("%", 1)[0])
        if allow_loopback and _is_loopback(ip):
            continue
        if not _is_public(ip):
            raise UnsafeURLError(
                f"host '{host}' resolves to {ip}, a private/loopback/link-local address; "
                "set ANYCART_ALLOW_PRIVATE_NETWORKS=true to allow it")


async def resolve(host: str, port: int) -> list[str]:
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise UnsafeURLError(f"host '{host}' cannot be resolved ({exc.strerror})") from None
    # In the resolver's order of preference (RFC 6724), without repeats.
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


async def check_url(url: str, allow_private: bool, allow_loopback: bool = False) -> None:
    host, port = split_http_url(url)
    check_addresses(host, await resolve(host, port), allow_private, allow_loopback)
